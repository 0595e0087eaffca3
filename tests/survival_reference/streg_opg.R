# Reference values for streg ..., distribution(weibull) vce(opg) (tests/test_streg_vce_opg.py):
# survival's lung data (lung.csv), stset time, failure(status==2); survreg's Weibull fit taken to
# Stata's log relative-hazard metric (b = -beta/scale, ln p = -ln scale), each observation's
# score of ll_i = d (x b + ln p + (p-1) ln t) - exp(x b) t^p written out analytically, and
# V = (sum s_i s_i')^-1 (ml's vce(opg)).
# Run from the worktree root: Rscript tests/survival_reference/streg_opg.R > tests/survival_reference/streg_opg.json
library(survival)
d <- read.csv("tests/survival_reference/lung.csv")
d$dead <- as.numeric(d$status == 2)
f <- survreg(Surv(time, dead) ~ age + sex, data = d, dist = "weibull", control = survreg.control(rel.tolerance = 1e-12))
p <- 1 / f$scale
b <- -coef(f) * p
X <- cbind(d$age, d$sex, 1)
b <- b[c(2, 3, 1)]
eta <- drop(X %*% b)
H <- exp(eta) * d$time^p
S <- cbind(X * (d$dead - H), d$dead * (1 + p * log(d$time)) - H * p * log(d$time))
V <- solve(crossprod(S))
cat(jsonlite::toJSON(list(b = unname(c(b, log(p))), se = unname(sqrt(diag(V)))),
                     digits = 15, auto_unbox = TRUE, pretty = TRUE))
