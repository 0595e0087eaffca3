# Independent reference values for tests/test_tsfilter.py: mFilter::hpfilter (r-cran-mfilter 0.1.5).
# Series: y_t = 10 + 0.3 t + ((37 t) mod 11 - 5) / 2 and z_t = sqrt(t), t = 1..40.
library(mFilter)
t <- 1:40
y <- 10 + 0.3 * t + ((37 * t) %% 11 - 5) / 2
z <- sqrt(t)
for (lambda in c(1600, 100, 6.25)) {
  f <- hpfilter(y, freq = lambda, type = "lambda")
  cat(sprintf("y_cycle_%s", lambda), format(as.numeric(f$cycle), digits = 15), "\n")
}
f <- hpfilter(z, freq = 6.25, type = "lambda")
cat("z_cycle_6.25", format(as.numeric(f$cycle), digits = 15), "\n")
# two panels (t = 1..20 and 21..40) filtered separately
a <- hpfilter(y[1:20], freq = 1600, type = "lambda")
b <- hpfilter(y[21:40], freq = 1600, type = "lambda")
cat("y_cycle_panels", format(c(as.numeric(a$cycle), as.numeric(b$cycle)), digits = 15), "\n")
# Baxter-King, fixed length: tsfilter bk's defaults for a generic unit (6, 32, K = 12) and
# minperiod(4) maxperiod(20) smaorder(5)
bk <- bkfilter(y, pl = 6, pu = 32, nfix = 12, type = "fixed")
cat("bk_y_6_32_12", format(as.numeric(bk$cycle), digits = 15), "\n")
bk <- bkfilter(z, pl = 4, pu = 20, nfix = 5, type = "fixed")
cat("bk_z_4_20_5", format(as.numeric(bk$cycle), digits = 15), "\n")
# Christiano-Fitzgerald, asymmetric, random walk (root): periods 6 to 32, without and with drift
cf <- cffilter(y, pl = 6, pu = 32, root = TRUE, drift = FALSE, type = "asymmetric")
cat("cf_y_6_32", format(as.numeric(cf$cycle), digits = 15), "\n")
cf <- cffilter(z, pl = 4, pu = 20, root = TRUE, drift = TRUE, type = "asymmetric")
cat("cf_z_4_20_drift", format(as.numeric(cf$cycle), digits = 15), "\n")
