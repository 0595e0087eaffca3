# Reference values for stcox's strata(), offset(), exactp, exactm and tvc()/texp()
# (tests/test_survival_stcox_extras.py) on the lung data (lung.csv).
#   strata(ph_ecog)          coxph(... + strata(ph.ecog))
#   offset(off), off = wt.loss/100   coxph(... + offset(off))
#   exactp                   coxph(..., ties = "exact") (the exact partial likelihood)
#   tvc(female) [texp()]     coxph(... + tt(female), tt = function(x, t, ...) x * g(t))
#   exactm                   R has none: the exact marginal likelihood written out as the integral
#                            over t of exp(-t) prod_D (1 - exp(-a_i t)), a_i = r_i / sum_{R\D} r,
#                            by integrate(), maximised by optim(); its log likelihood at fixed b too.
# Run from the repository root: Rscript tests/survival_reference/cox_extras.R > tests/survival_reference/cox_extras.json
library(survival)
d <- read.csv("tests/survival_reference/lung.csv")
d$time_years <- d$time / 365.24
d$off <- d$wt.loss / 100
out <- list()
put <- function(name, f) {
  out[[name]] <<- list(b = unname(coef(f)), se = unname(sqrt(diag(vcov(f)))),
                       ll = f$loglik[2], ll0 = f$loglik[1], n = f$n)
}
put("strata_breslow", coxph(Surv(time_years, died) ~ age + female + strata(ph.ecog), data = d, ties = "breslow"))
put("strata_efron", coxph(Surv(time_years, died) ~ age + female + strata(ph.ecog), data = d, ties = "efron"))
put("offset_breslow", coxph(Surv(time_years, died) ~ age + female + offset(off), data = d, ties = "breslow"))
put("exactp", coxph(Surv(time, died) ~ age + female, data = d, ties = "exact"))
put("exactp_strata", coxph(Surv(time, died) ~ age + female + strata(ph.ecog), data = d, ties = "exact"))
put("tvc_t", coxph(Surv(time_years, died) ~ age + female + tt(female), data = d, ties = "breslow",
                   tt = function(x, t, ...) x * t))
put("tvc_log_efron", coxph(Surv(time_years, died) ~ age + female + tt(female) + tt(age), data = d,
                           ties = "efron", tt = function(x, t, ...) x * log(t)))
put("tvc_strata", coxph(Surv(time_years, died) ~ age + female + tt(female) + strata(ph.ecog), data = d,
                        ties = "breslow", tt = function(x, t, ...) x * t))

# exactm on months (many ties)
d$month <- ceiling(d$time / 30)
X <- as.matrix(d[, c("age", "female")])
exactm_ll <- function(b) {
  eta <- drop(X %*% b)
  ll <- 0
  for (tau in sort(unique(d$month[d$died == 1]))) {
    D <- which(d$month == tau & d$died == 1)
    A <- which(d$month >= tau & !(seq_len(nrow(d)) %in% D))
    if (length(A) == 0) next
    m <- max(eta[A])
    a <- exp(eta[D] - m - log(sum(exp(eta[A] - m))))
    f <- function(t) sapply(t, function(u) if (is.finite(u)) exp(-u) * prod(-expm1(-a * u)) else 0)
    ll <- ll + log(integrate(f, 0, Inf, rel.tol = 1e-13, abs.tol = 0, subdivisions = 2000L)$value)
  }
  ll
}
fit <- optim(c(0, 0), function(b) -exactm_ll(b), method = "BFGS",
             control = list(reltol = 1e-15, maxit = 1000))
H <- optimHess(fit$par, function(b) -exactm_ll(b), control = list(ndeps = c(1e-4, 1e-3)))
out[["exactm_months"]] <- list(b = fit$par, se = sqrt(diag(solve(H))), ll = -fit$value,
                               ll0 = exactm_ll(c(0, 0)), ll_at = exactm_ll(c(0.02, -0.5)))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
