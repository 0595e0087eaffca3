# Reference values for biprobit (tests/test_biprobit.py): the bivariate probit likelihood
# written out with mvtnorm's bivariate normal (pmvnorm), maximised by optim; the OIM variance
# from numDeriv's Hessian, the robust and cluster sandwiches from numDeriv's per-observation
# scores (cluster: times G/(G-1)); the comparison probits by glm.  VGAM's binom2.rho fits the
# common-regressor model as a cross-check of the coefficients.
# Run from this directory: Rscript biprobit.R > biprobit.json
suppressMessages({library(mvtnorm); library(numDeriv); library(VGAM)})
d <- read.csv("biprobit.csv")
q1 <- 2 * d$y1 - 1; q2 <- 2 * d$y2 - 1
p2 <- function(h, k, r) pmvnorm(upper = c(h, k), corr = matrix(c(1, r, r, 1), 2))[1]
fit <- function(X1, X2, cluster = NULL) {
  k1 <- ncol(X1); k2 <- ncol(X2)
  obs <- function(th) {
    m1 <- drop(X1 %*% th[1:k1]); m2 <- drop(X2 %*% th[(k1 + 1):(k1 + k2)]); r <- tanh(th[k1 + k2 + 1])
    sapply(seq_len(nrow(d)), function(i) log(p2(q1[i] * m1[i], q2[i] * m2[i], q1[i] * q2[i] * r)))
  }
  nll <- function(th) -sum(obs(th))
  pr1 <- glm(d$y1 ~ X1 - 1, family = binomial(link = "probit"), control = glm.control(epsilon = 1e-14))
  pr2 <- glm(d$y2 ~ X2 - 1, family = binomial(link = "probit"), control = glm.control(epsilon = 1e-14))
  start <- c(coef(pr1), coef(pr2), 0)
  f <- optim(start, nll, method = "BFGS", control = list(reltol = 1e-15, maxit = 5000))
  f <- optim(f$par, nll, method = "BFGS", control = list(reltol = 1e-15, maxit = 5000))
  Hinv <- solve(hessian(nll, f$par))
  S <- jacobian(obs, f$par)
  n <- nrow(d)
  Vr <- Hinv %*% crossprod(S) %*% Hinv * n / (n - 1)
  Sg <- rowsum(S, d$g)
  G <- nrow(Sg)
  Vc <- Hinv %*% crossprod(Sg) %*% Hinv * G / (G - 1)
  th <- f$par
  m1 <- drop(X1 %*% th[1:k1]); m2 <- drop(X2 %*% th[(k1 + 1):(k1 + k2)]); r <- tanh(th[k1 + k2 + 1])
  first <- 1:5
  p11_mean <- function(th) {  # margins' default after biprobit: the mean of p11 and its delta-method SE
    m1 <- drop(X1 %*% th[1:k1]); m2 <- drop(X2 %*% th[(k1 + 1):(k1 + k2)]); r <- tanh(th[k1 + k2 + 1])
    mean(sapply(seq_len(nrow(d)), function(i) p2(m1[i], m2[i], r)))
  }
  gm <- grad(p11_mean, th)
  list(coef = unname(th), se = unname(sqrt(diag(Hinv))), se_robust = unname(sqrt(diag(Vr))),
       se_cluster = unname(sqrt(diag(Vc))), ll = -f$value,
       ll_c = as.numeric(logLik(pr1)) + as.numeric(logLik(pr2)),
       p11 = sapply(first, function(i) p2(m1[i], m2[i], r)),
       p10 = sapply(first, function(i) p2(m1[i], -m2[i], -r)),
       p01 = sapply(first, function(i) p2(-m1[i], m2[i], -r)),
       p00 = sapply(first, function(i) p2(-m1[i], -m2[i], r)),
       pmarg1 = pnorm(m1[first]), pmarg2 = pnorm(m2[first]),
       margin_p11 = p11_mean(th), margin_p11_se = sqrt(drop(t(gm) %*% Hinv %*% gm)))
}
X <- cbind(d$x1, d$x2, 1)
common <- fit(X, X)
v <- vglm(cbind((1 - y1) * (1 - y2), (1 - y1) * y2, y1 * (1 - y2), y1 * y2) ~ x1 + x2,  # cells 00 01 10 11
          binom2.rho(lrho = "identitylink"), data = d, trace = FALSE)
common$vgam_coef <- unname(coef(v))  # (Intercept):1, (Intercept):2, rho, x1:1, x1:2, x2:1, x2:2
su <- fit(cbind(d$x1, d$x2, 1), cbind(d$x1, d$z1, 1))
cat(jsonlite::toJSON(list(common = common, su = su), digits = NA, auto_unbox = TRUE, pretty = TRUE))
