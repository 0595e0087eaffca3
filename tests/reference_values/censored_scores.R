# Reference values for tests/test_predict_censored_scores.py: predict's equation-level scores
# after tobit (score of xb and of sigma) and intreg (of xb and of ln sigma).  The fits are
# survival::survreg's (gaussian; tobit's censored rows as intervals open at the limit); the
# scores are central-difference derivatives of each row's log likelihood at the fit, computed
# here independently of the closed forms mlm uses.
# Run in this folder: Rscript censored_scores.R > censored_scores.json
library(survival)
library(jsonlite)
set.seed(20261205)
n <- 60
x <- round(rnorm(n), 3)
ystar <- 1 + x + rnorm(n)
y <- round(pmin(pmax(ystar, 0), 2.5), 3)
lo <- ifelse(y <= 0, NA, y); hi <- ifelse(y >= 2.5, NA, y)
f <- survreg(Surv(lo, hi, type = "interval2") ~ x, dist = "gaussian",
             control = survreg.control(rel.tolerance = 1e-12, maxiter = 100))
row_ll <- function(lo, hi, xb, s) {
  ifelse(!is.na(lo) & !is.na(hi) & lo == hi, dnorm((lo - xb) / s, log = TRUE) - log(s),
  ifelse(is.na(lo), pnorm((hi - xb) / s, log.p = TRUE),
  ifelse(is.na(hi), pnorm((lo - xb) / s, lower.tail = FALSE, log.p = TRUE),
         log(pnorm((hi - xb) / s) - pnorm((lo - xb) / s)))))
}
h <- 1e-6
xb <- drop(cbind(1, x) %*% coef(f)); s <- f$scale
tobit <- list(b = unname(coef(f)), sigma = s,
  score_xb = (row_ll(lo, hi, xb + h, s) - row_ll(lo, hi, xb - h, s)) / (2 * h),
  score_sigma = (row_ll(lo, hi, xb, s + h) - row_ll(lo, hi, xb, s - h)) / (2 * h))
# intreg: some uncensored rows made intervals
y1 <- lo; y2 <- hi
y2[1:12] <- ifelse(is.na(y2[1:12]) | is.na(y1[1:12]), y2[1:12], y2[1:12] + 0.5)
g <- survreg(Surv(y1, y2, type = "interval2") ~ x, dist = "gaussian",
             control = survreg.control(rel.tolerance = 1e-12, maxiter = 100))
xb2 <- drop(cbind(1, x) %*% coef(g)); s2 <- g$scale
intreg <- list(b = unname(coef(g)), lnsigma = log(s2),
  score_xb = (row_ll(y1, y2, xb2 + h, s2) - row_ll(y1, y2, xb2 - h, s2)) / (2 * h),
  score_lnsigma = (row_ll(y1, y2, xb2, exp(log(s2) + h)) - row_ll(y1, y2, xb2, exp(log(s2) - h))) / (2 * h))
cat(toJSON(list(data = list(x = x, y = y, y1 = y1, y2 = y2), tobit = tobit, intreg = intreg),
           digits = NA, na = "null"))
