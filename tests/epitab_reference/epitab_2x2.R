# Independent reference values for mlm's cs/csi and cc/cci (tests/test_epitab.py).
# Base R only: fisher.test (exact p-values and the conditional exact odds-ratio interval),
# chisq.test (Pearson, no continuity correction), Wald intervals of the risk difference and
# log risk ratio and Woolf's log odds-ratio interval from their textbook formulas, and
# Cornfield's limits as roots (uniroot) of (a - A)^2 * sum(1 / fitted cells) = z^2.
# Run: Rscript epitab_2x2.R > epitab_2x2.json
tables <- list(c(7, 12, 9, 2), c(12, 16, 55, 125), c(96, 104, 109, 666), c(2, 5, 4, 6),
               c(30, 24, 70, 76), c(15, 40, 8, 150))
cornfield <- function(a, b, c, d, z, side) {
  m1 <- a + c; n1 <- a + b; n2 <- c + d          # exposed, cases, controls
  f <- function(A) (a - A)^2 * (1/A + 1/(m1 - A) + 1/(n1 - A) + 1/(n2 - m1 + A)) - z^2
  lo <- max(0, m1 - n2); hi <- min(m1, n1)
  A <- if (side < 0) uniroot(f, c(lo + 1e-9, a), tol = 1e-12)$root else uniroot(f, c(a, hi - 1e-9), tol = 1e-12)$root
  A * (n2 - m1 + A) / ((m1 - A) * (n1 - A))
}
out <- c()
for (cells in tables) {
  a <- cells[1]; b <- cells[2]; c <- cells[3]; d <- cells[4]
  n1 <- a + c; n0 <- b + d
  for (level in c(95, 90)) {
    z <- qnorm(1 - (1 - level / 100) / 2)
    rd <- a / n1 - b / n0
    se_rd <- sqrt(a * (n1 - a) / n1^3 + b * (n0 - b) / n0^3)
    rr <- (a / n1) / (b / n0)
    se_lrr <- sqrt(c / (a * n1) + d / (b * n0))
    or <- a * d / (b * c)
    se_lor <- sqrt(1/a + 1/b + 1/c + 1/d)
    m <- matrix(c(a, c, b, d), 2)                   # rows: cases, controls; columns: exposed, unexposed
    ft <- fisher.test(m, conf.level = level / 100)
    chi <- suppressWarnings(chisq.test(m, correct = FALSE))
    p_greater <- fisher.test(m, alternative = "greater")$p.value
    p_less <- fisher.test(m, alternative = "less")$p.value
    vals <- c(rd = rd, lb_rd = rd - z * se_rd, ub_rd = rd + z * se_rd,
              rr = rr, lb_rr = exp(log(rr) - z * se_lrr), ub_rr = exp(log(rr) + z * se_lrr),
              or = or, lb_woolf = exp(log(or) - z * se_lor), ub_woolf = exp(log(or) + z * se_lor),
              lb_exact = ft$conf.int[1], ub_exact = ft$conf.int[2],
              lb_cornfield = cornfield(a, b, c, d, z, -1), ub_cornfield = cornfield(a, b, c, d, z, 1),
              chi2 = unname(chi$statistic), p = chi$p.value,
              p_exact = ft$p.value, p1_exact = min(p_greater, p_less))
    key <- sprintf("%g %g %g %g level %g", a, b, c, d, level)
    out <- c(out, sprintf('  "%s": {%s}', key,
                          paste(sprintf('"%s": %.15g', names(vals), vals), collapse = ", ")))
  }
}
cat("{\n", paste(out, collapse = ",\n"), "\n}\n", sep = "")
