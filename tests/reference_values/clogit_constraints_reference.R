# Reference values for tests/test_clogit_constraints.py (Rscript clogit_constraints_reference.R
# > clogit_constraints_reference.json in tests/reference_values): clogit's constraints() on
# conditional_panels.csv, fitted as the constrained model re-expressed:
# - constraint x1 = 0.5: survival::clogit (exact) of yb on x2 with offset 0.5*x1;
# - constraint x1 = x2: survival::clogit (exact) of yb on z = x1 + x2 (b1 = b2 = g,
#   V = var(g) [1 1; 1 1]); with vce(robust) the enumeration's sandwich on z
#   (clogit_enumeration.R, Stata's c/(c-1) factor).
suppressMessages({library(survival); library(jsonlite)})
d <- read.csv("conditional_panels.csv")
tot <- tapply(d$yb, d$id, sum); n <- tapply(d$yb, d$id, length)
informative <- as.numeric(names(tot)[tot > 0 & tot < n])
d <- d[d$id %in% informative, ]
source("clogit_enumeration.R")
fixed <- clogit(yb ~ x2 + offset(0.5 * x1) + strata(id), data = d, method = "exact")
d$z <- d$x1 + d$x2
equal <- clogit(yb ~ z + strata(id), data = d, method = "exact")
rob <- fit(d, "z", robust = TRUE)
out <- list(
  fixed = list(b = c(0.5, unname(coef(fixed))), se2 = sqrt(vcov(fixed)[1, 1]), ll = fixed$loglik[2],
               wald = unname(coef(fixed)^2 / vcov(fixed)[1, 1])),
  equal = list(g = unname(coef(equal)), se = sqrt(vcov(equal)[1, 1]), ll = equal$loglik[2],
               wald = unname(coef(equal)^2 / vcov(equal)[1, 1])),
  equal_robust = list(g = rob$b, se = rob$se_robust, ll = rob$ll, wald = rob$b^2 / rob$se_robust^2))
cat(toJSON(out, digits = NA, auto_unbox = TRUE))
