# Reference values for streg's and stcrreg's constraints() and from() (plain and inside twoway
# fpfitci's fracpoly; tests/test_st_constraints.py).  A constraint fixing a coefficient at c is
# the model with c times the variable as an offset: its other estimates, their variance (V's
# row of the fixed coefficient zero), the log likelihood.
# - streg age sex, d(weibull) time constraints(1), constraint 1 age = .01 (the AFT metric):
#   survreg with offset(.01 age); ln_p = -log(scale).
# - streg age sex, d(weibull) constraints(1) (the hazard metric, age's log hazard ratio .01): the
#   Weibull PH log likelihood sum d (xb + ln p + (p-1) ln t) - exp(xb) t^p maximised by optim(),
#   V the inverse of its optimHess() Hessian.
# - stcrreg age thickness, compete(status==3) constraints(2), constraint 2 age = 0: crr without
#   age (V times n/(n-1), as stcrreg's); from(): crr with both (the same optimum).
# - twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3) constraints(2)):
#   fracpoly's search and final fit by crr without age (age's b 0, no variance).
# - twoway fpfitci age wt_loss, estcmd(streg) estopts(d(weibull) time constraints(3)), constraint 3
#   wt_loss = .001: every fit survreg with offset(.001 wt.loss).
# Run from the worktree root.
library(survival)
library(cmprsk)
out <- list()

lung <- read.csv("tests/survival_reference/lung.csv")
f <- survreg(Surv(time, died) ~ sex + offset(0.01 * age), data = lung, dist = "weibull")
V <- vcov(f)
out$streg_time <- list(b = unname(c(coef(f)["sex"], coef(f)["(Intercept)"], -log(f$scale))),
                       se = unname(sqrt(diag(V))[c("sex", "(Intercept)", "Log(scale)")]), ll = f$loglik[2] + sum(lung$died * log(lung$time)),
                       chi2 = unname(coef(f)["sex"]^2 / V["sex", "sex"]))

ll_ph <- function(th) {
  xb <- 0.01 * lung$age + th[1] * lung$sex + th[2]
  p <- exp(th[3])
  sum(lung$died * (xb + th[3] + (p - 1) * log(lung$time)) - exp(xb) * lung$time^p)
}
o <- optim(c(0, -6, 0), ll_ph, method = "BFGS", control = list(fnscale = -1, reltol = 1e-15, maxit = 1000))
o <- optim(o$par, ll_ph, method = "Nelder-Mead", control = list(fnscale = -1, reltol = 1e-16, maxit = 5000))
o <- optim(o$par, ll_ph, method = "BFGS", control = list(fnscale = -1, reltol = 1e-16, maxit = 1000))
H <- optimHess(o$par, ll_ph, control = list(fnscale = -1, ndeps = rep(1e-4, 3)))
Vph <- solve(-H)
out$streg_hazard <- list(b = o$par, se = sqrt(diag(Vph)), ll = o$value + sum(lung$died * log(lung$time)), chi2 = o$par[1]^2 / Vph[1, 1])

mel <- read.csv("tests/survival_reference/melanoma.csv")
n <- nrow(mel)
crr_fit <- function(X) crr(mel$time, mel$status, X, failcode = 1, cencode = 2, gtol = 1e-12, maxiter = 100)
f1 <- crr_fit(cbind(mel$thickness))
f2 <- crr_fit(cbind(mel$age, mel$thickness))
out$stcrreg_cns <- list(b = unname(f1$coef), se = unname(sqrt(diag(f1$var) * n / (n - 1))), ll = f1$loglik,
                        chi2 = unname(f1$coef^2 / (f1$var[1, 1] * n / (n - 1))))
out$stcrreg_from <- list(b = unname(f2$coef), se = unname(sqrt(diag(f2$var) * n / (n - 1))), ll = f2$loglik)

source("tests/survival_reference/fpfit_stcrreg_common.R")
z <- mel$thickness / 10^floor(log10(max(mel$thickness) - min(mel$thickness)))
p <- best_powers(z, function(X) crr_fit(X))
Xc <- sweep(fp(z, p), 2, fp(mean(z), p))
f <- crr_fit(Xc)
keep <- kept_rows(mel$age, mel$thickness)
V <- f$var * n / (n - 1)
I <- Xc[keep, , drop = FALSE]
out$fpfit_stcrreg <- list(powers = p, at = mel$age[keep], xb = as.vector(I %*% f$coef),
                          se = sqrt(rowSums((I %*% V) * I)))

d <- lung[!is.na(lung$wt.loss), ]
x <- d$age
source("tests/graphs_reference/fp_terms.R")
model <- function(X) survreg(Surv(d$time, d$died) ~ X + offset(0.001 * d$wt.loss), dist = "weibull")
best <- search_powers(function(p) -2 * model(terms(z, p))$loglik[2], tol = 1e-12, relative = TRUE)
Xc <- sweep(terms(z, best$powers), 2, terms(mean(z), best$powers))
f <- model(Xc)
k <- length(coef(f))
o <- order(d$wt.loss, d$age)
keep <- o[c(TRUE, diff(d$wt.loss[o]) != 0)]
X0 <- cbind(1, Xc[keep, , drop = FALSE])
out$fpfit_streg <- list(powers = best$powers, at = d$wt.loss[keep],
                        xb = as.vector(X0 %*% coef(f)) + 0.001 * d$wt.loss[keep],
                        se = sqrt(rowSums((X0 %*% vcov(f)[1:k, 1:k]) * X0)))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
