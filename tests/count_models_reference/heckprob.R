# Reference values for heckprob (tests/test_heckman.py): the probit-with-selection likelihood
# written out with mvtnorm's bivariate normal (pmvnorm), maximised by optim, its Hessian by
# numDeriv.  Run from this directory: Rscript heckprob.R > heckprob.json
suppressMessages({library(mvtnorm); library(numDeriv)})
d <- read.csv("heckprob.csv")
s <- d$s == 1
X <- cbind(d$x1, 1); Z <- cbind(d$z1, d$x1, 1)
q <- ifelse(!is.na(d$yb) & d$yb != 0, 1, -1)
p2 <- function(h, k, r) pmvnorm(upper = c(h, k), corr = matrix(c(1, r, r, 1), 2))[1]
nll <- function(th) {
  xb <- drop(X %*% th[1:2]); zg <- drop(Z %*% th[3:5]); rho <- tanh(th[6])
  ll <- numeric(nrow(d))
  ll[!s] <- pnorm(-zg[!s], log.p = TRUE)
  for (i in which(s)) ll[i] <- log(p2(q[i] * xb[i], zg[i], q[i] * rho))
  -sum(ll)
}
pr1 <- glm(I(yb != 0) ~ x1, data = d[s, ], family = binomial(link = "probit"), control = glm.control(epsilon = 1e-14))
pr2 <- glm(s ~ z1 + x1, data = d, family = binomial(link = "probit"), control = glm.control(epsilon = 1e-14))
start <- c(coef(pr1)[c(2, 1)], coef(pr2)[c(2, 3, 1)], 0)
f <- optim(start, nll, method = "BFGS", control = list(reltol = 1e-14, maxit = 2000))
V <- solve(hessian(nll, f$par))
out <- list(coef = unname(f$par), se = unname(sqrt(diag(V))), ll = -f$value,
            ll_c = as.numeric(logLik(pr1)) + as.numeric(logLik(pr2)))
cat(jsonlite::toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE))
