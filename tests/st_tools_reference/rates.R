# Reference values for strate and stptime (tests/test_st_rates.py) on the lung data
# (tests/survival_reference/lung.csv), time in years (days / 365.25): failures D and person-time
# Y from survival::pyears (by group and by time band, tcut), the rate D/Y and its interval
# exp(log(D/Y) -/+ z/sqrt(D)); the jackknife interval from the leave-one-subject-out log rates
# (pseudo-values n log(D/Y) - (n-1) log(D_-i/Y_-i)), computed here from the records.
# Run: Rscript rates.R > rates.json
library(survival)
d <- read.csv("tests/survival_reference/lung.csv")
d$years <- d$time / 365.25
z <- qnorm(0.975)
row <- function(D, Y) list(D = D, Y = Y, rate = D / Y, lb = exp(log(D / Y) - z / sqrt(D)),
                           ub = exp(log(D / Y) + z / sqrt(D)))
out <- list()
p <- pyears(Surv(years, died) ~ 1, data = d, scale = 1)
out$total <- row(sum(p$event), sum(p$pyears))
p <- pyears(Surv(years, died) ~ female, data = d, scale = 1)
out$female <- lapply(1:2, function(i) row(p$event[i], p$pyears[i]))
e <- d[!is.na(d$ph.ecog), ]
p <- pyears(Surv(years, died) ~ female + ph.ecog, data = e, scale = 1)
cells <- list()
for (f in 1:2) for (g in 1:4) if (p$pyears[f, g] > 0) cells[[length(cells) + 1]] <- row(p$event[f, g], p$pyears[f, g])
out$female_ecog <- cells
# time bands (0,.5] (.5,1] (1,2] (2,100]: tcut on analysis time (every time is below 100)
band <- tcut(rep(0, nrow(d)), c(0, 0.5, 1, 2, 100))
p <- pyears(Surv(years, died) ~ band, data = d, scale = 1)
out$bands <- lapply(1:4, function(i) row(p$event[i], p$pyears[i]))
jack <- function(s) {
  D <- sum(s$died); Y <- sum(s$years); n <- nrow(s)
  pseudo <- n * log(D / Y) - (n - 1) * log((D - s$died) / (Y - s$years))
  m <- mean(pseudo); se <- sqrt(sum((pseudo - m)^2) / (n * (n - 1)))
  list(D = D, Y = Y, rate = D / Y, lb = exp(m - z * se), ub = exp(m + z * se))
}
out$jack_female <- lapply(0:1, function(f) jack(d[d$female == f, ]))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE))
