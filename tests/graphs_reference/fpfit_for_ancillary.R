# Reference values for tests/test_graphs_fpfit_for_ancillary.py: twoway fpfit with
# estcmd(nbreg|cnreg) estopts(noconstant) predopts(for(x) stdp).  fracpred's vcalc reads e(V)'s
# row after the terms as the constant's; without a constant that row is nbreg's ln alpha (e(V) of
# (b, ln alpha)) or cnreg's sigma (e(V) of (b, sigma)), so it draws
#   sqrt(Ix' V_tt Ix + V_aa + 2 Ix' V_ta),  Ix the centred terms, a the ancillary parameter,
# next to x b's own stdp sqrt(Ix' V_tt Ix) (fpfitci's band).
# fracpoly's noconstant: every candidate fitted without a constant on the terms of the scaled x,
# the pair of the smallest deviance -2 ll; the final model on the terms centred at the mean of x.
# nbreg: MASS::glm.nb, V the inverse observed information of (b, ln alpha) (Richardson-
# extrapolated central differences of the log likelihood written out); cnreg: survreg's Gaussian
# interval fits, vcov over (b, log scale) turned into (b, sigma) by the delta method (exact at the
# maximum: sigma = exp(log scale)).
# Run in this folder: Rscript fpfit_for_ancillary.R > fpfit_for_ancillary.json
suppressMessages({library(MASS); library(survival)})
set.seed(20261203)
n <- 80
x <- round(runif(n, 0.5, 6), 1)
source("fp_terms.R")  # S, terms(), the scaled z
centred <- function(v, bp) sweep(terms(v, bp), 2, terms(mean(z), bp))
at <- sort(unique(x))
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
vcalc <- function(X0, V) {
  k <- ncol(X0)
  D <- cbind(X0, 1)
  list(for_stdp = sqrt(rowSums((D %*% V[1:(k + 1), 1:(k + 1)]) * D)),
       xb_stdp = sqrt(rowSums((X0 %*% V[1:k, 1:k]) * X0)))
}
# nbreg, noconstant
yc <- rnbinom(n, mu = exp(0.7 * (log(x) - log(mean(x)))), size = 2)
control <- glm.control(epsilon = 1e-14, maxit = 200)
bp <- best_pair(function(p) {
  fit <- tryCatch(glm.nb(yc ~ terms(z, p) - 1, control = control), error = function(e) NULL)
  if (is.null(fit)) NULL else -fit$twologlik
})
X <- centred(z, bp)
fit <- glm.nb(yc ~ X - 1, control = control)
loglik <- function(par) {
  b <- par[seq_len(ncol(X))]
  m <- exp(-par[ncol(X) + 1])
  mu <- exp(as.vector(X %*% b))
  sum(lgamma(yc + m) - lgamma(m) - lgamma(yc + 1) + m * log(m / (m + mu)) + yc * log(mu / (m + mu)))
}
theta <- c(coef(fit), -log(fit$theta))
k <- length(theta)
hessian <- function(h) {
  H <- matrix(0, k, k)
  for (a in 1:k) for (b in 1:k) {
    ea <- replace(numeric(k), a, h); eb <- replace(numeric(k), b, h)
    H[a, b] <- (loglik(theta + ea + eb) - loglik(theta + ea - eb) - loglik(theta - ea + eb) +
                loglik(theta - ea - eb)) / (4 * h * h)
  }
  H
}
V <- solve(-((4 * hessian(1e-4) - hessian(2e-4)) / 3))
nb <- vcalc(centred(at / scale, bp), V)
# cnreg, noconstant: censored at -1 and 1.5
ystar <- 1.5 * (log(x) - log(mean(x))) + rnorm(n, 0, 0.6)
cens <- ifelse(ystar < -1, -1, ifelse(ystar > 1.5, 1, 0))
yn <- round(ifelse(cens == -1, -1, ifelse(cens == 1, 1.5, ystar)), 3)
lo <- ifelse(cens == -1, NA, yn); hi <- ifelse(cens == 1, NA, yn)
sctl <- survreg.control(rel.tolerance = 1e-13, maxiter = 100)
cp <- best_pair(function(p)
  -2 * survreg(Surv(lo, hi, type = "interval2") ~ terms(z, p) - 1, dist = "gaussian", control = sctl)$loglik[2])
Xc <- centred(z, cp)
sfit <- survreg(Surv(lo, hi, type = "interval2") ~ Xc - 1, dist = "gaussian", control = sctl)
J <- diag(c(1, 1, sfit$scale))  # d(b, sigma) / d(b, log sigma)
Vs <- J %*% vcov(sfit) %*% J
cn <- vcalc(centred(at / scale, cp), Vs)
cat("{\n")
cat(sprintf('  "x": [%s],\n  "yc": [%s],\n  "yn": [%s],\n  "c": [%s],\n  "at": [%s],\n', num(x), num(yc), num(yn),
            num(cens), num(at)))
cat(sprintf('  "nbreg": {"powers": [%s], "for_stdp": [%s], "xb_stdp": [%s], "lnalpha": %.17g},\n', num(bp),
            num(nb$for_stdp), num(nb$xb_stdp), theta[k]))
cat(sprintf('  "cnreg": {"powers": [%s], "for_stdp": [%s], "xb_stdp": [%s], "sigma": %.17g, "df_r": %d}\n',
            num(cp), num(cn$for_stdp), num(cn$xb_stdp), sfit$scale, n - 2))
cat("}\n")
