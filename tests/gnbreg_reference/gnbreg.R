# Reference values for gnbreg (tests/test_gnbreg.py): the negative binomial likelihood with
# ln(alpha) = z g written out (dnbinom with size = 1/alpha), maximised by optim; the OIM
# variance from numDeriv's Hessian, the cluster sandwich from numDeriv's per-observation scores
# (times G/(G-1)); the constant-only model the same way; MASS::glm.nb checks the constant-alpha
# case (lnalpha() empty).  Run from this directory: Rscript gnbreg.R > gnbreg.json
suppressMessages({library(numDeriv); library(MASS)})
d <- read.csv("gnbreg.csv")
fit <- function(X, Z, off) {
  kx <- ncol(X)
  obs <- function(th) {
    mu <- exp(drop(X %*% th[1:kx]) + off); a <- exp(drop(Z %*% th[-(1:kx)]))
    dnbinom(d$y, size = 1 / a, mu = mu, log = TRUE)
  }
  nll <- function(th) -sum(obs(th))
  start <- c(rep(0, kx - 1), log(mean(d$y)) - log(mean(exp(off))), rep(0, ncol(Z)))
  f <- optim(start, nll, method = "BFGS", control = list(reltol = 1e-15, maxit = 5000))
  f <- optim(f$par, nll, method = "BFGS", control = list(reltol = 1e-15, maxit = 5000))
  Hinv <- solve(hessian(nll, f$par))
  S <- rowsum(jacobian(obs, f$par), d$g)
  G <- nrow(S)
  Vc <- Hinv %*% crossprod(S) %*% Hinv * G / (G - 1)
  list(coef = unname(f$par), se = unname(sqrt(diag(Hinv))), se_cluster = unname(sqrt(diag(Vc))), ll = -f$value,
       V = unname(Hinv))
}
X <- cbind(d$x1, d$x2, 1); Z <- cbind(d$z1, 1)
full <- fit(X, Z, log(d$t))
const <- fit(matrix(1, nrow(d), 1), Z, log(d$t))
offset_form <- fit(X, Z, rep(0, nrow(d)))
nb <- glm.nb(y ~ x1 + x2, data = d, control = glm.control(epsilon = 1e-12, maxit = 100))
out <- list(full = full, ll_0 = const$ll, no_exposure = offset_form,
            glm_nb = list(coef = unname(coef(nb)), lnalpha = -log(nb$theta), ll = as.numeric(logLik(nb))))
cat(jsonlite::toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE))
