# Reference values for tests/test_scobit.py (scobit.out): the skewed logit
# Pr(y = 1) = 1 - (1 + exp(x b))^(-exp(lnalpha)) maximised by optim (BFGS) from glm()'s logit,
# V from numDeriv's Hessian (OIM) or the sandwich of numDeriv's scores, N/(N-1) (clusters
# G/(G-1)); the logit's log likelihood for the LR test of alpha = 1.  Data: scobit.csv.
# Run: Rscript scobit.R > scobit.out
library(numDeriv)
d <- read.csv("scobit.csv")
n <- nrow(d)
out <- function(tag, what, v) cat(tag, what, sprintf("%.10g", v), "\n")
X <- cbind(1, d$x, d$z)
llvec <- function(th) {
  u <- exp(th[4]) * log1p(exp(drop(X %*% th[1:3])))
  ifelse(d$y != 0, log(-expm1(-u)), -u)
}
lg <- glm(y ~ x + z, family = binomial, data = d)
fit <- function(w) {
  f <- function(t) sum(w * llvec(t))
  th <- c(coef(lg), 0)
  for (i in 1:3) th <- optim(th, f, gr = function(t) grad(f, t), method = "BFGS",
                             control = list(fnscale = -1, reltol = 1e-16, maxit = 5000))$par
  list(th = th, H = hessian(f, th), ll = f(th))
}
sandwich_se <- function(th, H, w, cl) {
  S <- rowsum(jacobian(llvec, th) * w, cl)
  G <- nrow(S)
  B <- solve(-H)
  sqrt(diag(B %*% (crossprod(S) * G / (G - 1)) %*% B))
}
o <- fit(rep(1, n))
out("oim", "b", o$th); out("oim", "se", sqrt(diag(solve(-o$H)))); out("oim", "ll", o$ll)
out("oim", "ll_c", as.numeric(logLik(lg)))
out("robust", "se", sandwich_se(o$th, o$H, rep(1, n), seq_len(n)))
out("cluster", "se", sandwich_se(o$th, o$H, rep(1, n), d$cl))
ow <- fit(d$w)
out("fw", "b", ow$th); out("fw", "se", sqrt(diag(solve(-ow$H)))); out("fw", "ll", ow$ll)
