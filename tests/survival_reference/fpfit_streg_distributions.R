# Reference values for twoway fpfitci age wt_loss, estcmd(streg) estopts(distribution(D) [vce(robust)])
# on stset time, failure(died) (tests/test_fpfit_streg.py): as fpfit_streg.R, for the AFT
# distributions lognormal and loglogistic (survreg's fit is streg's time form; the powers by
# -2 ll, which the sum(d ln t) between the two log likelihoods leaves unchanged), and the
# lognormal with the robust variance (survreg's robust = TRUE times n/(n-1)), and the Weibull's
# time form with strata(female) (survreg's strata(): a scale a stratum, female in the model).
library(survival)
d <- read.csv("tests/survival_reference/lung.csv")
d <- d[!is.na(d$wt.loss), ]
x <- d$age
source("tests/graphs_reference/fp_terms.R")  # S, terms(), the scaled z, search_powers()
o <- order(d$wt.loss, d$age)
keep <- o[c(TRUE, diff(d$wt.loss[o]) != 0)]
n <- nrow(d)
one <- function(dist, robust, strata = FALSE) {
  model <- function(X) {
    if (strata) survreg(Surv(d$time, d$died) ~ X + d$wt.loss + d$female + strata(d$female), dist = dist, robust = robust)
    else survreg(Surv(d$time, d$died) ~ X + d$wt.loss, dist = dist, robust = robust)
  }
  best <- search_powers(function(p) -2 * model(terms(z, p))$loglik[2], tol = 1e-12, relative = TRUE)
  Xc <- sweep(terms(z, best$powers), 2, terms(mean(z), best$powers))
  f <- model(Xc)
  k <- length(coef(f))
  V <- vcov(f)[1:k, 1:k] * (if (robust) n / (n - 1) else 1)
  X0 <- cbind(1, Xc[keep, , drop = FALSE], d$wt.loss[keep], if (strata) d$female[keep])
  list(powers = best$powers, xb = as.vector(X0 %*% coef(f)), se = sqrt(rowSums((X0 %*% V) * X0)))
}
out <- list(at = d$wt.loss[keep], lognormal = one("lognormal", FALSE), loglogistic = one("loglogistic", FALSE),
            lognormal_robust = one("lognormal", TRUE), weibull_strata = one("weibull", FALSE, TRUE))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
