# fracpoly's powers S and the terms of a power pair (a repeated power p: x^p and x^p log x), and
# the scaled x fracpoly searches on (z = x / 10^floor(log10(range))); sourced by the fpfit_*.R
# scripts here (run them from this folder) and by tests/survival_reference/fpfit_st*.R (run from
# the repository root) after they define x, the variable fracpoly transforms.
# search_powers(dev_of): fracpoly's degree-2 search -- dev_of(p), the deviance, for each pair p
# of S in fracpoly's order; the first pair of the smallest deviance (a later pair wins only when
# smaller by more than tol; relative = TRUE: tol times the best deviance so far).
# best_powers(): that search by glm()'s deviance.
# best_pair(dev): the same search by any deviance, a NULL deviance (a failed fit) skipped.
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
search_powers <- function(dev_of, tol = 1e-9, relative = FALSE) {
  best <- list(powers = NULL, dev = Inf)
  for (i in seq_along(S)) for (j in i:length(S)) {
    p <- c(S[i], S[j]); d <- dev_of(p)
    margin <- if (relative && !is.null(best$powers)) tol * abs(best$dev) else tol
    if (is.null(best$powers) || d < best$dev - margin) best <- list(powers = p, dev = d)
  }
  best
}
best_powers <- function(y, fam) {
  search_powers(function(p) deviance(glm(y ~ terms(z, p), family = fam,
                                         control = glm.control(epsilon = 1e-14, maxit = 100))))
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
