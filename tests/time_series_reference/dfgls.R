# Reference values for dfgls (tests/test_dfgls.py), from first principles in R: the GLS
# quasi-differenced detrending of Elliott, Rothenberg and Stock (alpha = 1 + cbar/n) and the ADF
# regressions without constant on a common sample (the first maxlag + 1 rows set aside), as
# [TS] dfgls, Methods and formulas; the statistic at k = maxlag cross-checked with
# urca::ur.ers(type = "DF-GLS").  Run: Rscript dfgls.R
library(urca); library(jsonlite)
d <- read.csv("series.csv")
dfgls_r <- function(x, maxlag, trend) {
  n <- length(x); a <- 1 + (if (trend) -13.5 else -7) / n; tt <- 1:n
  y <- c(x[1], x[-1] - a * x[-n]); z1 <- c(1, rep(1 - a, n - 1)); z2 <- c(1, tt[-1] - a * tt[-n])
  g <- if (trend) coef(lm(y ~ z1 + z2 - 1)) else coef(lm(y ~ z1 - 1))
  dty <- x - g[1] - (if (trend) g[2] * tt else 0)
  rows <- (maxlag + 2):n; N <- length(rows)
  sl2 <- sum(dty[(maxlag):(n - 1)]^2)
  ks <- if (maxlag > 0) maxlag:1 else 0
  res <- lapply(ks, function(k) {
    dd <- c(NA, diff(dty))
    X <- cbind(dty[rows - 1]); if (k > 0) for (j in 1:k) X <- cbind(X, dd[rows - j])
    m <- lm(dd[rows] ~ X - 1); s <- summary(m)$coefficients
    rmse <- sqrt(sum(resid(m)^2) / N)
    list(k = k, stat = s[1, 3], rmse = rmse, p_last = if (k > 0) s[k + 1, 4] else NA,
         sc = log(rmse^2) + (k + 1) * log(N) / N,
         maic = log(rmse^2) + 2 * (coef(m)[1]^2 * sl2 / rmse^2 + k) / N)
  })
  list(N = N, lags = res)
}
ref <- list(z_default = dfgls_r(d$z, 10, TRUE), z3_notrend = dfgls_r(d$z, 3, FALSE),
            s0 = dfgls_r(d$s, 0, TRUE), s4 = dfgls_r(d$s, 4, TRUE))
ref$urca_z10 <- ur.ers(d$z, type = "DF-GLS", model = "trend", lag.max = 10)@teststat
ref$urca_z3_notrend <- ur.ers(d$z, type = "DF-GLS", model = "constant", lag.max = 3)@teststat
writeLines(toJSON(ref, digits = NA, auto_unbox = TRUE, pretty = TRUE), "dfgls.json")
