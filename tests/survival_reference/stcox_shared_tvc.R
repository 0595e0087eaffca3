# Reference for stcox age female, shared(id) tvc(female) (texp(_t), Breslow ties) on the kidney
# catheter data (kidney.csv): the records split at the failure times (survSplit), the tvc
# column female * (the piece's end: the failure time it meets), coxph's gamma frailty on the
# (start, stop] pieces -- theta^ from its EM marginal-likelihood search, b and se from the
# non-sparse penalized fit at theta^ (the b block of the inverse penalized information), the
# I-likelihood and the comparison Cox model's log likelihood.
# Run from the repository root:
#   Rscript tests/survival_reference/stcox_shared_tvc.R > tests/survival_reference/stcox_shared_tvc.json
library(survival)
k <- read.csv("tests/survival_reference/kidney.csv")
k$obs <- seq_len(nrow(k))
cuts <- sort(unique(k$time[k$status == 1]))
s <- survSplit(Surv(time, status) ~ ., data = k, cut = cuts, start = "tstart", end = "tstop")
s$tvc_female <- s$female * s$tstop
ctl <- coxph.control(eps = 1e-12, toler.chol = 1e-15, iter.max = 200, outer.max = 200)
em <- coxph(Surv(tstart, tstop, status) ~ age + female + tvc_female +
            frailty(id, distribution = "gamma", sparse = FALSE, eps = 1e-10), data = s, ties = "breslow",
            control = ctl)
theta <- em$history[[1]]$theta
fx <- coxph(Surv(tstart, tstop, status) ~ age + female + tvc_female + frailty(id, theta = theta, sparse = FALSE),
            data = s, ties = "breslow", control = ctl)
cox <- coxph(Surv(tstart, tstop, status) ~ age + female + tvc_female, data = s, ties = "breslow", control = ctl)
out <- list(theta = theta, b = unname(coef(fx)[1:3]), se = unname(sqrt(diag(fx$var))[1:3]),
            ll = em$history[[1]]$c.loglik, ll_c = cox$loglik[2])
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
