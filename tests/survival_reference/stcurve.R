# stcurve's curves on lung.csv (tests/test_stcurve.py): coxph (Breslow ties) with survfit at the
# covariate means and at sex = 1, 2 (cumulative hazard: Breslow's; survival: stype = 1, the
# product-limit form); survreg weibull, exponential, lognormal and loglogistic survivor/hazard at 101 equally spaced times.
library(survival)
library(jsonlite)
d <- read.csv("lung.csv")
fit <- coxph(Surv(time, died) ~ age + sex, data = d, ties = "breslow")
means <- data.frame(age = mean(d$age), sex = mean(d$sex))
at <- data.frame(age = mean(d$age), sex = c(1, 2))
times <- sort(d$time)
cox_curve <- function(nd, stype) {
  sf <- survfit(fit, newdata = nd, stype = stype, ctype = 1)
  s <- summary(sf, times = times, extend = TRUE)
  list(surv = as.matrix(s$surv), cumhaz = as.matrix(s$cumhaz))
}
m1 <- cox_curve(means, 1)
m2 <- cox_curve(means, 2)
a2 <- cox_curve(at, 2)
# Breslow hazard increments at the means: the smoothed hazard's contributions
sf <- survfit(fit, newdata = means, ctype = 1)
ev <- sf$n.event > 0
inc <- diff(c(0, sf$cumhaz))[ev]
grid <- seq(min(d$time), max(d$time), length.out = 101)
para <- function(dist) {
  f <- survreg(Surv(time, died) ~ age + sex, data = d, dist = dist)
  lp <- sum(coef(f) * c(1, mean(d$age), mean(d$sex)))
  lp_at <- sum(coef(f) * c(1, mean(d$age), 2))
  if (dist == "exponential") f$scale <- 1
  if (dist %in% c("weibull", "exponential")) {
    S <- function(t, lp) exp(-(t / exp(lp))^(1 / f$scale))
    h <- function(t, lp) (1 / f$scale) * t^(1 / f$scale - 1) / exp(lp)^(1 / f$scale)
  } else if (dist == "loglogistic") {
    S <- function(t, lp) 1 / (1 + exp((log(t) - lp) / f$scale))
    h <- function(t, lp) exp((log(t) - lp) / f$scale) / (f$scale * t) * S(t, lp)
  } else {
    S <- function(t, lp) 1 - pnorm((log(t) - lp) / f$scale)
    h <- function(t, lp) dnorm((log(t) - lp) / f$scale) / (f$scale * t) / S(t, lp)
  }
  list(surv = S(grid, lp), hazard = h(grid, lp), surv_sex2 = S(grid, lp_at))
}
out <- list(times = times, surv_means_km = m1$surv[, 1], cumhaz_means = m2$cumhaz[, 1],
            cumhaz_sex1 = a2$cumhaz[, 1], cumhaz_sex2 = a2$cumhaz[, 2],
            event_times = sf$time[ev], hazard_increments = inc, grid = grid,
            weibull = para("weibull"), lognormal = para("lognormal"),
            exponential = para("exponential"), loglogistic = para("loglogistic"))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), "stcurve.json")
