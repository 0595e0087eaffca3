# Reference values for tests/test_predict_streg.py: predict after streg age female on the lung
# data (stset time, failure(died)), from survreg's fits (streg's time form): the median
# (predict type = "quantile"), S(_t) (1 - psurvreg), the hazard dsurvreg / (1 - psurvreg),
# Cox-Snell -ln S, the mean time (integrate() of S), martingale d - cs, deviance sign(m) sqrt(-2 (m + d ln(d - m))).
# Run: Rscript tests/survival_reference/predict_streg.R > tests/survival_reference/predict_streg.json
library(survival)
d <- read.csv("tests/survival_reference/lung.csv")
out <- list()
for (dist in c("weibull", "lognormal", "loglogistic")) {
  f <- survreg(Surv(time, died) ~ age + female, data = d, dist = dist)
  lp <- predict(f, type = "lp")
  S <- 1 - psurvreg(d$time, lp, f$scale, dist)
  h <- dsurvreg(d$time, lp, f$scale, dist) / S
  cs <- -log(S); m <- d$died - cs
  dev <- sign(m) * sqrt(-2 * (m + d$died * log(ifelse(d$died > 0, d$died - m, 1))))
  # the mean: the integral of S(t) over t > 0, numerically (over u = ln t: S(e^u) e^u; S by the
  # upper tails of R's own distribution functions)
  surv <- function(u, m) switch(dist, weibull = pweibull(exp(u), 1 / f$scale, exp(m), lower.tail = FALSE),
                                lognormal = pnorm(u, m, f$scale, lower.tail = FALSE),
                                loglogistic = plogis(u, m, f$scale, lower.tail = FALSE))
  mean <- sapply(seq_along(lp), function(i) integrate(function(u) surv(u, lp[i]) * exp(u), lp[i] - 40, lp[i] + 80,
                                                      rel.tol = 1e-10, subdivisions = 2000)$value)
  out[[dist]] <- list(mean = mean, median = unname(predict(f, type = "quantile", p = 0.5)), surv = S, hazard = h,
                      csnell = cs, mgale = m, deviance = dev, xb = unname(lp))
}
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
