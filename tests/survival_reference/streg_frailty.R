# Reference values for tests/test_streg_frailty.py: streg's frailty models on the kidney
# (catheter) data, stset time, failure(status) (the *_entry cases: entering at t0 = time/2 on
# every third record), covariates age female, written out here from [ST] streg's closed forms
# and maximised by optim() (R's own frailty terms are penalised fits, not these marginal
# likelihoods).  With h_j, H_j, H0_j the hazards and cumulative hazards (at t and t0) of the
# model without frailty, an unshared record contributes
#   d (ln h + ln t) + ln M(d, H) - ln M(0, H0)          (ln t: Stata's log likelihood of ln t)
# and a shared(id) group with D failures
#   sum_j d_j (ln h_j + ln t_j) + ln M(D, sum_j (H_j - H0_j))
# M(D, s) = E[z^D exp(-z s)], z gamma (mean 1, variance theta) or inverse Gaussian (mean 1,
# variance theta), by direct integration formulas:
#   gamma: lgamma(1/th + D) - lgamma(1/th) + D ln th - (1/th + D) ln(1 + th s)
#   IG:    0.5 ln(2/(pi th)) + 1/th - (D/2 - 1/4) ln(1 + 2 th s) + ln K_(D-1/2)(sqrt(1 + 2 th s)/th)
# ll_c the model without frailty, ll_0 the constant-only frailty model; V = solve(-optimHess).
# Run: Rscript tests/survival_reference/streg_frailty.R > tests/survival_reference/streg_frailty.json
source("tests/survival_reference/streg_frailty_likelihood.R")
z0 <- numeric(n)
cases <- list(
  list(name = "weibull_gamma_shared", dist = "weibull", kind = "gamma", g = g_shared, t0 = z0),
  list(name = "weibull_invgaussian_shared", dist = "weibull", kind = "invgaussian", g = g_shared, t0 = z0),
  list(name = "weibull_gamma_unshared", dist = "weibull", kind = "gamma", g = g_unshared, t0 = z0),
  list(name = "exponential_gamma_shared", dist = "exponential", kind = "gamma", g = g_shared, t0 = z0),
  list(name = "lognormal_gamma_shared", dist = "lognormal", kind = "gamma", g = g_shared, t0 = z0),
  list(name = "gompertz_invgaussian_shared", dist = "gompertz", kind = "invgaussian", g = g_shared, t0 = z0),
  list(name = "weibull_gamma_shared_entry", dist = "weibull", kind = "gamma", g = g_shared, t0 = t0_entry),
  list(name = "weibull_gamma_unshared_entry", dist = "weibull", kind = "gamma", g = g_unshared, t0 = t0_entry),
  list(name = "weibull_invgaussian_shared_entry", dist = "weibull", kind = "invgaussian", g = g_shared,
       t0 = t0_entry),
  # stset [iweight = iw], iw = 1 + mod(id, 3)/2: constant within each shared(id) group
  list(name = "weibull_gamma_shared_iweight", dist = "weibull", kind = "gamma", g = g_shared, t0 = z0,
       w = 1 + (d$id %% 3) / 2),
  list(name = "weibull_invgaussian_shared_iweight", dist = "weibull", kind = "invgaussian", g = g_shared,
       t0 = z0, w = 1 + (d$id %% 3) / 2))
out <- list()
for (cs in cases) {
  aux <- if (cs$dist == "exponential") NULL else if (cs$dist == "gompertz") -0.01 else 0
  cons <- if (cs$dist %in% c("lognormal", "loglogistic")) 4 else -4
  st <- c(0, 0, cons, aux)
  shared <- !identical(cs$g, g_unshared)
  w <- if (is.null(cs$w)) rep(1, n) else cs$w
  pc <- maxim(function(p) ll_plain(p, cs$dist, X, cs$t0, w), st)
  f <- function(p) ll_frailty(p, cs$dist, cs$kind, X, cs$g, shared, cs$t0, w)
  fit <- maxim(f, c(pc$par, -1))
  f0 <- function(p) ll_frailty(p, cs$dist, cs$kind, X0, cs$g, shared, cs$t0, w)
  fit0 <- maxim(f0, c(cons, aux, -1))
  V <- solve(-optimHess(fit$par, f, control = list(ndeps = rep(1e-4, length(fit$par)))))
  out[[cs$name]] <- list(b = fit$par, se = sqrt(diag(V)), ll = fit$value, ll_c = pc$value, ll_0 = fit0$value)
}
# vce(cluster id) after the unshared gamma Weibull: V (sum over ids of the records' score sums'
# outer products) V G/(G-1), the records' scores by central differences of their contributions
ll_records <- function(par) {
  xb <- drop(X %*% par[1:3]); th <- exp(par[5]); pr <- parts("weibull", xb, par[4], t)
  dd * pr$lh + log_mix("gamma", dd, pr$H, th)
}
fit <- out[["weibull_gamma_unshared"]]; p <- fit$b
f <- function(q) ll_frailty(q, "weibull", "gamma", X, g_unshared, FALSE, z0)
V <- solve(-optimHess(p, f, control = list(ndeps = rep(1e-4, length(p)))))
S <- sapply(seq_along(p), function(j) {
  e <- replace(numeric(length(p)), j, 1e-5); (ll_records(p + e) - ll_records(p - e)) / 2e-5
})
Sc <- rowsum(S, d$id); G <- nrow(Sc)
out$weibull_gamma_unshared$cluster_se <- sqrt(diag(V %*% crossprod(Sc) %*% V * G / (G - 1)))
cat(jsonlite::toJSON(out, digits = 12, auto_unbox = TRUE, pretty = TRUE), "\n")
