# Reference values for heckman (tests/test_heckman.py): the selection model's log likelihood
# written out here and maximised by optim (BFGS), its Hessian by numDeriv; the two-step
# estimator from glm's probit and lm with Heckman's corrected covariance (Greene's formula).
# Run from this directory: Rscript heckman.R > heckman.json
suppressMessages(library(numDeriv))
d <- read.csv("heckman.csv")
s <- d$works == 1
X <- cbind(d$x1, d$x2, 1)
Z <- cbind(d$z1, d$x1, 1)
y <- ifelse(s, d$wage, 0)
nll <- function(th) {
  b <- th[1:3]; g <- th[4:6]; rho <- tanh(th[7]); sig <- exp(th[8])
  zg <- drop(Z %*% g); e <- (y - drop(X %*% b)) / sig
  ll <- ifelse(s, pnorm((zg + rho * e) / sqrt(1 - rho^2), log.p = TRUE) + dnorm(e, log = TRUE) - log(sig),
               pnorm(-zg, log.p = TRUE))
  -sum(ll)
}
pr <- glm(works ~ z1 + x1, data = d, family = binomial(link = "probit"), control = glm.control(epsilon = 1e-14))
ols <- lm(wage ~ x1 + x2, data = d[s, ])
start <- c(coef(ols)[c(2, 3, 1)], coef(pr)[c(2, 3, 1)], 0, log(summary(ols)$sigma))
fit <- optim(start, nll, method = "BFGS", control = list(reltol = 1e-15, maxit = 10000))
fit <- optim(fit$par, nll, method = "Nelder-Mead", control = list(reltol = 1e-15, maxit = 20000))
fit <- optim(fit$par, nll, method = "BFGS", control = list(reltol = 1e-15, maxit = 10000))
H <- hessian(nll, fit$par)
V <- solve(H)
ll_reg <- sum(dnorm(residuals(ols), sd = sqrt(mean(residuals(ols)^2)), log = TRUE))
out <- list(ml = list(coef = unname(fit$par), se = unname(sqrt(diag(V))), ll = -fit$value,
                      ll_probit = as.numeric(logLik(pr)), ll_regress = ll_reg))
# two-step
g <- coef(pr)[c(2, 3, 1)]
zg <- drop(Z %*% g)[s]
lam <- dnorm(zg) / pnorm(zg)
delta <- lam * (lam + zg)
Xs <- cbind(X[s, ], lam)
ys <- d$wage[s]
XtXi <- solve(crossprod(Xs))
b <- drop(XtXi %*% crossprod(Xs, ys))
r <- ys - drop(Xs %*% b)
sigma2 <- sum(r^2) / sum(s) + mean(delta) * b[4]^2
rho <- b[4] / sqrt(sigma2)
# Stata's probit V is the inverse observed information (glm's vcov is the expected one)
pnll <- function(g) -sum(pnorm(ifelse(s, 1, -1) * drop(Z %*% g), log.p = TRUE))
Vg <- solve(hessian(pnll, g))
Q <- crossprod(Xs * delta, Z[s, ])
Vb <- sigma2 * XtXi %*% (crossprod(Xs * (1 - rho^2 * delta), Xs) + rho^2 * Q %*% Vg %*% t(Q)) %*% XtXi
out$twostep <- list(coef = unname(b), se = unname(sqrt(diag(Vb))), gamma = unname(g),
                    se_gamma = unname(sqrt(diag(Vg))), rho = unname(rho), sigma = sqrt(sigma2))
cat(jsonlite::toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE))
