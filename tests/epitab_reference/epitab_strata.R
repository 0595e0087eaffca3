# Independent reference values for mlm's cc/cs by() (tests/test_epitab.py): base R's
# mantelhaen.test (M-H odds ratio, its Robins-Breslow-Greenland interval, the M-H chi2 without
# continuity correction), Breslow-Day and Tarone by uniroot on each stratum's fitted count, and
# the Greenland-Robins M-H risk ratio with its variance, written out from the formulas.
# Run: Rscript epitab_strata.R > epitab_strata.json
strata <- list(c(10, 5, 20, 40), c(12, 9, 15, 30), c(7, 3, 9, 25))   # a b c d by age 1..3
# mantelhaen.test's strata: rows exposed, unexposed; columns case, control
tab <- array(0, c(2, 2, 3))
for (k in 1:3) { s <- strata[[k]]; tab[, , k] <- matrix(c(s[1], s[2], s[3], s[4]), 2) }
mh <- mantelhaen.test(tab, correct = FALSE)
or_mh <- unname(mh$estimate)
bd <- 0; sa <- 0; sfit <- 0; svar <- 0
for (s in strata) {
  a <- s[1]; b <- s[2]; c <- s[3]; d <- s[4]
  n1 <- a + c; m1 <- a + b; n0 <- b + d
  f <- function(x) x * (n0 - m1 + x) / ((n1 - x) * (m1 - x)) - or_mh
  fit <- uniroot(f, c(max(0, m1 - n0) + 1e-9, min(n1, m1) - 1e-9), tol = 1e-13)$root
  v <- 1 / (1 / fit + 1 / (n1 - fit) + 1 / (m1 - fit) + 1 / (n0 - m1 + fit))
  bd <- bd + (a - fit)^2 / v; sa <- sa + a; sfit <- sfit + fit; svar <- svar + v
}
tarone <- bd - (sa - sfit)^2 / svar
num <- 0; den <- 0; vnum <- 0
for (s in strata) {
  a <- s[1]; b <- s[2]; c <- s[3]; d <- s[4]; n1 <- a + c; n0 <- b + d; t <- n1 + n0
  num <- num + a * n0 / t; den <- den + b * n1 / t
  vnum <- vnum + ((a + b) * n1 * n0 - a * b * t) / t^2
}
rr_mh <- num / den; se_lrr <- sqrt(vnum / (num * den))
vals <- c(or_mh = or_mh, lb_or_mh = mh$conf.int[1], ub_or_mh = mh$conf.int[2],
          mh_chi2 = unname(mh$statistic), bd = bd, tarone = tarone,
          rr_mh = rr_mh, lb_rr_mh = exp(log(rr_mh) - qnorm(.975) * se_lrr),
          ub_rr_mh = exp(log(rr_mh) + qnorm(.975) * se_lrr))
cat("{", paste(sprintf('"%s": %.15g', names(vals), vals), collapse = ", "), "}\n")
