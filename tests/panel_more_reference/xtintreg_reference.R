# The random-effects interval regression (xtintreg) by first principles in R: each panel's
# likelihood integral over u ~ N(0, sigma_u^2) by non-adaptive Gauss-Hermite quadrature with 80
# nodes (Golub-Welsch, computed here; mlm adapts 12 or 30 nodes to each panel's posterior),
# maximised by optim(BFGS) over (b, ln sigma_u, ln sigma_e), the SEs of
# (b, sigma_u, sigma_e) from optimHess by the delta method; the pooled model (intreg, the LR
# test's comparison) by survival::survreg(Surv(lo, hi, type = "interval2"), dist = "gaussian").
# Run: Rscript xtintreg_reference.R -> xtintreg_reference.json
library(jsonlite)
library(survival)
d <- read.csv("xtintreg_panels.csv")

obs_loglik <- function(lo, hi, eta, s) {
  ifelse(!is.na(lo) & !is.na(hi) & lo == hi, dnorm(lo, eta, s, log = TRUE),
    ifelse(is.na(lo), pnorm(hi, eta, s, log.p = TRUE),
      ifelse(is.na(hi), pnorm(lo, eta, s, lower.tail = FALSE, log.p = TRUE),
        log(pnorm(hi, eta, s) - pnorm(lo, eta, s)))))
}

# nodes z and weights w of int f(z) phi(z) dz (the probabilists' Hermite polynomials)
gh <- function(n) {
  J <- matrix(0, n, n)
  for (i in 1:(n - 1)) J[i, i + 1] <- J[i + 1, i] <- sqrt(i)
  e <- eigen(J, symmetric = TRUE)
  list(z = e$values, w = e$vectors[1, ]^2)
}
Q <- gh(80)

fit_re <- function(d, X, offset = 0) {
  d$off <- offset
  k <- ncol(X)
  ids <- factor(d$id)
  nll <- function(p) {
    b <- p[1:k]; su <- exp(p[k + 1]); se <- exp(p[k + 2])
    eta <- outer(drop(X %*% b) + d$off, su * Q$z, "+")  # n x nodes
    lo <- matrix(d$ylo, nrow(d), length(Q$z)); hi <- matrix(d$yhi, nrow(d), length(Q$z))
    ll <- obs_loglik(lo, hi, eta, se)
    dim(ll) <- dim(eta)
    panel_ll <- rowsum(ll, ids)  # panels x nodes: sum over a panel's rows at each node
    m <- apply(panel_ll, 1, max)
    -sum(m + log(drop(exp(panel_ll - m) %*% Q$w)))
  }
  pooled <- survreg(Surv(ylo, yhi, type = "interval2") ~ X - 1 + offset(off), data = d, dist = "gaussian")
  p0 <- c(coef(pooled), log(pooled$scale / 2), log(pooled$scale))
  opt <- optim(p0, nll, method = "BFGS", control = list(reltol = 1e-14, maxit = 2000))
  H <- optimHess(opt$par, nll)
  V <- solve(H)
  J <- diag(c(rep(1, k), exp(opt$par[k + 1]), exp(opt$par[k + 2])))
  Vn <- J %*% V %*% J
  est <- c(opt$par[1:k], exp(opt$par[(k + 1):(k + 2)]))
  list(b = est[1:k], sigma_u = est[k + 1], sigma_e = est[k + 2], se = sqrt(diag(Vn)), ll = -opt$value,
       ll_c = as.numeric(logLik(pooled)))
}

X <- cbind(d$x1, d$x2, 1)
out <- list(names = c("x1", "x2", "_cons"),
            re = fit_re(d, X),
            offset = fit_re(d, X, offset = 0.1 * d$t))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "xtintreg_reference.json")
