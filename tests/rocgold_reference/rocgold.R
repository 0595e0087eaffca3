# Reference values for tests/test_rocgold.py: pROC's areas, DeLong variances and paired DeLong
# tests of each rating against the gold standard (chi2 = Z^2).
# Run: Rscript tests/rocgold_reference/rocgold.R > tests/rocgold_reference/rocgold_values.txt
suppressMessages(library(pROC))
d <- read.csv("tests/rocgold_reference/ratings.csv")
fit <- function(x) roc(d$d, x, levels = c(0, 1), direction = "<", quiet = TRUE)
g <- fit(d$gold)
cat("gold", sprintf("%.10g", c(auc(g), sqrt(var(g, method = "delong")))), "\n")
for (v in c("r1", "r2")) {
  r <- fit(d[[v]])
  t <- roc.test(g, r, method = "delong", paired = TRUE)
  cat(v, sprintf("%.10g", c(auc(r), sqrt(var(r, method = "delong")), t$statistic^2, t$p.value)), "\n")
}
