# Reference values for tests/test_graphs_fpfit_ml_options.py: twoway fpfit/fpfitci with the ML
# commands' own estopts() and the glm families fpfit fits.  fracpoly's degree-2 search over the
# pairs of S (fp_terms.R) by -2 ll, the final model's terms centred at the mean of x, x b (with
# the offset of the observation twoway keeps at each x: the smallest y there) and its stdp at
# the distinct x.  The log likelihoods are Stata's (glm's family programs glim_v4/v5/v6: gamma
# and inverse Gaussian at scale 1, the negative binomial at its k); V = phi (-H)^-1, H the
# Hessian of that log likelihood in b (Richardson-extrapolated central differences), phi
# Pearson's X2/(N - k) for gamma, inverse Gaussian and glm's scale(x2); vfactor(2) doubles V.
#   poisson, exposure(t)           glm(poisson, offset = log(t))
#   logit, vce(opg)                V = (sum s_i s_i')^-1, s_i = (y_i - p_i) x_i
#   logit, predopts(dresid)        sign(y - p) sqrt(-2 ln p | -2 ln(1 - p)) at the kept observation
#   nbreg, dispersion(constant)    NB1 (var = mu (1 + delta)) by optim + Newton, V of (b, ln delta)
#   glm gamma/log, igaussian/log   glm() for b (the ML estimates), ll and V by hand
#   glm binomial 20, scale(x2) vfactor(2); glm nbinomial ml (MASS::glm.nb's alpha as k)
# Run in this folder: Rscript fpfit_ml_options.R > fpfit_ml_options.json
suppressMessages(library(MASS))
set.seed(20261202)
n <- 80
x <- round(runif(n, 0.5, 6), 1)
t <- rep(1:4, length.out = n)
yc <- rpois(n, t * exp(0.1 + 0.5 * log(x)))
yb <- rbinom(n, 1, plogis(-1 + 0.5 * x))
yg <- round(rgamma(n, shape = 3, rate = 3 / exp(0.3 + 0.4 * log(x))), 3)
ym <- rbinom(n, 20, plogis(-1 + 0.7 * log(x)))
ynb <- rnbinom(n, mu = 2 * x^0.5, size = 1.2)
source("fp_terms.R")
control <- glm.control(epsilon = 1e-14, maxit = 200)
hess <- function(f, th) {
  k <- length(th)
  one <- function(h) {
    H <- matrix(0, k, k)
    for (a in 1:k) for (b in 1:k) {
      ea <- replace(numeric(k), a, h); eb <- replace(numeric(k), b, h)
      H[a, b] <- (f(th + ea + eb) - f(th + ea - eb) - f(th - ea + eb) + f(th - ea - eb)) / (4 * h * h)
    }
    H
  }
  (4 * one(1e-4) - one(2e-4)) / 3
}
first <- function(y) sapply(sort(unique(x)), function(v) { i <- which(x == v); i[which.min(y[i])] })
# fit(X, y): list(b, ll, V) with X holding the constant; the search and the final model
fp <- function(y, fit, off = rep(0, n)) {
  best <- Inf
  for (i in seq_along(S)) for (j in i:length(S)) {
    p <- c(S[i], S[j])
    d <- -2 * fit(cbind(1, terms(z, p)), y, off)$ll
    if (d < best - 1e-9) { best <- d; bp <- p }
  }
  centre <- terms(mean(z), bp)
  X <- cbind(1, sweep(terms(z, bp), 2, centre))
  f <- fit(X, y, off)
  at <- sort(unique(x))
  X0 <- cbind(1, sweep(terms(at / scale, bp), 2, centre))
  kept <- first(y)
  list(powers = bp, at = at, xb = as.vector(X0 %*% f$b) + off[kept], se = sqrt(rowSums((X0 %*% f$V) * X0)),
       kept = kept, f = f)
}
glm_fit <- function(family, ll_obs, phi_of = function(f) 1, vf = 1) function(X, y, off) {
  g <- glm(y ~ X - 1, family = family, offset = off, control = control)
  b <- coef(g)
  ll <- function(bb) sum(ll_obs(y, family$linkinv(as.vector(X %*% bb) + off)))
  list(b = b, ll = ll(b), V = vf * phi_of(g) * solve(-hess(ll, b)), g = g)
}
pearson_phi <- function(g) sum(residuals(g, type = "pearson")^2) / df.residual(g)
poisson_ll <- function(y, mu) dpois(y, mu, log = TRUE)
out <- list()
r <- fp(yc, glm_fit(poisson(), poisson_ll), log(t)); out$poisson_exposure <- r
opg_logit <- function(X, y, off) {
  g <- glm(y ~ X - 1, family = binomial(), control = control)
  p <- fitted(g); s <- X * (y - p)
  list(b = coef(g), ll = sum(dbinom(y, 1, p, log = TRUE)), V = solve(crossprod(s)))
}
out$logit_opg <- fp(yb, opg_logit)
r <- fp(yb, glm_fit(binomial(), function(y, mu) dbinom(y, 1, mu, log = TRUE)))
p <- plogis(r$xb); yk <- yb[r$kept]
r$dresid <- ifelse(yk == 1, sqrt(-2 * log(p)), -sqrt(-2 * log(1 - p))); out$logit_dresid <- r
nb1 <- function(X, y, off) {
  k <- ncol(X)
  ll <- function(th) {
    mu <- exp(as.vector(X %*% th[1:k])); d <- exp(th[k + 1]); m <- mu / d
    sum(lgamma(y + m) - lgamma(m) - lgamma(y + 1) + m * log(1 / (1 + d)) + y * log(d / (1 + d)))
  }
  th <- c(coef(glm(y ~ X - 1, family = poisson())), 0)
  th <- optim(th, ll, method = "BFGS", control = list(fnscale = -1, reltol = 1e-14, maxit = 1000))$par
  for (i in 1:20) {  # Newton polish
    H <- hess(ll, th)
    g <- sapply(seq_along(th), function(a) { e <- replace(numeric(length(th)), a, 1e-6); (ll(th + e) - ll(th - e)) / 2e-6 })
    th <- th - solve(H, g)
  }
  list(b = th[1:k], ll = ll(th), V = solve(-hess(ll, th))[1:k, 1:k], lndelta = th[k + 1])
}
out$nbreg_constant <- fp(ynb, nb1)
gamma_ll <- function(y, mu) -y / mu - log(mu)
out$gamma_log <- fp(yg, glm_fit(Gamma("log"), gamma_ll, pearson_phi))
ig_ll <- function(y, mu) -0.5 * ((y - mu)^2 / (y * mu^2) + log(2 * pi * y^3))
out$igaussian_log <- fp(yg, glm_fit(inverse.gaussian("log"), ig_ll, pearson_phi))
binm <- function(X, y, off) {
  g <- glm(cbind(y, 20 - y) ~ X - 1, family = binomial(), control = control)
  ll <- function(bb) sum(dbinom(y, 20, plogis(as.vector(X %*% bb)), log = TRUE))
  list(b = coef(g), ll = ll(coef(g)), V = 2 * pearson_phi(g) * solve(-hess(ll, coef(g))))
}
out$binomial20 <- fp(ym, binm)
nbml <- function(X, y, off) {
  alpha <- 1 / glm.nb(y ~ X - 1, control = control)$theta
  m <- 1 / alpha
  llo <- function(y, mu) lgamma(m + y) - lgamma(y + 1) - lgamma(m) - m * log1p(mu / m) + y * log(mu / (mu + m))
  f <- glm_fit(negative.binomial(m, link = "log"), llo)(X, y, off)
  f$alpha <- alpha
  f
}
out$nbinomial_ml <- fp(ynb, nbml)
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
cat("{\n")
cat(sprintf('  "x": [%s],\n  "t": [%s],\n  "yc": [%s],\n  "yb": [%s],\n  "yg": [%s],\n  "ym": [%s],\n  "ynb": [%s],\n',
            num(x), num(t), num(yc), num(yb), num(yg), num(ym), num(ynb)))
items <- sapply(names(out), function(k) {
  r <- out[[k]]
  extra <- if (!is.null(r$dresid)) sprintf(', "dresid": [%s]', num(r$dresid)) else ""
  sprintf('  "%s": {"powers": [%s], "at": [%s], "xb": [%s], "se": [%s]%s}', k, num(r$powers), num(r$at),
          num(r$xb), num(r$se), extra)
})
cat(paste(items, collapse = ",\n"), "\n}\n", sep = "")
