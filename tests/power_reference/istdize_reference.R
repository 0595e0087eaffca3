# Independent reference values for tests/test_istdize.py (mlm's istdize).
# Run: Rscript tests/power_reference/istdize_reference.R > tests/power_reference/istdize_reference.txt
# Expected cases, SMR, crude and adjusted rates: epitools::ageadjust.indirect; the SMR's exact
# limits: poisson.test's exact interval of the observed count over the expected; the adjusted
# rate's limits: istdize.ado's approximation written out.
suppressMessages(library(epitools))
stdcount <- c(10, 40, 60); stdpop <- c(10000, 20000, 10000)
pops <- list(Iowa = c(4000, 4500, 1500), Maine = c(3000, 5000, 2000))
obs <- c(Iowa = 70, Maine = 90)
for (g in names(pops)) {
  n <- pops[[g]]; o <- obs[[g]]
  # ageadjust.indirect wants stratum counts; only their total matters for the SMR
  a <- ageadjust.indirect(count = c(o, 0, 0), pop = n, stdcount = stdcount, stdpop = stdpop)
  e <- a$sir[["exp"]]; smr <- a$sir[["sir"]]
  ci <- poisson.test(o)$conf.int / e
  crude_std <- sum(stdcount) / sum(stdpop); z <- qnorm(0.975)
  lo <- max(0, smr * (1 - z / (2 * sqrt(o)))^2) * crude_std
  hi <- smr * ((o + 1) / o) * (1 + z / (2 * sqrt(o + 1)))^2 * crude_std
  cat(sprintf("%s exp %.10f\n%s smr %.12f\n%s lb_smr %.12f\n%s ub_smr %.12f\n%s crude %.12f\n%s adj %.12f\n%s lb_adj %.12f\n%s ub_adj %.12f\n",
              g, e, g, smr, g, ci[1], g, ci[2], g, a$rate[["crude.rate"]], g, a$rate[["adj.rate"]], g, lo, g, hi))
}
