# Reference values for truncreg (tests/test_truncreg.py): the truncated-normal log likelihood
# written out here, maximised by optim (BFGS), its Hessian by numDeriv, in (b, sigma).
# Run from this directory: Rscript truncreg.R > truncreg.json
suppressMessages(library(numDeriv))
d <- read.csv("truncated.csv")
fitit <- function(lo, hi, keep) {
  X <- cbind(d$x1, d$x2, 1)[keep, ]; y <- d$y[keep]; lo <- lo[keep]; hi <- hi[keep]
  nll <- function(th) {
    b <- th[1:3]; s <- th[4]
    if (s <= 0) return(Inf)
    m <- drop(X %*% b)
    -sum(dnorm((y - m) / s, log = TRUE) - log(s) - log(pnorm((hi - m) / s) - pnorm((lo - m) / s)))
  }
  ols <- lm(y ~ X - 1)
  start <- c(coef(ols), summary(ols)$sigma)
  f <- optim(start, nll, method = "BFGS", control = list(reltol = 1e-15, maxit = 10000))
  f <- optim(f$par, nll, method = "Nelder-Mead", control = list(reltol = 1e-15, maxit = 20000))
  f <- optim(f$par, nll, method = "BFGS", control = list(reltol = 1e-15, maxit = 10000))
  V <- solve(hessian(nll, f$par))
  list(coef = unname(f$par), se = unname(sqrt(diag(V))), ll = -f$value, n = sum(keep))
}
n <- nrow(d)
out <- list(
  ll0 = fitit(rep(0, n), rep(Inf, n), d$y > 0),
  both = fitit(rep(0, n), rep(4, n), d$y > 0 & d$y < 4),
  upper = fitit(rep(-Inf, n), rep(4, n), d$y < 4),
  var_lower = fitit(d$lim, rep(Inf, n), d$y > d$lim))
cat(jsonlite::toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE))
