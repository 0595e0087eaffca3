# Reference values for anova (partial = Type III SS with sum-to-zero contrasts, car::Anova;
# sequential = stats::anova) and oneway (F, Bartlett, Bonferroni/Sidak/Scheffe pairwise
# p-values) on anova_unbalanced.csv (written by make_anova_data.py).
# Run: Rscript anova_reference.R  (writes anova_reference.json)
library(jsonlite)
suppressMessages(library(car))
d <- read.csv("anova_unbalanced.csv")
d$fa <- factor(d$a); d$fb <- factor(d$b); d$f4 <- factor(d$g4)
options(contrasts = c("contr.sum", "contr.poly"))
m <- lm(y ~ fa * fb + x, data = d)
t3 <- Anova(m, type = 3)
seq <- anova(lm(terms(y ~ fa + fb + fa:fb + x, keep.order = TRUE), data = d))
m2 <- lm(y ~ fa * fb, data = d)
t3b <- Anova(m2, type = 3)
ow <- anova(lm(z ~ f4, data = d))
bt <- bartlett.test(z ~ f4, data = d)
means <- tapply(d$z, d$f4, mean); ns <- tapply(d$z, d$f4, length)
mse <- ow["Residuals", "Mean Sq"]; dfw <- ow["Residuals", "Df"]; k <- 4; mm <- k * (k - 1) / 2
pw <- list(bonferroni = c(), sidak = c(), scheffe = c())
for (i in 2:k) for (j in 1:(i - 1)) {
  t <- (means[i] - means[j]) / sqrt(mse * (1 / ns[i] + 1 / ns[j]))
  p <- 2 * pt(-abs(t), dfw)
  pw$bonferroni <- c(pw$bonferroni, min(1, mm * p))
  pw$sidak <- c(pw$sidak, min(1, 1 - (1 - p)^mm))
  pw$scheffe <- c(pw$scheffe, pf(t^2 / (k - 1), k - 1, dfw, lower.tail = FALSE))
}
out <- list(
  partial = list(terms = c("a", "b", "a#b", "x"), ss = unname(t3[c("fa", "fb", "fa:fb", "x"), "Sum Sq"]),
                 df = unname(t3[c("fa", "fb", "fa:fb", "x"), "Df"]), rss = t3["Residuals", "Sum Sq"],
                 df_r = t3["Residuals", "Df"]),
  partial_factorial = list(ss = unname(t3b[c("fa", "fb", "fa:fb"), "Sum Sq"])),
  sequential = list(ss = unname(seq[c("fa", "fb", "fa:fb", "x"), "Sum Sq"])),
  oneway = list(ss_between = ow["f4", "Sum Sq"], ss_within = ow["Residuals", "Sum Sq"], F = ow["f4", "F value"],
                bartlett = unname(bt$statistic), bartlett_p = bt$p.value,
                bonferroni = unname(pw$bonferroni), sidak = unname(pw$sidak), scheffe = unname(pw$scheffe)))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "anova_reference.json")
