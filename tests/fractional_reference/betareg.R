# Reference values for tests/test_betareg.py (betareg.out): the beta regression log likelihood
# written with dbeta(y, mu phi, (1 - mu) phi), maximised by optim (BFGS, from a crude start, not
# betareg.ado's), V from numDeriv's Hessian (OIM) or the sandwich with numDeriv's scores and
# N/(N-1); ll_0 from the constants-only model.  The R betareg package is not in Debian's
# archive: the likelihood is first principles.  Data: betareg.csv.
# Run: Rscript betareg.R > betareg.out
library(numDeriv)
d <- read.csv("betareg.csv")
n <- nrow(d)
out <- function(tag, what, v) cat(tag, what, sprintf("%.10g", v), "\n")
fit <- function(tag, G, S, X, Z, w = rep(1, n), robust = FALSE) {
  k <- ncol(X)
  llvec <- function(th) {
    mu <- G(drop(X %*% th[1:k])); phi <- S(drop(Z %*% th[-(1:k)]))
    dbeta(d$y, mu * phi, (1 - mu) * phi, log = TRUE)
  }
  f <- function(th) { v <- sum(w * llvec(th)); if (is.finite(v)) v else -1e300 }
  th <- c(rep(0, k), 1, rep(0, ncol(Z) - 1))
  for (i in 1:3) th <- optim(th, f, gr = function(t) grad(f, t), method = "BFGS",
                             control = list(fnscale = -1, reltol = 1e-16, maxit = 5000))$par
  H <- hessian(f, th)
  B <- solve(-H)
  if (robust) {
    sc <- jacobian(llvec, th) * w
    B <- B %*% (crossprod(sc) * n / (n - 1)) %*% B
  }
  out(tag, "b", th); out(tag, "se", sqrt(diag(B))); out(tag, "ll", f(th))
}
one <- matrix(1, n, 1)
X <- cbind(1, d$x); Z <- cbind(1, d$z)
fit("logit_const", plogis, exp, X, one)
fit("null", plogis, exp, one, one)
fit("probit_z", pnorm, exp, X, Z)
fit("null_probit", pnorm, exp, one, one)
fit("logit_root_robust", plogis, function(s) s^2, X, Z, robust = TRUE)
fit("cloglog_fw", function(e) -expm1(-exp(e)), exp, X, Z, w = d$w)
