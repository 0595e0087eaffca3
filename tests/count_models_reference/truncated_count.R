# Reference values for tpoisson/tnbreg/ztp/ztnb (tests/test_truncated_count.py): the left-truncated
# Poisson and NB2 log likelihoods written out here (dpois/ppois, dnbinom/pnbinom), maximised by
# optim, Hessians by numDeriv.  Run from this directory: Rscript truncated_count.R > truncated_count.json
suppressMessages(library(numDeriv))
d <- read.csv("truncated_counts.csv")
fit <- function(y, X, tp, off, nb) {
  nll <- function(th) {
    k <- ncol(X); mu <- exp(drop(X %*% th[1:k]) + off)
    if (nb) {
      size <- exp(-th[k + 1])
      -sum(dnbinom(y, size = size, mu = mu, log = TRUE) -
           pnbinom(tp, size = size, mu = mu, lower.tail = FALSE, log.p = TRUE))
    } else -sum(dpois(y, mu, log = TRUE) - ppois(tp, mu, lower.tail = FALSE, log.p = TRUE))
  }
  start <- c(coef(glm(y ~ X - 1, family = poisson, offset = off)), if (nb) 0)
  f <- optim(start, nll, method = "BFGS", control = list(reltol = 1e-15, maxit = 10000))
  f <- optim(f$par, nll, method = "Nelder-Mead", control = list(reltol = 1e-15, maxit = 20000))
  f <- optim(f$par, nll, method = "BFGS", control = list(reltol = 1e-15, maxit = 10000))
  V <- solve(hessian(nll, f$par))
  list(coef = unname(f$par), se = unname(sqrt(diag(V))), ll = -f$value, nll = nll)
}
strip <- function(r) r[c("coef", "se", "ll")]
s <- d$y > 0
X <- cbind(d$x1, d$x2, 1)
tp0 <- fit(d$y[s], X[s, ], 0, rep(0, sum(s)), FALSE)
# tpoisson's e(ll_0): the log likelihood at the constant ln(mean y) (tpoisson.ado's LikePois)
ll0 <- -tp0$nll(c(0, 0, log(mean(d$y[s]))))
sv <- d$y > d$pt
tpv <- fit(d$y[sv], X[sv, ], d$pt[sv], log(d$t[sv]), FALSE)
snb <- d$ynb > 0
nb <- fit(d$ynb[snb], X[snb, ], 0, rep(0, sum(snb)), TRUE)
nb_p <- fit(d$ynb[snb], X[snb, ], 0, rep(0, sum(snb)), FALSE)
nb_c <- fit(d$ynb[snb], matrix(1, sum(snb), 1), 0, rep(0, sum(snb)), TRUE)
out <- list(tpoisson = c(strip(tp0), list(ll_0 = ll0)), tpoisson_var = strip(tpv),
            tnbreg = c(strip(nb), list(ll_poisson = nb_p$ll, ll_0 = nb_c$ll)))
cat(jsonlite::toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE))
