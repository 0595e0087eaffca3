# Reference values for twoway fpfitci age wt_loss, estcmd(streg) estopts(distribution(weibull))
# on stset time, failure(died) (tests/test_survival_fpfit.py): as fpfit_stcox.R, the model
# streg's Weibull (survreg's AFT fit re-expressed in the hazard metric b = -a / sigma, the
# delta-method variance), with a constant; fracpred's x b includes _cons.  Also the time metric.
library(survival)
d <- read.csv("tests/survival_reference/lung.csv")
d <- d[!is.na(d$wt.loss), ]
x <- d$age
source("tests/graphs_reference/fp_terms.R")  # S, terms(), the scaled z, search_powers()
best <- search_powers(function(p) {
  X <- terms(z, p)
  -2 * survreg(Surv(d$time, d$died) ~ X + d$wt.loss, dist = "weibull")$loglik[2]
}, tol = 1e-12, relative = TRUE)
Xc <- sweep(terms(z, best$powers), 2, terms(mean(z), best$powers))
f <- survreg(Surv(d$time, d$died) ~ Xc + d$wt.loss, dist = "weibull")
a <- coef(f); V <- vcov(f); k <- length(a); s <- f$scale
o <- order(d$wt.loss, d$age)
keep <- o[c(TRUE, diff(d$wt.loss[o]) != 0)]
X0 <- cbind(1, Xc[keep, , drop = FALSE], d$wt.loss[keep])   # survreg's order: (Intercept) first
J <- cbind(-diag(k) / s, a / s)
Vb <- (J %*% V %*% t(J))
ph <- list(xb = as.vector(X0 %*% (-a / s)), se = sqrt(rowSums((X0 %*% Vb) * X0)))
aft <- list(xb = as.vector(X0 %*% a), se = sqrt(rowSums((X0 %*% V[1:k, 1:k]) * X0)))
out <- list(powers = best$powers, at = d$wt.loss[keep], hazard = ph, time = aft)
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
