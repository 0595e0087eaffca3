# Reference values for streg (tests/test_survival_streg.py): R's survival::survreg on the lung
# data, exponential and Weibull.  survreg fits the accelerated failure-time form
# log T = x a + sigma W: streg's time metric is a with ln_p = -log(sigma); its hazard metric is
# b = -a / sigma (exponential: sigma = 1).  Also the predicted median time of the Weibull fit.
# Run: Rscript streg_lung.R > streg_lung.json
library(survival)
d <- read.csv("tests/survival_reference/lung.csv")
out <- list()
for (dist in c("exponential", "weibull")) {
  f <- survreg(Surv(time, died) ~ age + female, data = d, dist = dist)
  f0 <- survreg(Surv(time, died) ~ 1, data = d, dist = dist)
  V <- vcov(f)
  a <- coef(f)
  k <- length(a)
  se_a <- sqrt(diag(V))[1:k]
  # survreg orders (Intercept) first; streg puts _cons last
  o <- c(2:k, 1)
  r <- list(aft_b = unname(a[o]), aft_se = unname(se_a[o]), ll = f$loglik[2], ll0 = f0$loglik[2])
  if (dist == "weibull") {
    r$ln_p <- -log(f$scale)
    r$ln_p_se <- sqrt(V[k + 1, k + 1])
    r$median <- unname(predict(f, type = "quantile", p = 0.5))
    s <- f$scale
    # the hazard metric by the delta method in (a, log sigma): b = -a exp(-log sigma)
    J <- cbind(-diag(k) / s, a / s)
    Vb <- J %*% V %*% t(J)
    r$ph_b <- unname((-a / s)[o]); r$ph_se <- unname(sqrt(diag(Vb))[o])
  } else {
    r$ph_b <- unname(-a[o]); r$ph_se <- unname(se_a[o])
  }
  out[[dist]] <- r
}
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
