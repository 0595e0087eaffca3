# Independent reference values for mlm's ltable ..., by(g) test (tests/test_ltable_test.py).
# Run from this folder: Rscript ltable_test.R
#
# The likelihood-ratio chi2 is the exponential model's: survreg(dist = "exponential") with the
# groups against the constant-only fit (2 x the log-likelihood difference); the logrank is
# survival::survdiff (rho = 0).  Frequency weights are expanded into rows (survdiff has no
# case weights).  ltable_test.csv: t (integer times), d (0/1), g (1-3), w (1-3).
library(survival)
library(jsonlite)
x <- read.csv("ltable_test.csv")
tests <- function(x) {
  full <- survreg(Surv(t, d) ~ factor(g), data = x, dist = "exponential")
  null <- survreg(Surv(t, d) ~ 1, data = x, dist = "exponential")
  lr <- 2 * (full$loglik[2] - null$loglik[2])
  sd <- survdiff(Surv(t, d) ~ g, data = x)
  list(lr = lr, p_lr = pchisq(lr, 2, lower.tail = FALSE), logrank = sd$chisq,
       p_logrank = pchisq(sd$chisq, 2, lower.tail = FALSE), observed = as.numeric(sd$obs),
       expected = as.numeric(sd$exp))
}
out <- list(unweighted = tests(x), weighted = tests(x[rep(seq_len(nrow(x)), x$w), ]))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "ltable_test.json")
