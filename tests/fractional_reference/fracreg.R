# Reference values for tests/test_fracreg.py (fracreg.out).  fracreg's estimates are the
# quasibinomial GLM's (the same estimating equations); its robust VCE is Stata's sandwich with the
# observed Hessian, (-H)^-1 (c sum s s') (-H)^-1, c = N/(N-1) (clusters: G/(G-1)), here from
# numerical derivatives (numDeriv) of the Bernoulli quasi-log-likelihood, independent of mlm's
# analytic ones.  For the logit link (canonical) sandwich::vcovCL's HC0 gives the same.
# Data: frac.csv (the test writes the same numbers).  Run: Rscript fracreg.R > fracreg.out
library(sandwich)
library(numDeriv)
d <- read.csv("frac.csv")
d$g <- factor(d$g)
n <- nrow(d)
robust_se <- function(llvec, th, w, cl = seq_len(n)) {
  H <- hessian(function(t) sum(w * llvec(t)), th)
  S <- jacobian(llvec, th) * w
  Sc <- rowsum(S, cl)
  G <- nrow(Sc)
  B <- solve(-H)
  sqrt(diag(B %*% (crossprod(Sc) * G / (G - 1)) %*% B))
}
out <- function(tag, what, v) cat(tag, what, sprintf("%.10g", v), "\n")
bern <- function(G) function(X) function(th) {
  t <- drop(X %*% th); d$y * G(t, log.p = TRUE) + (1 - d$y) * G(-t, log.p = TRUE)
}
# 1. fracreg probit y x1 x2 i.g
X1 <- model.matrix(~ x1 + x2 + g, d)
f1 <- glm(y ~ x1 + x2 + g, family = quasibinomial(link = "probit"), data = d)
ll1 <- bern(pnorm)(X1)
out("probit", "b", coef(f1)); out("probit", "se", robust_se(ll1, coef(f1), rep(1, n)))
out("probit", "ll", sum(ll1(coef(f1))))
out("probit", "ll0", sum(bern(pnorm)(matrix(1, n, 1))(coef(glm(y ~ 1, family = quasibinomial(link = "probit"), data = d)))))
# 2. fracreg logit y x1 x2 [pw=w], vce(cluster cl)
X2 <- model.matrix(~ x1 + x2, d)
f2 <- glm(y ~ x1 + x2, family = quasibinomial(link = "logit"), data = d, weights = w)
ll2 <- bern(plogis)(X2)
out("logit_pw_cluster", "b", coef(f2)); out("logit_pw_cluster", "se", robust_se(ll2, coef(f2), d$w, d$cl))
G <- length(unique(d$cl))
out("logit_pw_cluster", "se_sandwich_pkg", sqrt(diag(vcovCL(f2, cluster = ~cl, type = "HC0", cadjust = FALSE) * G / (G - 1))))
out("logit_pw_cluster", "ll", sum(d$w * ll2(coef(f2))))
f0w <- glm(y ~ 1, family = quasibinomial(link = "logit"), data = d, weights = w)
out("logit_pw_cluster", "ll0", sum(d$w * bern(plogis)(matrix(1, n, 1))(coef(f0w))))
p <- fitted(f2)  # margins, dydx(x1): the weighted mean of b1 p (1 - p)
out("logit_pw_cluster", "ame_x1", weighted.mean(coef(f2)[2] * p * (1 - p), d$w))
out("logit_pw_cluster", "margin", weighted.mean(p, d$w))
# 3. fracreg probit y x1 x2, het(z): maximise the quasi-likelihood directly
llh <- function(th) {
  t <- (th[1] + th[2] * d$x1 + th[3] * d$x2) / exp(th[4] * d$z)
  d$y * pnorm(t, log.p = TRUE) + (1 - d$y) * pnorm(-t, log.p = TRUE)
}
start <- c(coef(glm(y ~ x1 + x2, family = quasibinomial(link = "probit"), data = d)), 0)
o <- optim(start, function(t) sum(llh(t)), gr = function(t) grad(function(u) sum(llh(u)), t), method = "BFGS",
           control = list(fnscale = -1, reltol = 1e-15, maxit = 1000))
out("het", "b", o$par); out("het", "se", robust_se(llh, o$par, rep(1, n))); out("het", "ll", o$value)
llh0 <- function(th) {
  t <- th[1] / exp(th[2] * d$z); d$y * pnorm(t, log.p = TRUE) + (1 - d$y) * pnorm(-t, log.p = TRUE)
}
o0 <- optim(c(0, 0), function(t) sum(llh0(t)), method = "BFGS", control = list(fnscale = -1, reltol = 1e-15))
out("het", "ll0", o0$value)
