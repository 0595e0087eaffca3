# Independent reference values for mlm's ir by() (tests/test_epitab.py): the Mantel-Haenszel
# rate ratio with Greenland and Robins' (1985) variance, the inverse-variance pooled rate ratio
# and the homogeneity chi2 around each, written out in base R; the strata's exact intervals
# from poisson.test.
# Run: Rscript epitab_ir_strata.R > epitab_ir_strata.json
a <- c(2, 10, 20); b <- c(1, 4, 12); n1 <- c(500, 400, 300); n0 <- c(800, 700, 350); t <- n1 + n0
irr_mh <- sum(a * n0 / t) / sum(b * n1 / t)
se <- sqrt(sum((a + b) * n1 * n0 / t^2) / (sum(a * n0 / t) * sum(b * n1 / t)))
irr <- (a / n1) / (b / n0); v <- 1 / a + 1 / b
pooled <- exp(sum(log(irr) / v) / sum(1 / v)); se_p <- sqrt(1 / sum(1 / v))
ci1 <- poisson.test(c(a[1], b[1]), c(n1[1], n0[1]))$conf.int
vals <- c(irr = irr_mh, lb_irr = exp(log(irr_mh) - qnorm(.975) * se), ub_irr = exp(log(irr_mh) + qnorm(.975) * se),
          pooled = pooled, lb_pooled = exp(log(pooled) - qnorm(.975) * se_p),
          chi2_mh = sum((log(irr) - log(irr_mh))^2 / v), chi2_p = sum((log(irr) - log(pooled))^2 / v),
          lb_1 = ci1[1], ub_1 = ci1[2])
cat("{", paste(sprintf('"%s": %.15g', names(vals), vals), collapse = ", "), "}\n")
