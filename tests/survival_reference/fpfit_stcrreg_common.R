# What the fpfit estcmd(stcrreg) reference scripts share (sourced by fpfit_stcrreg*.R): Stata 13
# fracpoly's degree-2 powers, the FP terms, the search by the deviance -2 ll of a crr fit, the
# observation twoway keeps at each distinct x (sorted by x and y: the smallest y) and fracpred's
# x b and stdp there.
library(cmprsk)
S <- c(-2, -1, -0.5, 0, 0.5, 1, 2, 3)
fp <- function(z, p) {
  t1 <- if (p[1] == 0) log(z) else z^p[1]
  t2 <- if (p[2] == p[1]) t1 * log(z) else if (p[2] == 0) log(z) else z^p[2]
  cbind(t1, t2)
}
best_powers <- function(z, fit) {
  best <- NULL
  for (i in seq_along(S)) for (j in i:length(S)) {
    p <- c(S[i], S[j])
    dev <- -2 * fit(fp(z, p))$loglik
    if (is.null(best) || dev < best$dev - 1e-12 * abs(best$dev)) best <- list(p = p, dev = dev)
  }
  best$p
}
kept_rows <- function(x, y) {
  o <- order(x, y)
  o[c(TRUE, diff(x[o]) != 0)]
}
fracpred <- function(powers, at, X0, b, V) {
  list(powers = powers, at = at, xb = as.vector(X0 %*% b), se = sqrt(rowSums((X0 %*% V) * X0)), b = unname(b))
}
