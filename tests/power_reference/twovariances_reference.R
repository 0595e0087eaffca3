# Independent reference values for tests/test_power_twovariances.py (mlm's power twovariances).
# Run: Rscript tests/power_reference/twovariances_reference.R > tests/power_reference/twovariances_reference.txt
# The F test of v2 = v1: s2^2/s1^2 ~ F(n2 - 1, n1 - 1) x v2/v1 under Ha; power from pf, sample
# sizes as the smallest n1 (n2 = nratio n1) reaching the power.
options(digits = 15)
out <- function(name, value) cat(sprintf("%s %.12f\n", name, value))
fpow <- function(n1, n2, ratio, alpha = .05, onesided = FALSE) {
  d2 <- n2 - 1; d1 <- n1 - 1
  if (onesided) {
    if (ratio > 1) return(pf(qf(1 - alpha, d2, d1) / ratio, d2, d1, lower.tail = FALSE))
    return(pf(qf(alpha, d2, d1) / ratio, d2, d1))
  }
  pf(qf(1 - alpha / 2, d2, d1) / ratio, d2, d1, lower.tail = FALSE) + pf(qf(alpha / 2, d2, d1) / ratio, d2, d1)
}
smallest <- function(f, target) { n <- 2; while (f(n) < target) n <- n + 1; n }
out("n1_25_36", smallest(function(n) fpow(n, n, 36 / 25), .8))
for (v2 in c(38, 40, 42)) out(sprintf("n1_25_%d", v2), smallest(function(n) fpow(n, n, v2 / 25), .8))
out("n1_1_1.5", smallest(function(n) fpow(n, n, 1.5), .8))
out("n1_25_36_onesided", smallest(function(n) fpow(n, n, 36 / 25, onesided = TRUE), .8))
out("n1_ratio_.5_power_.9", smallest(function(n) fpow(n, n, .5), .9))
out("n1_25_36_nratio2", smallest(function(n) fpow(n, 2 * n, 36 / 25), .8))
out("power_sd_5_6_n300", fpow(150, 150, 36 / 25))
out("power_n1_100_nratio2_onesided", fpow(100, 200, 36 / 25, onesided = TRUE))
out("power_n1_40_n2_60_ratio_.6", fpow(40, 60, .6))
