# xtlogit yb x1 x2, re constraints(1) with constraint 1 x1 = -x2 on xt_replicates_panel.csv: the
# constrained model is the random-intercept logit on z = x1 - x2 (b_x1 = b, b_x2 = -b), fitted by
# lme4::glmer with 12 adaptive quadrature points; the comparison model (e(ll_c)) the logit on z.
# Run: Rscript xtlogit_constraints_reference.R > xtlogit_constraints_reference.json
library(lme4)
d <- read.csv("xt_replicates_panel.csv")
d$z <- d$x1 - d$x2
f <- glmer(yb ~ z + (1 | id), family = binomial, nAGQ = 12, data = d,
           control = glmerControl(optimizer = "bobyqa", optCtrl = list(maxfun = 1e5)))
b <- fixef(f)
V <- as.matrix(vcov(f))
sigma <- as.data.frame(VarCorr(f))$sdcor[1]
pooled <- glm(yb ~ z, family = binomial, data = d)
out <- list(cns_x1_minus_x2 = list(
  b = c(b[2], -b[2], b[1], 2 * log(sigma)),
  se_b = sqrt(diag(V))[c(2, 2, 1)],
  ll = as.numeric(logLik(f)),
  wald = b[2]^2 / V[2, 2],
  ll_c = as.numeric(logLik(pooled))))
cat(jsonlite::toJSON(out, digits = NA, auto_unbox = TRUE))
