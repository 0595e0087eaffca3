# Reference values for tests/test_eivreg.py: [R] eivreg's Methods and formulas computed directly
# (A = X'WX - S, S_jj = (1 - r_j) sum w (x_j - xbar)^2, b = A^-1 X'Wy, s2 = (y'Wy - b'Ab)/(N - k),
# V = s2 A^-1 X'WX A^-1), and lm() for the case with every reliability 1.
# Run: Rscript tests/eivreg_reference/eivreg.R > tests/eivreg_reference/eivreg_values.txt
d <- read.csv("tests/eivreg_reference/eiv.csv")
eiv <- function(y, X, w, r) {
  N <- sum(w); XX <- crossprod(X, X * w); A <- XX
  xbar <- colSums(X * w) / N
  for (j in seq_along(r)) A[j, j] <- A[j, j] - (1 - r[j]) * sum(w * (X[, j] - xbar[j])^2)
  b <- solve(A, crossprod(X, w * y))
  s2 <- (sum(w * y^2) - drop(t(b) %*% A %*% b)) / (N - ncol(X))
  V <- s2 * solve(A) %*% XX %*% solve(A)
  ym2 <- sum(w * y)^2 / N
  r2 <- (drop(t(b) %*% A %*% b) - ym2) / (sum(w * y^2) - ym2)
  idx <- 1:(ncol(X) - 1)
  F <- drop(t(b[idx]) %*% solve(V[idx, idx]) %*% b[idx]) / length(idx)
  list(b = drop(b), se = sqrt(diag(V)), rmse = sqrt(s2), r2 = r2, F = F)
}
X <- cbind(d$x1, d$x2, d$g, 1)
show <- function(tag, f) {
  cat(tag, "b", sprintf("%.10g", f$b), "\n")
  cat(tag, "se", sprintf("%.10g", f$se), "\n")
  cat(tag, "stats", sprintf("%.10g", c(f$rmse, f$r2, f$F)), "\n")
}
show("r80_90", eiv(d$y, X, rep(1, nrow(d)), c(.8, .9, 1, 1)))
show("fw75", eiv(d$y, X, d$w, c(.75, 1, 1, 1)))
show("aw75", eiv(d$y, X, d$w * nrow(d) / sum(d$w), c(.75, 1, 1, 1)))
m <- summary(lm(y ~ x1 + x2 + g, data = d))
cat("lm b", sprintf("%.10g", coef(m)[c(2:4, 1), 1]), "\n")
cat("lm se", sprintf("%.10g", coef(m)[c(2:4, 1), 2]), "\n")
