# xtlogit yb x1 x2, fe constraints() on xt_replicates_panel.csv, fitted by survival::clogit
# (exact conditional likelihood) on the reduced model each constraint set gives:
#   constraint 1 x1 = -x2  -> the conditional logit on z = x1 - x2 (b_x1 = b, b_x2 = -b);
#   constraint 2 x1 = .3   -> the conditional logit on x2 with offset .3 * x1.
# Run: Rscript xtlogit_fe_constraints_reference.R > xtlogit_fe_constraints_reference.json
library(survival)
d <- read.csv("xt_replicates_panel.csv")
d$z <- d$x1 - d$x2
f1 <- clogit(yb ~ z + strata(id), data = d, method = "exact")
d$off <- 0.3 * d$x1
f2 <- clogit(yb ~ x2 + offset(off) + strata(id), data = d, method = "exact")
b1 <- unname(coef(f1)); v1 <- unname(vcov(f1)[1, 1])
b2 <- unname(coef(f2)); v2 <- unname(vcov(f2)[1, 1])
out <- list(
  x1_minus_x2 = list(b = c(b1, -b1), se = c(sqrt(v1), sqrt(v1)), ll = f1$loglik[2],
                     wald = b1^2 / v1),
  x1_fixed = list(b = c(0.3, b2), se = c(0, sqrt(v2)), ll = f2$loglik[2], wald = b2^2 / v2))
cat(jsonlite::toJSON(out, digits = NA, auto_unbox = TRUE))
