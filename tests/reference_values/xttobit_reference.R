# Reference values for xttobit (random-effects tobit), independent of mlm
# (data: xttobit_panels.csv from make_xttobit_data.py; used by tests/test_xttobit.py).
# Run: Rscript xttobit_reference.R
#
# The panel likelihood L_i = int phi(u; 0, su) prod_t f_it(u) du is computed by R's
# integrate() (adaptive Gauss-Kronrod on the whole line), maximised with optim (BFGS on
# b, ln su, ln se, started from lm), then refined by Newton steps with numDeriv's Hessian;
# the OIM standard errors of (b, su, se) come from numDeriv's Hessian in (b, su, se).
# Left-censored at 0 (y <= 0), right-censored at the variable cap (y >= cap).
suppressMessages({library(numDeriv); library(jsonlite)})
d <- read.csv("xttobit_panels.csv")
X <- cbind(x = d$x, w = d$w, `_cons` = 1)
y <- d$y
left <- y <= 0
right <- !left & y >= d$cap
panels <- split(seq_len(nrow(d)), d$id)

panel_ll <- function(idx, xb, su, se) {
  lf <- function(u) {  # ln of the integrand at each u (vectorised over u)
    e <- outer(xb[idx], u, "+")
    lo <- matrix(left[idx], nrow(e), ncol(e)); hi <- matrix(right[idx], nrow(e), ncol(e))
    l <- ifelse(lo, pnorm((0 - e) / se, log.p = TRUE),
         ifelse(hi, pnorm((e - d$cap[idx]) / se, log.p = TRUE), dnorm(y[idx], e, se, log = TRUE)))
    colSums(l) + dnorm(u, 0, su, log = TRUE)
  }
  c0 <- max(lf(seq(-10 * su, 10 * su, length.out = 801)))  # scale: the largest value on a grid
  f <- function(u) exp(lf(u) - c0)
  c0 + log(integrate(f, -10 * su, 10 * su, subdivisions = 2000L, rel.tol = 1e-11, abs.tol = 0)$value)
}
loglik_nat <- function(par) {  # par = (b, su, se)
  k <- ncol(X)
  xb <- as.vector(X %*% par[1:k])
  sum(vapply(panels, panel_ll, 0, xb = xb, su = par[k + 1], se = par[k + 2]))
}
loglik <- function(theta) {    # theta = (b, ln su, ln se)
  k <- ncol(X)
  loglik_nat(c(theta[1:k], exp(theta[k + 1]), exp(theta[k + 2])))
}
start <- c(coef(lm(y ~ x + w, data = d))[c(2, 3, 1)], log(0.5), log(1))
opt <- optim(start, function(t) -loglik(t), method = "BFGS", control = list(reltol = 1e-14, maxit = 500))
theta <- opt$par
for (i in 1:3) {
  g <- grad(loglik, theta)
  H <- hessian(loglik, theta)
  theta <- theta - solve(H, g)
}
k <- ncol(X)
est <- c(theta[1:k], exp(theta[k + 1]), exp(theta[k + 2]))
Hn <- hessian(loglik_nat, est)
V <- solve(-Hn)
pooled <- function(theta) {
  xb <- as.vector(X %*% theta[1:k]); se <- exp(theta[k + 1])
  sum(ifelse(left, pnorm(-xb / se, log.p = TRUE), ifelse(right, pnorm((xb - d$cap) / se, log.p = TRUE),
             dnorm(y, xb, se, log = TRUE))))
}
po <- optim(c(start[1:k], 0), function(t) -pooled(t), method = "BFGS", control = list(reltol = 1e-15, maxit = 1000))
out <- list(names = c("x", "w", "_cons", "sigma_u", "sigma_e"), estimate = unname(est),
            se = unname(sqrt(diag(V))), loglik = loglik_nat(est), gradient_norm = max(abs(grad(loglik, theta))),
            pooled_loglik = -po$value, n_left = sum(left), n_right = sum(right))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "xttobit_reference.json")
