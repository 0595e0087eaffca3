# Independent reference values for tests/test_tssmooth.py (tssmooth dexponential): Brown's double
# exponential smoothing written out in R, its one-step forecasts cross-checked with
# stats::HoltWinters (Brown's a is Holt's alpha = a(2-a), beta = a/(2-a)).
# Series: y_t = 10 + 0.3 t + ((37 t) mod 11 - 5) / 2, t = 1..30.
t <- 1:30
y <- 10 + 0.3 * t + ((37 * t) %% 11 - 5) / 2
brown <- function(a, npre = 15) {
  b <- coef(lm(y[1:npre] ~ I(1:npre)))          # start: regression on the first npre values
  r <- (1 - a) / a
  s10 <- b[1] - r * b[2]; s20 <- b[1] - 2 * r * b[2]
  s1 <- s2 <- f <- numeric(30)
  p1 <- s10; p2 <- s20
  for (i in 1:30) {
    f[i] <- (2 + a / (1 - a)) * p1 - (1 + a / (1 - a)) * p2
    s1[i] <- a * y[i] + (1 - a) * p1
    s2[i] <- a * s1[i] + (1 - a) * p2
    p1 <- s1[i]; p2 <- s2[i]
  }
  list(s1 = s1, s2 = s2, f = f, s10 = unname(s10), s20 = unname(s20))
}
options(digits = 15)
m <- brown(0.4)
cat("dexp_S2", format(m$s2, digits = 15), "\n")
cat("dexp_F", format(m$f, digits = 15), "\n")
cat("dexp_s0", format(c(m$s10, m$s20), digits = 15), "\n")
cat("dexp_rss_S2", format(sum((y - m$s2)^2), digits = 15), "\n")
cat("dexp_rss_F", format(sum((y - m$f)^2), digits = 15), "\n")
L <- 2 * m$s1[30] - m$s2[30]; B <- (0.4 / 0.6) * (m$s1[30] - m$s2[30])
cat("dexp_forecast", format(c(L + B, L + 2 * B), digits = 15), "\n")
# Holt-Winters with the equivalent parameters, started from Brown's level and slope at t = 2
a <- 0.4
hw <- HoltWinters(y, alpha = a * (2 - a), beta = a / (2 - a), gamma = FALSE,
                  l.start = 2 * m$s1[2] - m$s2[2], b.start = (a / (1 - a)) * (m$s1[2] - m$s2[2]))
cat("holt_F_from3", format(as.numeric(hw$fitted[, "xhat"]), digits = 15), "\n")
# the coefficient minimising the forecasts' SSE
opt <- optimize(function(a) sum((y - brown(a)$f)^2), c(0.0001, 0.9999), tol = 1e-10)
cat("dexp_opt_alpha", format(opt$minimum, digits = 15), "\n")
