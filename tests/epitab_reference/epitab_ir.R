# Independent reference values for mlm's ir/iri (tests/test_epitab.py): base R's poisson.test
# (the exact conditional interval of the rate ratio), the one-sided mid-p from dbinom/pbinom
# (cases among the exposed ~ Binomial(a + b, n1 / (n1 + n0)) under no effect) and the rate
# difference's normal interval from its textbook variance a/n1^2 + b/n0^2.
# Run: Rscript epitab_ir.R > epitab_ir.json
out <- c()
for (cells in list(c(41, 15, 28010, 19017), c(2, 9, 100.5, 80), c(30, 30, 1000, 1200))) {
  a <- cells[1]; b <- cells[2]; n1 <- cells[3]; n0 <- cells[4]
  for (level in c(95, 90)) {
    z <- qnorm(1 - (1 - level / 100) / 2)
    pt <- poisson.test(c(a, b), c(n1, n0), conf.level = level / 100)
    irr <- (a / n1) / (b / n0); ird <- a / n1 - b / n0; se <- sqrt(a / n1^2 + b / n0^2)
    pr <- n1 / (n1 + n0); m <- a + b
    p <- if (irr >= 1) pbinom(a - 1, m, pr, lower.tail = FALSE) - dbinom(a, m, pr) / 2 else
      pbinom(a, m, pr) - dbinom(a, m, pr) / 2
    vals <- c(ird = ird, lb_ird = ird - z * se, ub_ird = ird + z * se, irr = irr,
              lb_irr = pt$conf.int[1], ub_irr = pt$conf.int[2], p = p)
    out <- c(out, sprintf('  "%g %g %g %g level %g": {%s}', a, b, n1, n0, level,
                          paste(sprintf('"%s": %.15g', names(vals), vals), collapse = ", ")))
  }
}
cat("{\n", paste(out, collapse = ",\n"), "\n}\n", sep = "")
