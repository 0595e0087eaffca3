# Reference values for tests/test_hetprob.py (hetprob.out): the heteroskedastic probit
# Pr(y = 1) = pnorm(x b / exp(z g)) maximised with optim (BFGS, analytic-free), V the inverse of
# numDeriv's Hessian (OIM) or the sandwich with numDeriv's per-observation scores and N/(N-1)
# (clusters G/(G-1)); the probit without het() by glm() for e(ll_c).  Data: hetprob.csv.
# Run: Rscript hetprob.R > hetprob.out
library(numDeriv)
d <- read.csv("hetprob.csv")
n <- nrow(d)
out <- function(tag, what, v) cat(tag, what, sprintf("%.10g", v), "\n")
llvec <- function(th) {
  t <- (th[1] + th[2] * d$x) / exp(th[3] * d$z)
  ifelse(d$y != 0, pnorm(t, log.p = TRUE), pnorm(-t, log.p = TRUE))
}
sandwich_se <- function(th, w, cl) {
  H <- hessian(function(t) sum(w * llvec(t)), th)
  S <- rowsum(jacobian(llvec, th) * w, cl)
  G <- nrow(S)
  B <- solve(-H)
  sqrt(diag(B %*% (crossprod(S) * G / (G - 1)) %*% B))
}
pr <- glm(y ~ x, family = binomial(link = "probit"), data = d)
o <- optim(c(coef(pr), 0), function(t) sum(llvec(t)), method = "BFGS",
           control = list(fnscale = -1, reltol = 1e-15, maxit = 2000))
th <- o$par
out("oim", "b", th)
out("oim", "se", sqrt(diag(solve(-hessian(function(t) sum(llvec(t)), th)))))
out("oim", "ll", o$value)
out("oim", "ll_c", as.numeric(logLik(pr)))
out("robust", "se", sandwich_se(th, rep(1, n), seq_len(n)))
out("cluster", "se", sandwich_se(th, rep(1, n), d$cl))
# fweights: the weighted likelihood (the expanded data's)
ow <- optim(th, function(t) sum(d$w * llvec(t)), method = "BFGS",
            control = list(fnscale = -1, reltol = 1e-15, maxit = 2000))
out("fw", "b", ow$par)
out("fw", "se", sqrt(diag(solve(-hessian(function(t) sum(d$w * llvec(t)), ow$par)))))
out("fw", "ll", ow$value)
