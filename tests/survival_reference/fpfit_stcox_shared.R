# Reference values for twoway fpfitci age female, estcmd(stcox) estopts(shared(id))
# (tests/test_graphs_fpfit_stcox_shared.py): fracpoly's st form as in fpfit_stcox_extras.R, each
# candidate's deviance -2 log L_m(theta^) of the gamma shared-frailty model (coxph's EM
# I-likelihood, Breslow ties); the final fit's b and V (the non-sparse fit at theta^, V the b
# block of the inverse penalized information); at the observation twoway keeps at each distinct
# female: fracpred's x b and its stdp; predopts(dresid): the frailty model refitted on x b (its
# own theta^ by the same EM search), coxph's deviance residuals of its penalized fit at that theta^
# (each group's log frailty in the linear predictor).  res$tvc: estopts(shared(id) tvc(female)),
# every fit on the records split at the failure times (survSplit), the tvc column female times
# the piece's end, x b and stdp of the main equation.  Data: R's kidney catheter data (kidney.csv).
# Run from the repository root:
#   Rscript tests/survival_reference/fpfit_stcox_shared.R > tests/survival_reference/fpfit_stcox_shared.json
library(survival)
d <- read.csv("tests/survival_reference/kidney.csv")
x <- d$age
source("tests/graphs_reference/fp_terms.R")  # S, terms(), the scaled z, search_powers()
ctl <- coxph.control(eps = 1e-12, toler.chol = 1e-15, iter.max = 200, outer.max = 200)
fit <- function(X) {
  d$x1 <- X[, 1]; d$x2 <- X[, 2]
  coxph(Surv(time, status) ~ x1 + x2 + female + frailty(id, distribution = "gamma", sparse = FALSE, eps = 1e-10),
        data = d, ties = "breslow", control = ctl)
}
best <- search_powers(function(p) -2 * fit(terms(z, p))$history[[1]]$c.loglik, tol = 1e-12, relative = TRUE)
Xc <- sweep(terms(z, best$powers), 2, terms(mean(z), best$powers))
em <- fit(Xc)
theta <- em$history[[1]]$theta
d$x1 <- Xc[, 1]; d$x2 <- Xc[, 2]
f <- coxph(Surv(time, status) ~ x1 + x2 + female + frailty(id, theta = theta, sparse = FALSE), data = d,
           ties = "breslow", control = ctl)
b <- coef(f)[1:3]; V <- f$var[1:3, 1:3]
o <- order(d$female, d$age)
keep <- o[c(TRUE, diff(d$female[o]) != 0)]
X0 <- cbind(Xc[keep, , drop = FALSE], d$female[keep])
d$eta <- as.vector(cbind(Xc, d$female) %*% b)
em2 <- coxph(Surv(time, status) ~ eta + frailty(id, distribution = "gamma", sparse = FALSE, eps = 1e-10),
             data = d, ties = "breslow", control = ctl)
f2 <- coxph(Surv(time, status) ~ eta + frailty(id, theta = em2$history[[1]]$theta, sparse = FALSE), data = d,
            ties = "breslow", control = ctl)
res <- list(powers = best$powers, deviance = best$dev, theta = theta, at = d$female[keep], b = unname(b),
            xb = as.vector(X0 %*% b), se = sqrt(rowSums((X0 %*% V) * X0)),
            dresid = unname(residuals(f2, "deviance"))[keep])
cuts <- sort(unique(d$time[d$status == 1]))
d$z <- z
sp <- survSplit(Surv(time, status) ~ ., data = d, cut = cuts, start = "tstart", end = "tstop")
sp$tvc_female <- sp$female * sp$tstop
fit_tvc <- function(X, theta = NULL) {
  sp$x1 <- X[, 1]; sp$x2 <- X[, 2]
  if (is.null(theta))
    coxph(Surv(tstart, tstop, status) ~ x1 + x2 + female + tvc_female +
          frailty(id, distribution = "gamma", sparse = FALSE, eps = 1e-10), data = sp, ties = "breslow", control = ctl)
  else
    coxph(Surv(tstart, tstop, status) ~ x1 + x2 + female + tvc_female + frailty(id, theta = theta, sparse = FALSE),
          data = sp, ties = "breslow", control = ctl)
}
best <- search_powers(function(p) -2 * fit_tvc(terms(sp$z, p))$history[[1]]$c.loglik, tol = 1e-12, relative = TRUE)
Xs <- sweep(terms(sp$z, best$powers), 2, terms(mean(z), best$powers))
ft <- fit_tvc(Xs, fit_tvc(Xs)$history[[1]]$theta)
bt <- coef(ft)[1:3]; Vt <- ft$var[1:3, 1:3]
Xt <- cbind(sweep(terms(z, best$powers), 2, terms(mean(z), best$powers))[keep, , drop = FALSE], d$female[keep])
res$tvc <- list(powers = best$powers, deviance = best$dev, b = unname(bt), xb = as.vector(Xt %*% bt),
                se = sqrt(rowSums((Xt %*% Vt) * Xt)))
cat(jsonlite::toJSON(res, digits = 15, auto_unbox = TRUE))
