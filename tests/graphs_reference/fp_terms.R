# fracpoly's powers S and the terms of a power pair (a repeated power p: x^p and x^p log x), and
# the scaled x fracpoly searches on (x / 10^floor(log10(range))); sourced by fpfit_estcmd.R and
# fpfit_nbreg.R, fpfit_jackknife.R, fpfit_constraints.R, fpfit_for_ancillary.R, fpfit_nbreg_for_replicates.R,
# fpfit_jackknife_estcmd.R (run them from this folder) after they define x; best_powers(): fracpoly's degree-2
# search by glm()'s deviance over the pairs of S (the first pair of the smallest deviance);
# fp_fit(): the final model on the terms centred at the mean of x (fracpoly's default), x b and
# its stdp at the distinct x; V R's vcov or, given curvature(y, eta) = -d2 ll/d eta2, the
# inverse observed information (Stata's for a non-canonical link; R reports the expected one).
S <- c(-2, -1, -0.5, 0, 0.5, 1, 2, 3)
terms <- function(z, p) {
  out <- list()
  for (i in seq_along(p)) {
    if (i > 1 && p[i] == p[i - 1]) out[[i]] <- out[[i - 1]] * log(z)
    else out[[i]] <- if (p[i] == 0) log(z) else z^p[i]
  }
  do.call(cbind, out)
}
scale <- 10^floor(log10(max(x) - min(x)))
z <- x / scale
best_powers <- function(y, fam) {
  bestdev <- Inf
  for (i in seq_along(S)) for (j in i:length(S)) {
    p <- c(S[i], S[j])
    d <- deviance(glm(y ~ terms(z, p), family = fam, control = glm.control(epsilon = 1e-14, maxit = 100)))
    if (d < bestdev - 1e-9) { bestdev <- d; bp <- p }
  }
  list(powers = bp, dev = bestdev)
}
# best_pair(): fracpoly's degree-2 search by any deviance, dev(p) of the pair p (NULL: the fit
# failed, the pair skipped as frac_154 skips it); the first pair of the smallest deviance
best_pair <- function(dev) {
  bestdev <- Inf
  for (i in seq_along(S)) for (j in i:length(S)) {
    p <- c(S[i], S[j])
    d <- dev(p)
    if (!is.null(d) && d < bestdev - 1e-9) { bestdev <- d; bp <- p }
  }
  bp
}
fp_fit <- function(y, fam, curvature = NULL) {
  found <- best_powers(y, fam)
  bp <- found$powers
  centre <- terms(mean(z), bp)
  X <- sweep(terms(z, bp), 2, centre)
  fit <- glm(y ~ X, family = fam, control = glm.control(epsilon = 1e-14, maxit = 100))  # converged further than glm's default
  at <- sort(unique(x))
  X0 <- cbind(1, sweep(terms(at / scale, bp), 2, centre))
  xb <- as.vector(X0 %*% coef(fit))
  V <- vcov(fit)
  if (!is.null(curvature)) {
    Xf <- cbind(1, X)
    V <- solve(crossprod(Xf, Xf * curvature(y, as.vector(Xf %*% coef(fit)))))
  }
  se <- sqrt(rowSums((X0 %*% V) * X0))
  list(powers = bp, at = at, xb = xb, se = se, dev = found$dev)
}
