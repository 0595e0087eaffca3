# Independent reference values for mlm's tabodds (tests/test_epitab.py): base R's chisq.test
# (Pearson chi-squared of the 2 x k table) and prop.trend.test (Cochran-Armitage score test for
# trend), each times (N - 1) / N as tabodds.ado's formulas give them, and the odds' Woolf-type
# intervals odds * exp(+-z sqrt(1/cases + 1/controls)).
# Run: Rscript epitab_tabodds.R > epitab_tabodds.json
cases <- c(2, 5, 9, 12); controls <- c(40, 38, 30, 20); age <- 1:4
N <- sum(cases + controls)
hom <- unname(suppressWarnings(chisq.test(rbind(cases, controls), correct = FALSE))$statistic) * (N - 1) / N
trend <- unname(prop.trend.test(cases, cases + controls, score = age)$statistic) * (N - 1) / N
z <- qnorm(0.975)
odds <- cases / controls; spread <- exp(z * sqrt(1 / cases + 1 / controls))
vals <- c(chi2_hom = hom, p_hom = pchisq(hom, 3, lower.tail = FALSE), chi2_tr = trend,
          p_trend = pchisq(trend, 1, lower.tail = FALSE), lb_4 = odds[4] / spread[4], ub_4 = odds[4] * spread[4])
cat("{", paste(sprintf('"%s": %.15g', names(vals), vals), collapse = ", "), "}\n")
