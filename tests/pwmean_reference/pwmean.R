# Reference values for tests/test_pwmean.py: emmeans' pairwise comparisons of the cell means of
# lm(y ~ factor(g)) (equal variances).  emmeans reports earlier - later; the test flips the sign.
# Run: Rscript tests/pwmean_reference/pwmean.R > tests/pwmean_reference/pwmean_values.txt
suppressMessages(library(emmeans))
d <- read.csv("tests/pwmean_reference/pw.csv")
d$g <- factor(d$g)
em <- emmeans(lm(y ~ g, data = d), ~ g)
s <- summary(em)
cat("means", sprintf("%.10g", s$emmean), "\n")
cat("mean_se", sprintf("%.10g", s$SE), "\n")
for (adj in c("none", "bonferroni", "sidak", "scheffe", "tukey")) {
  p <- summary(pairs(em, reverse = TRUE), adjust = adj, infer = c(TRUE, TRUE))
  cat(adj, "est", sprintf("%.10g", p$estimate), "\n")
  cat(adj, "se", sprintf("%.10g", p$SE), "\n")
  cat(adj, "p", sprintf("%.10g", p$p.value), "\n")
  cat(adj, "lo", sprintf("%.10g", p$lower.CL), "\n")
  cat(adj, "hi", sprintf("%.10g", p$upper.CL), "\n")
  cat(adj, "label", gsub(" ", "", as.character(p$contrast)), "\n")
}
