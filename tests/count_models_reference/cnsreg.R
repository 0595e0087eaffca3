# Reference values for cnsreg (tests/test_cnsreg.py): the constrained least squares written as
# lm on the substituted regressors (x1 = z1: one column x1 + z1; _cons = 1: y - 1 without a
# constant), conventional, HC1 (n/(n-p)) and clustered (G/(G-1) (n-1)/(n-p)) variances from
# sandwich.  Run from this directory: Rscript cnsreg.R > cnsreg.json
suppressMessages(library(sandwich))
d <- read.csv("heckman.csv")
m1 <- lm(works ~ I(x1 + z1) + x2, data = d)
m2 <- lm(I(works - 1) ~ 0 + I(x1 + z1) + x2, data = d)
se <- function(V) unname(sqrt(diag(V)))
out <- list(
  c1 = list(coef = unname(coef(m1)), se = se(vcov(m1)), rmse = summary(m1)$sigma,
            se_cluster = se(vcovCL(m1, cluster = ~cl, type = "HC1")),
            F = unname(summary(m1)$fstatistic[1]), ll = as.numeric(logLik(m1))),
  c12 = list(coef = unname(coef(m2)), se_robust = se(vcovHC(m2, type = "HC1")), rmse = summary(m2)$sigma))
cat(jsonlite::toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE))
