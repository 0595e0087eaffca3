# Reference values for corrgram and wntestq (tests/test_correlogram.py).  Run: Rscript autocorrelation.R
#  - AC: stats::acf (demean, no gaps); PAC with yw: stats::pacf (Durbin-Levinson)
#  - PAC (corrgram's default): the last coefficient of lm(x ~ lags 1..k) written out here
#  - Q: stats::Box.test(type = "Ljung-Box"); Prob>Q its p-value
#  - the series with gaps (time tg): the same sums over the pairs present, from first principles
library(jsonlite)
d <- read.csv("series.csv")
reg_pac <- function(x, lags) sapply(seq_len(lags), function(k) {
  n <- length(x); X <- sapply(1:k, function(j) c(rep(NA, j), x[1:(n - j)]))
  unname(coef(lm(x ~ X))[k + 1])
})
one <- function(x, lags) {
  ac <- acf(x, lag.max = lags, plot = FALSE, demean = TRUE)$acf[-1]
  q <- sapply(1:lags, function(k) Box.test(x, lag = k, type = "Ljung-Box")$statistic)
  p <- sapply(1:lags, function(k) Box.test(x, lag = k, type = "Ljung-Box")$p.value)
  list(ac = ac, pac_yw = as.vector(pacf(x, lag.max = lags, plot = FALSE)$acf), pac_reg = reg_pac(x, lags),
       q = unname(q), p = unname(p))
}
# gaps: the series s placed at times tg (2 gaps), lags taken by time
gapped <- function(x, time, lags) {
  xm <- x - mean(x); r0 <- sum(xm^2); n <- length(x)
  lagk <- function(v, k) sapply(time, function(s) { j <- which(time == s - k); if (length(j)) v[j] else NA })
  ac <- sapply(1:lags, function(k) sum(xm * lagk(xm, k), na.rm = TRUE) / r0)
  pac <- sapply(1:lags, function(k) { X <- sapply(1:k, function(j) lagk(xm, j)); unname(coef(lm(xm ~ X))[k + 1]) })
  q <- n * (n + 2) * cumsum(ac^2 / (n - 1:lags))
  list(ac = ac, pac_reg = pac, q = q, p = pchisq(q, 1:lags, lower.tail = FALSE))
}
ref <- list(s8 = one(d$s, 8), z3 = one(d$z, 3), s_default = one(d$s, 28), s_gaps = gapped(d$s, d$tg, 3))
ref$wntestq_s <- list(stat = unname(Box.test(d$s, lag = 28, type = "Ljung-Box")$statistic),
                      p = Box.test(d$s, lag = 28, type = "Ljung-Box")$p.value)
writeLines(toJSON(ref, digits = NA, auto_unbox = TRUE, pretty = TRUE), "autocorrelation.json")
