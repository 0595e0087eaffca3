# Independent reference values for tests/test_power.py (mlm's power command).
# Run: Rscript tests/power_reference/power_reference.R > tests/power_reference/power_reference.txt
# Means: stats::power.t.test with strict = TRUE (both tails of the noncentral t, as [PSS] power
# onemean/twomeans/pairedmeans's Methods and formulas).  Proportions and Satterthwaite's test:
# the [PSS] formulas written out here with pnorm/pt, and the sample size as the smallest integer
# reaching the power.
options(digits = 15)
out <- function(name, value) cat(sprintf("%s %.12f\n", name, value))
ceil_n <- function(f, target, lo) { n <- lo; while (f(n) < target) n <- n + 1; n }

# power (n given)
out("onemean_power_n20_d0.5", power.t.test(n = 20, delta = .5, sd = 1, type = "one.sample", strict = TRUE)$power)
out("onemean_power_n30_d0.5", power.t.test(n = 30, delta = .5, sd = 1, type = "one.sample", strict = TRUE)$power)
out("twomeans_power_n30each_d10_sd15", power.t.test(n = 30, delta = 10, sd = 15, strict = TRUE)$power)
out("twomeans_power_n30each_d10_sd15_onesided", power.t.test(n = 30, delta = 10, sd = 15, alternative = "one.sided")$power)
out("paired_power_n30_d16_sd36", power.t.test(n = 30, delta = 16, sd = 36, type = "paired", strict = TRUE)$power)
# sample sizes (continuous root, then rounded up)
out("onemean_n_15_40_sd40", ceiling(power.t.test(power = .8, delta = 25, sd = 40, type = "one.sample", strict = TRUE)$n))
out("twomeans_n_8_12_sd9_pergroup", ceiling(power.t.test(power = .8, delta = 4, sd = 9, strict = TRUE)$n))
for (m2 in 10:14) out(sprintf("twomeans_n_8_%d_sd9_onesided_pergroup", m2),
                      ceiling(power.t.test(power = .8, delta = m2 - 8, sd = 9, alternative = "one.sided")$n))
out("paired_n_d16_sd36", ceiling(power.t.test(power = .8, delta = 16, sd = 36, type = "paired", strict = TRUE)$n))

# one-sample proportion, score test
prop1 <- function(n, p0, pa, alpha = .05) {
  z <- qnorm(1 - alpha / 2); d <- abs(pa - p0) * sqrt(n)
  s0 <- sqrt(p0 * (1 - p0)); sa <- sqrt(pa * (1 - pa))
  pnorm((d - z * s0) / sa) + pnorm((-d - z * s0) / sa)
}
out("oneprop_power_n50_.3_.5", prop1(50, .3, .5))
out("oneprop_n_.3_.5", ceil_n(function(n) prop1(n, .3, .5), .8, 1))
# two-sample proportions, Pearson's chi-squared test (pooled proportion under Ho)
prop2 <- function(n1, n2, p1, p2, alpha = .05) {
  z <- qnorm(1 - alpha / 2); pb <- (n1 * p1 + n2 * p2) / (n1 + n2)
  s0 <- sqrt(pb * (1 - pb) * (1 / n1 + 1 / n2)); sa <- sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
  d <- abs(p2 - p1); pnorm((d - z * s0) / sa) + pnorm((-d - z * s0) / sa)
}
out("twoprop_power_n100each_.3_.5", prop2(100, 100, .3, .5))
out("twoprop_n_.3_.5_pergroup", ceil_n(function(n) prop2(n, n, .3, .5), .8, 1))
out("twoprop_n_.5_.8_power.95_pergroup", ceil_n(function(n) prop2(n, n, .5, .8), .95, 1))
# Satterthwaite's t test, unequal sds
satt <- function(n1, n2, diff, s1, s2, alpha = .05) {
  v1 <- s1^2 / n1; v2 <- s2^2 / n2; df <- (v1 + v2)^2 / (v1^2 / (n1 - 1) + v2^2 / (n2 - 1))
  ncp <- diff / sqrt(v1 + v2); t <- qt(1 - alpha / 2, df)
  1 - pt(t, df, ncp) + pt(-t, df, ncp)
}
out("twomeans_power_satt_n40_30_d5_sd8_12", satt(40, 30, 5, 8, 12))
# correlations: Fisher's z, both tails two-sided
zpow <- function(ncp, alpha = .05) pnorm(ncp - qnorm(1 - alpha / 2)) + pnorm(-ncp - qnorm(1 - alpha / 2))
out("onecorr_n_0_.3", ceiling(uniroot(function(n) zpow(sqrt(n - 3) * atanh(.3)) - .8, c(3.0001, 1e4), tol = 1e-12)$root))
out("onecorr_n_.2_.4_onesided", ceiling(((qnorm(.95) + qnorm(.8)) / (atanh(.4) - atanh(.2)))^2 + 3))
out("twocorr_n_.2_.5_pergroup", ceiling(uniroot(function(n) zpow((atanh(.5) - atanh(.2)) / sqrt(2 / (n - 3))) - .8,
                                                 c(3.0001, 1e4), tol = 1e-12)$root))
out("twocorr_power_100each", zpow((atanh(.5) - atanh(.2)) / sqrt(2 / 97)))
# oneway: stats::power.anova.test (between.var is the means' sample variance; its noncentrality
# (groups - 1) n between.var / within.var is N Var_m / Var_e)
bv <- var(c(21, 19, 18))
out("oneway_n_pergroup_ve16", ceiling(power.anova.test(groups = 3, between.var = bv, within.var = 16, power = .8)$n))
out("oneway_n_pergroup_ve25", ceiling(power.anova.test(groups = 3, between.var = bv, within.var = 25, power = .8)$n))
out("oneway_power_n30", power.anova.test(groups = 3, n = 30, between.var = bv, within.var = 16)$power)
# onevariance: (n - 1) s^2 / v0 ~ chi2(n - 1) x va / v0 under Ha
vpow <- function(n, ratio, alpha = .05, onesided = FALSE) {
  df <- n - 1
  if (onesided) return(pchisq(qchisq(1 - alpha, df) / ratio, df, lower.tail = FALSE))
  pchisq(qchisq(1 - alpha / 2, df) / ratio, df, lower.tail = FALSE) + pchisq(qchisq(alpha / 2, df) / ratio, df)
}
smallest <- function(f, target) { n <- 2; while (f(n) < target) n <- n + 1; n }
out("onevar_n_1_1.5", smallest(function(n) vpow(n, 1.5), .8))
out("onevar_n_1_1.5_onesided", smallest(function(n) vpow(n, 1.5, onesided = TRUE), .8))
out("onevar_n_ratio_.5", smallest(function(n) vpow(n, .5), .8))
out("onevar_power_sd_2_3_n40", vpow(40, 9 / 4))
