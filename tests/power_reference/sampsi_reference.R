# Independent reference values for tests/test_sampsi.py (mlm's sampsi): the normal-approximation
# formulas of [R] sampsi's Methods and formulas written out in R (two proportions: Fleiss,
# Tytun and Ury's continuity correction).
# Run: Rscript tests/power_reference/sampsi_reference.R > tests/power_reference/sampsi_reference.txt
out <- function(name, value) cat(sprintf("%s %.12f\n", name, value))
za2 <- qnorm(0.975); za1 <- qnorm(0.95)
# two proportions, sample size, power .9, continuity corrected
n_props <- function(p1, p2, power, r = 1, za = za2, cc = TRUE) {
  d <- abs(p1 - p2); pbar <- (p1 + r * p2) / (r + 1)
  n0 <- (za * sqrt((r + 1) * pbar * (1 - pbar)) + qnorm(power) * sqrt(r * p1 * (1 - p1) + p2 * (1 - p2)))^2 / (r * d^2)
  n <- if (cc) n0 / 4 * (1 + sqrt(1 + 2 * (r + 1) / (n0 * r * d)))^2 else n0
  ceiling(n)
}
out("props_n1_.25_.4", n_props(.25, .4, .9))
out("props_n1_.25_.4_nocont_r2_p.8", n_props(.25, .4, .8, r = 2, cc = FALSE))
# one proportion
out("prop1_n_.5_.75", ceiling(((za2 * sqrt(.25) + qnorm(.9) * sqrt(.75 * .25)) / .25)^2))
# two means, ratio 2
out("means_n1_ratio2", ceiling(((za2 + qnorm(.9)) / (132.86 - 127.44))^2 * (15.34^2 + 18.23^2 / 2)))
# one mean
out("mean1_n", ceiling(((za2 + qnorm(.9)) / 31)^2 * 46^2))
# power of two proportions, n1 = n2 = 100, continuity corrected (one tail, as sampsi.ado)
pw_props <- function(p1, p2, n1, n2) {
  r <- n2 / n1; d <- abs(p1 - p2); pbar <- (p1 + r * p2) / (r + 1)
  n0 <- (n1 - (r + 1) / (2 * r * d))^2 / n1
  pnorm((d * sqrt(r * n0) - za2 * sqrt((r + 1) * pbar * (1 - pbar))) / sqrt(r * p1 * (1 - p1) + p2 * (1 - p2)))
}
out("props_power_100", pw_props(.25, .4, 100, 100))
# power of one proportion, n = 20, two-sided
s0 <- sqrt(.3 * .7); sa <- sqrt(.25)
out("prop1_power_20", pnorm((.2 * sqrt(20) - za2 * s0) / sa) + pnorm((-.2 * sqrt(20) - za2 * s0) / sa))
# power of two means, one-sided, n1 = 60, n2 = 50
out("means_power_onesided", pnorm(5.42 / sqrt(15.34^2 / 60 + 15.34^2 / 50) - za1))
# repeated measures: the sd shrunk by the method's factor, then the two-means formula
f_post <- function(post, r1) (1 + (post - 1) * r1) / post
chg <- sqrt(f_post(3, .7) + 1 - 2 * .5)
out("rep_change_factor", chg)
out("rep_change_n1", ceiling(((za2 + qnorm(.8)) / 13)^2 * ((20.2 * chg)^2 + (19.5 * chg)^2)))
anc <- sqrt(f_post(2, .6) - .4^2 * 2 / (1 + .5))
out("rep_ancova_factor", anc)
s <- 20.2 * anc
out("rep_ancova_power_n60", pnorm(13 / sqrt(2 * s^2 / 60) - za2) + pnorm(-13 / sqrt(2 * s^2 / 60) - za2))
