# Reference values for teffects nnmatch (tests/test_teffects_matching.py): R's Matching package
# (Sekhon), Match() with ties (its default), a distance tolerance of 1e-10 (Stata's is
# sqrt(epsdouble), R's default 1e-5 would tie near neighbours), Var.calc = nn (the conditional
# variance from nn same-group neighbours: the same convention as Stata's vce(robust, nn())),
# Weight 1 = inverse variances (Stata's ivariance), 3 with diag(variances) (euclidean: Match
# standardizes the columns before applying Weight.matrix),
# 2 = Mahalanobis; exact = the exact-match columns; BiasAdjust on the matching covariates.
# Run: Rscript nnmatch.R > nnmatch.json
suppressMessages(library(Matching))
d <- read.csv("matching.csv")
X <- as.matrix(d[, c("x1", "x2", "x3")])
one <- function(key, M, est, W, nn, exact = NULL, bias = FALSE, Wm = NULL) {
  r <- Match(Y = d$y, Tr = d$t, X = X, M = M, estimand = est, Weight = W, Weight.matrix = Wm,
             Var.calc = nn, distance.tolerance = 1e-10, exact = exact, BiasAdjust = bias)
  sprintf('"%s": [%.10f, %.10f]', key, r$est, r$se)
}
out <- c(
  one("ate_maha_1", 1, "ATE", 2, 2),
  one("atet_maha_1", 1, "ATT", 2, 2),
  one("ate_ivar_3_nn4", 3, "ATE", 1, 4),
  one("atet_euclid_2", 2, "ATT", 3, 2, Wm = diag(apply(X, 2, var))),
  one("ate_maha_exact_x3", 1, "ATE", 2, 2, exact = c(FALSE, FALSE, TRUE)),
  one("ate_ivar_bias", 1, "ATE", 1, 2, bias = TRUE),
  one("atet_ivar_bias", 1, "ATT", 1, 2, bias = TRUE)
)
cat("{", paste(out, collapse = ",\n "), "}\n", sep = "")
