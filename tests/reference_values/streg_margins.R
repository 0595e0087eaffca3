# Reference values for tests/test_margins_after_streg.py: margins after streg age i.female on the
# lung data (stset time, failure(died)), from survreg's fits.  A margin is the mean over the
# estimation rows of a prediction on a counterfactual copy of the data (female set to 0/1, age
# fixed); its standard error is the delta method sqrt(g V g') with g the gradient (numDeriv's
# Richardson jacobian) of the margin in survreg's parameters (coefficients, log scale) and V
# vcov(fit).  Margins and their delta-method SEs do not depend on the metric (streg's PH or AFT
# form) at the MLE, so survreg's AFT fit stands for both.
# "weibull_anc": streg age i.female, distribution(weibull) time ancillary(i.female) -- ln p linear in
# female, i.e. one Weibull scale for each sex: survreg's strata(female); a counterfactual female
# sets both the linear predictor and the scale.
# Run: Rscript tests/reference_values/streg_margins.R > tests/reference_values/streg_margins.json
library(survival)
d <- read.csv("tests/survival_reference/lung.csv")
# the quantile of the standard error distribution at 1/2: median t = exp(lp + scale * q)
q50 <- c(weibull = log(log(2)), lognormal = 0, loglogistic = 0)
prediction <- function(stat, dist, lp, s, t) {
  switch(stat,
         median = exp(lp + s * q50[[dist]]),
         lnmedian = lp + s * q50[[dist]],
         mean = exp(lp + s^2 / 2),  # lognormal only
         surv = 1 - psurvreg(t, lp, s, dist),
         hazard = dsurvreg(t, lp, s, dist) / (1 - psurvreg(t, lp, s, dist)))
}
out <- list()
for (dist in c("weibull", "lognormal", "loglogistic")) {
  f <- survreg(Surv(time, died) ~ age + factor(female), data = d, dist = dist)
  theta <- c(coef(f), log(f$scale))
  V <- vcov(f)
  margin <- function(th, stat, female = NULL, age = NULL, dydx_age = FALSE) {
    b <- th[1:3]; s <- exp(th[4])
    a <- if (is.null(age)) d$age else rep(age, nrow(d))
    fem <- if (is.null(female)) d$female else rep(female, nrow(d))
    lp <- function(a) b[1] + b[2] * a + b[3] * fem
    if (dydx_age) {
      h <- 1e-4
      return(mean((prediction(stat, dist, lp(a + h), s, d$time) - prediction(stat, dist, lp(a - h), s, d$time)) / (2 * h)))
    }
    mean(prediction(stat, dist, lp(a), s, d$time))
  }
  case <- function(...) {
    g <- numDeriv::jacobian(function(th) margin(th, ...), theta)
    list(b = margin(theta, ...), se = sqrt(drop(g %*% V %*% t(g))))
  }
  res <- list(
    median = case("median"),
    median_female0 = case("median", female = 0), median_female1 = case("median", female = 1),
    hazard = case("hazard"), surv = case("surv"),
    median_dydx_age = case("median", dydx_age = TRUE),
    lnmedian_dydx_age = case("lnmedian", dydx_age = TRUE),
    median_age50 = case("median", age = 50), median_age70 = case("median", age = 70))
  fd <- function(th) margin(th, "median", female = 1) - margin(th, "median", female = 0)
  g <- numDeriv::jacobian(fd, theta)
  res$median_dydx_female <- list(b = fd(theta), se = sqrt(drop(g %*% V %*% t(g))))
  # atmeans: age and the female indicator at their means, one prediction (its dy/dx in age)
  atm <- function(th) {
    b <- th[1:3]; s <- exp(th[4]); h <- 1e-4
    lp <- function(a) b[1] + b[2] * a + b[3] * mean(d$female)
    (prediction("median", dist, lp(mean(d$age) + h), s, NA) - prediction("median", dist, lp(mean(d$age) - h), s, NA)) / (2 * h)
  }
  g <- numDeriv::jacobian(atm, theta)
  res$median_dydx_age_atmeans <- list(b = atm(theta), se = sqrt(drop(g %*% V %*% t(g))))
  if (dist == "lognormal") {
    res$mean_female0 <- case("mean", female = 0)
    res$mean_female1 <- case("mean", female = 1)
  }
  out[[dist]] <- res
}
f <- survreg(Surv(time, died) ~ age + factor(female) + strata(female), data = d, dist = "weibull")
theta <- c(coef(f), log(f$scale))  # scales in stratum order: female 0, 1
V <- vcov(f)
margin_anc <- function(th, stat, female = NULL, dydx_age = FALSE) {
  b <- th[1:3]; s2 <- exp(th[4:5])
  fem <- if (is.null(female)) d$female else rep(female, nrow(d))
  s <- s2[fem + 1]
  lp <- function(a) b[1] + b[2] * a + b[3] * fem
  if (dydx_age) {
    h <- 1e-4
    return(mean((prediction(stat, "weibull", lp(d$age + h), s, d$time) -
                 prediction(stat, "weibull", lp(d$age - h), s, d$time)) / (2 * h)))
  }
  mean(prediction(stat, "weibull", lp(d$age), s, d$time))
}
case_anc <- function(...) {
  g <- numDeriv::jacobian(function(th) margin_anc(th, ...), theta)
  list(b = margin_anc(theta, ...), se = sqrt(drop(g %*% V %*% t(g))))
}
out$weibull_anc <- list(median = case_anc("median"), median_female0 = case_anc("median", female = 0),
                        median_female1 = case_anc("median", female = 1), hazard = case_anc("hazard"),
                        median_dydx_age = case_anc("median", dydx_age = TRUE))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
