# Reference values for tests/test_icc.py: psych::ICC (Shrout and Fleiss 1979; McGraw and Wong
# 1996) on a deterministic 12 targets x 5 raters design written to icc_ratings.csv.
#   Rscript icc_reference.R   (from tests/reference_values)
suppressMessages({library(psych); library(jsonlite)})
n <- 12; k <- 5
target <- rep(1:n, each = k); rater <- rep(1:k, times = n)
rating <- round(5 + 1.5 * sin(target * 1.7) + 0.6 * cos(rater * 2.3) + 0.9 * sin(target * rater * 0.77), 2)
write.csv(data.frame(target, rater, rating), "icc_ratings.csv", row.names = FALSE)
m <- matrix(rating, nrow = n, byrow = TRUE)
res <- ICC(m, alpha = 0.05, lmer = FALSE)$results
out <- lapply(seq_len(nrow(res)), function(i) list(
  type = as.character(res$type[i]), icc = res$ICC[i], F = res$F[i], df1 = res$df1[i], df2 = res$df2[i],
  p = res$p[i], lb = res[["lower bound"]][i], ub = res[["upper bound"]][i]))
names(out) <- as.character(res$type)
write(toJSON(list(source = "psych::ICC", n_targets = n, n_raters = k, estimates = out), digits = 15,
             auto_unbox = TRUE, pretty = TRUE), "icc_reference.json")
