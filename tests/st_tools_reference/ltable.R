# Reference values for ltable (tests/test_ltable.py): KMsurv::lifetab's actuarial life table on
# the lung data (tests/survival_reference/lung.csv), time in months (days / 30.4375), intervals
# of 3 months [0,3), [3,6), ..., and by female with 6-month intervals; the log-log interval of S
# (Kalbfleisch-Prentice: S^exp(-/+ z sqrt(sum d/(n'(n'-d))) / |sum ln((n'-d)/n')|)) computed here
# from lifetab's effective numbers at risk n' and deaths d.  Run: Rscript ltable.R > ltable.json
library(KMsurv)
d <- read.csv("tests/survival_reference/lung.csv")
d$months <- d$time / 30.4375
z <- qnorm(0.975)
table_of <- function(s, width) {
  k <- floor(s$months / width)
  n <- max(k) + 1
  nevent <- sapply(0:(n - 1), function(j) sum(s$died[k == j]))
  nlost <- sapply(0:(n - 1), function(j) sum(k == j & s$died == 0))
  tab <- lifetab(c(seq(0, n - 1) * width, n * width), nrow(s), nlost, nevent)
  surv_end <- c(tab$surv[-1], tab$surv[n] * (1 - tab$nevent[n] / tab$nrisk[n]))
  se_end <- surv_end * sqrt(cumsum(tab$nevent / (tab$nrisk * (tab$nrisk - tab$nevent))))
  sell <- sqrt(cumsum(tab$nevent / (tab$nrisk * (tab$nrisk - tab$nevent)))) /
    abs(cumsum(log((tab$nrisk - tab$nevent) / tab$nrisk)))
  list(start = tab$nsubs, deaths = tab$nevent, lost = tab$nlost, survival = surv_end, se = se_end,
       lower = surv_end^exp(z * sell), upper = surv_end^exp(-z * sell),
       hazard = tab$hazard, se_hazard = tab$se.hazard)
}
out <- list(all3 = table_of(d, 3), female = lapply(0:1, function(f) table_of(d[d$female == f, ], 6)))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, na = "null"))
