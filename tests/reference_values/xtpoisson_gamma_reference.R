# Reference values for xtpoisson, re (gamma-distributed random effects; tests/test_xt_random_intercept.py).
#
# Run from the repository root:  Rscript tests/reference_values/xtpoisson_gamma_reference.R
# writes tests/reference_values/xtpoisson_gamma_reference.json (R is never a test dependency).
#
# Model: xtpoisson seizures treat lbas visit, i(subject) re  on ../shared/data/glmm/epilepsy.dta.
# An implementation independent of mlm's closed form: each panel's likelihood is the integral
# over nu of prod_t dpois(y_it, nu * lambda_it) * dgamma(nu, shape = 1/alpha, rate = 1/alpha),
# computed by R's integrate(); maximised over (b, ln alpha) by optim (BFGS, then Nelder-Mead
# polish); V from optimHess (numerical Hessian of the integrated log likelihood).
suppressMessages({library(haven); library(jsonlite)})
ep <- as.data.frame(read_dta("../shared/data/glmm/epilepsy.dta"))
X <- cbind(ep$treat, ep$lbas, ep$visit, 1)
y <- ep$seizures
g <- split(seq_along(y), ep$subject)
ll <- function(par) {
  b <- par[1:4]; a <- exp(par[5]); lam <- exp(drop(X %*% b))
  sum(sapply(g, function(i) {
    f <- function(nu) sapply(nu, function(v) exp(sum(dpois(y[i], v * lam[i], log = TRUE)) +
                                                 dgamma(v, shape = 1 / a, rate = 1 / a, log = TRUE)))
    # scale by the value at the mode region to keep integrate() accurate
    log(integrate(f, 0, Inf, rel.tol = 1e-12, abs.tol = 0, subdivisions = 1000L)$value)
  }))
}
start <- c(coef(glm(y ~ X - 1, family = poisson)), 0)
o <- optim(start, function(p) -ll(p), method = "BFGS", control = list(reltol = 1e-14, maxit = 500))
o <- optim(o$par, function(p) -ll(p), method = "Nelder-Mead", control = list(reltol = 1e-15, maxit = 5000))
H <- optimHess(o$par, function(p) -ll(p))
V <- solve(H)
pois <- glm(y ~ X - 1, family = poisson)
out <- list(command = "xtpoisson seizures treat lbas visit, i(subject) re",
            names = c("treat", "lbas", "visit", "_cons", "lnalpha"),
            b = unname(o$par), se = unname(sqrt(diag(V))), loglik = -o$value,
            ll_poisson = as.numeric(logLik(pois)))
write_json(out, "tests/reference_values/xtpoisson_gamma_reference.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
