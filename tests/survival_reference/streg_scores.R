# Reference values for predict's scores, ccsnell, cmgale and partial after streg
# (tests/test_predict_streg_scores.py) on the lung data, from survival::survreg:
# the equation-level scores from residuals(type = "matrix") (dg = dlnL/d eta, ds = dlnL/d ln sigma):
#   weibull, time:  [_t] dg, /ln_p -ds (ln_p = -ln sigma); lognormal: [_t] dg, /ln_sig ds;
#   weibull, hazard form (xb = -eta p, p = 1/sigma): [_t] -dg/p, /ln_p -ds - dg eta.
# Split at 200 days ((0, 200], (200, time]) the fit is the same; the Cox-Snell residual of a record
# H(t) - H(t0), H(t) = (t exp(-eta))^p, a subject's sum H(time).
# Run from the repository root:
#   Rscript tests/survival_reference/streg_scores.R > tests/survival_reference/streg_scores.json
library(survival)
d <- read.csv("tests/survival_reference/lung.csv")
out <- list()
fw <- survreg(Surv(time, died) ~ age + female, data = d, dist = "weibull")
mw <- residuals(fw, type = "matrix")
eta <- predict(fw, type = "lp")
p <- 1 / fw$scale
out$weibull_time <- list(s1 = unname(mw[, "dg"]), s2 = unname(-mw[, "ds"]))
out$weibull_hazard <- list(s1 = unname(-mw[, "dg"] / p), s2 = unname(-mw[, "ds"] - mw[, "dg"] * eta))
fl <- survreg(Surv(time, died) ~ age + female, data = d, dist = "lognormal")
ml <- residuals(fl, type = "matrix")
out$lognormal <- list(s1 = unname(ml[, "dg"]), s2 = unname(ml[, "ds"]))
H <- function(t, eta) (t * exp(-eta))^p
cut <- pmin(d$time, 200)
later <- d$time > 200
out$split <- list(csnell = unname(H(d$time, eta)), mgale = unname(d$died - H(d$time, eta)),
                  first = unname(H(cut, eta)[later]),
                  second = unname(ifelse(later, H(d$time, eta) - H(200, eta), H(d$time, eta))))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
