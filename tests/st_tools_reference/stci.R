# Reference values for stci (tests/test_st_ci.py) on the lung data (time in days, died): the
# Kaplan-Meier percentiles and their intervals from survival::survfit (conf.type = "log-log",
# as Stata's sts) and quantile(); the restricted mean and its standard error from
# survfit's summary table (rmean up to each curve's largest time, "individual"); Collett's
# standard error of a percentile and the exponentially extended mean computed here from the
# survfit curve.  Run: Rscript stci.R > stci.json
library(survival)
d <- read.csv("tests/survival_reference/lung.csv")
out <- list()
collett <- function(fit, p) {
  s <- fit$surv; tt <- fit$time; q <- 1 - p / 100
  ps <- tt[which(s <= q)[1]]
  tb1 <- tt[which(s <= q - 0.05)[1]]
  tb2 <- tt[max(which(s >= q + 0.05))]
  se_s <- fit$std.err[tt == ps] * s[tt == ps]      # survfit's std.err is of -log S
  se_s / ((s[tt == tb2] - s[tt == tb1]) / (tb1 - tb2))
}
pct <- function(fit, p) {
  qq <- quantile(fit, probs = p / 100, conf.int = TRUE)
  list(est = unname(qq$quantile), lb = unname(qq$lower), ub = unname(qq$upper), se = collett(fit, p))
}
rm <- function(fit) {
  tab <- summary(fit, rmean = "individual")$table
  list(rmean = unname(tab["rmean"]), se = unname(tab["se(rmean)"]))
}
emean <- function(fit) {
  tmax <- max(fit$time); smax <- fit$surv[length(fit$surv)]
  lam <- -log(smax) / tmax
  unname(summary(fit, rmean = "individual")$table["rmean"]) + exp(-lam * tmax) / lam
}
all <- survfit(Surv(time, died) ~ 1, data = d, conf.type = "log-log")
out$median <- pct(all, 50)
out$p25 <- pct(all, 25)
out$rmean <- rm(all)
out$emean <- emean(all)
out$female_median <- lapply(0:1, function(f) pct(survfit(Surv(time, died) ~ 1, data = d[d$female == f, ],
                                                         conf.type = "log-log"), 50))
out$female_rmean <- lapply(0:1, function(f) rm(survfit(Surv(time, died) ~ 1, data = d[d$female == f, ])))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE))
