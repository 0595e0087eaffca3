# Independent reference values for mlm's mcc/mcci (tests/test_epitab.py): base R's
# mcnemar.test (no continuity correction), binom.test (exact McNemar p and the Clopper-Pearson
# interval of b among the discordant pairs, turned into odds), and the difference, ratio and
# relative difference of the proportions exposed with the [ST] epitab manual's (Fleiss's)
# standard errors written out.
# Run: Rscript epitab_mcc.R > epitab_mcc.json
out <- c()
for (cells in list(c(8, 8, 3, 38), c(20, 12, 2, 16), c(5, 9, 9, 30))) {
  a <- cells[1]; b <- cells[2]; c <- cells[3]; d <- cells[4]; n <- a + b + c + d
  for (level in c(95, 90)) {
    z <- qnorm(1 - (1 - level / 100) / 2)
    mc <- mcnemar.test(matrix(c(a, c, b, d), 2), correct = FALSE)
    bt <- binom.test(b, b + c, conf.level = level / 100)
    pd <- (b - c) / n; se_pd <- sqrt((a + d) * (b + c) + 4 * b * c) / (n * sqrt(n))
    pr <- (a + b) / (a + c); se_lpr <- sqrt((b + c) / ((a + b) * (a + c)))
    pe <- (b - c) / (b + d); se_pe <- sqrt((b + c + d) * (b * c + b * d + c * d) - b * c * d) / (b + d)^2
    vals <- c(chi2 = unname(mc$statistic), p_exact = bt$p.value, or = b / c,
              lb_or = bt$conf.int[1] / (1 - bt$conf.int[1]), ub_or = bt$conf.int[2] / (1 - bt$conf.int[2]),
              D_f = pd, lb_D_f = pd - z * se_pd - 1 / n, ub_D_f = pd + z * se_pd + 1 / n,
              R_f = pr, lb_R_f = exp(log(pr) - z * se_lpr), ub_R_f = exp(log(pr) + z * se_lpr),
              RD_f = pe, lb_RD_f = pe - z * se_pe, ub_RD_f = pe + z * se_pe)
    out <- c(out, sprintf('  "%g %g %g %g level %g": {%s}', a, b, c, d, level,
                          paste(sprintf('"%s": %.15g', names(vals), vals), collapse = ", ")))
  }
}
cat("{\n", paste(out, collapse = ",\n"), "\n}\n", sep = "")
