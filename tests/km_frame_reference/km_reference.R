# R's survfit on the records make_pins.py writes (python3 make_pins.py --records): per data set and
# group, at each event time, the product-limit S, the Nelson-Aalen H and sum d/n^2 (the variance
# of H, whose row terms are km_frame's Vh).  Writes km_reference.json.
library(survival)
library(jsonlite)
r <- read.csv("records.csv")
out <- list()
for (s in unique(r$set)) for (g in unique(r$g[r$set == s])) {
  x <- r[r$set == s & r$g == g, ]
  fit <- survfit(Surv(t0, t, d) ~ 1, data = x, weights = w, ctype = 1, stype = 1)
  ev <- fit$n.event > 0
  h <- ifelse(fit$n.risk > 0, fit$n.event / fit$n.risk, 0)
  v <- ifelse(fit$n.risk > 0, fit$n.event / fit$n.risk^2, 0)
  out[[paste0(s, "/", g)]] <- list(time = fit$time[ev], n = fit$n.risk[ev], d = fit$n.event[ev],
                                   surv = fit$surv[ev], cumhaz = fit$cumhaz[ev],
                                   var_cumhaz = cumsum(v)[ev], cumsum_h = cumsum(h)[ev])
}
write(toJSON(out, digits = NA), "km_reference.json")
