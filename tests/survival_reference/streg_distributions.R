# Reference values for tests/test_streg_distributions.py: streg's six distributions on the
# lung data (age female), in Stata's parameterisations and with Stata's log likelihood, that of
# ln t: R's survreg reports the log likelihood of t, so Stata's = survreg's + sum(d ln t) (the
# convention checked against Stata's FAQ "standard error of regression with streg": dist(gamma)
# on the auto data prints -14.77069 = density-of-t optimum -84.65576 + 69.88507).
# weibull, exponential, lognormal, loglogistic: survreg (AFT: streg's time form; ln_p = -log
# scale, ln_sig = ln_gam = log scale).  Robust: survreg(robust = TRUE) times n/(n-1).
# gompertz (hazard form) and generalized gamma: optim() of the log likelihood written out here.
# Run: Rscript tests/survival_reference/streg_distributions.R > tests/survival_reference/streg_distributions.json
library(survival)
d <- read.csv("tests/survival_reference/lung.csv")
t <- d$time; dd <- d$died; X <- cbind(d$age, d$female, 1); n <- nrow(d)
jac <- sum(dd * log(t))
o <- c(2, 3, 1)
out <- list()
for (dist in c("exponential", "weibull", "lognormal", "loglogistic")) {
  f <- survreg(Surv(time, died) ~ age + female, data = d, dist = dist)
  f0 <- survreg(Surv(time, died) ~ 1, data = d, dist = dist)
  fr <- survreg(Surv(time, died) ~ age + female, data = d, dist = dist, robust = TRUE)
  k <- 3
  r <- list(b = unname(coef(f)[o]), se = unname(sqrt(diag(vcov(f)))[o]),
            ll = f$loglik[2] + jac, ll0 = f0$loglik[2] + jac,
            robust_se = unname(sqrt(diag(vcov(fr)) * n / (n - 1))[o]))
  if (dist != "exponential") {
    sgn <- if (dist == "weibull") -1 else 1
    r$aux <- sgn * log(f$scale); r$aux_se <- sqrt(vcov(f)[k + 1, k + 1])
    r$aux_robust_se <- sqrt(vcov(fr)[k + 1, k + 1] * n / (n - 1))
  }
  out[[dist]] <- r
}
gompertz <- function(th) {
  xb <- X %*% th[1:3]; g <- th[4]
  lnS <- -exp(xb) * (exp(g * t) - 1) / g
  sum(dd * (xb + g * t + log(t)) + lnS)
}
ggamma <- function(th) {
  xb <- X %*% th[1:3]; s <- exp(th[4]); k <- th[5]
  z <- sign(k) * (log(t) - xb) / s; g <- 1 / k^2; u <- g * exp(abs(k) * z)
  lf <- g * log(g) - log(s * sqrt(g)) - lgamma(g) + z * sqrt(g) - u
  lS <- if (k > 0) pgamma(u, g, lower.tail = FALSE, log.p = TRUE) else pgamma(u, g, log.p = TRUE)
  sum(dd * lf + (1 - dd) * lS)
}
fitopt <- function(fn, start) {
  p <- optim(start, fn, control = list(fnscale = -1, reltol = 1e-15, maxit = 50000))$par
  for (i in 1:3) p <- optim(p, fn, method = "BFGS", control = list(fnscale = -1, reltol = 1e-16, maxit = 5000,
                                                                    ndeps = rep(1e-6, length(p))))$par
  H <- optimHess(p, fn, control = list(ndeps = pmax(abs(p), 1e-3) * 1e-4))
  list(par = p, ll = fn(p), se = sqrt(diag(solve(-H))))
}
g <- fitopt(gompertz, c(-out$weibull$b * exp(out$weibull$aux), 0.0001)[c(1, 2, 3, 4)] * c(1, 1, 1, 1))
out$gompertz <- list(b = g$par[1:3], se = g$se[1:3], ll = g$ll, aux = g$par[4], aux_se = g$se[4])
gg <- fitopt(ggamma, c(out$lognormal$b, out$lognormal$aux, 0.5))
out$gamma <- list(b = gg$par[1:3], se = gg$se[1:3], ll = gg$ll, aux = gg$par[4:5], aux_se = gg$se[4:5])
# weibull, hazard form, ancillary(female): ln p = g0 + g1 female
weib_anc <- function(th) {
  xb <- X[, c(1, 3)] %*% th[1:2]; lp <- th[3] * d$female + th[4]; p <- exp(lp)
  sum(dd * (xb + lp + p * log(t)) - exp(xb) * t^p)
}
wa <- fitopt(weib_anc, c(-out$weibull$b[c(1, 3)] * exp(out$weibull$aux), 0, out$weibull$aux))
out$weibull_ancillary <- list(b = wa$par, se = wa$se, ll = wa$ll)
# weibull, time form, strata(female): survreg with strata(female) (a scale a stratum);
# streg's ln_p equation: _cons = -log(scale of female 0), 1.female = -log(scale 1) + log(scale 0)
fs <- survreg(Surv(time, died) ~ age + female + strata(female), data = d, dist = "weibull")
out$weibull_strata <- list(b = unname(coef(fs)[o]), ln_p = c(-log(fs$scale[2]) + log(fs$scale[1]), -log(fs$scale[1])),
                           ll = fs$loglik[2] + jac)
# stset [pweight = pw] (pw = 1 + age / 100): survreg's weighted fit; the pweight sandwich
# V (sum_i (w_i s_i)(w_i s_i)') V n/(n-1) from its unweighted dfbeta residuals V s_i (survreg's own
# robust = TRUE with weights is the case-weight sandwich V (sum_i w_i s_i s_i') V instead)
d$pw <- 1 + d$age / 100
fw <- survreg(Surv(time, died) ~ age + female, data = d, dist = "lognormal", weights = pw,
              control = survreg.control(rel.tolerance = 1e-12, iter.max = 100))
dfb <- residuals(fw, type = "dfbeta")
Vpw <- crossprod(d$pw * dfb) * n / (n - 1)
out$lognormal_pweight <- list(b = unname(coef(fw)[o]), se = unname(sqrt(diag(Vpw)))[c(o, 4)],
                              ll = fw$loglik[2] + sum(d$pw * dd * log(t)))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
