# Reference values for tests/test_graphs_fpfit_estcmd.py: twoway fpfit/fpfitci with
# estcmd(ologit|oprobit).  fracpoly's degree-2 search as in fpfit_estcmd.R, each pair of powers
# by its deviance -2 ll with the cutpoints (no constant: MASS::polr); the final model on the terms
# centred at the mean of x, refined by Newton steps on the log likelihood written out below
# (polr's optimiser stops early) with numDeriv's Richardson-extrapolated derivatives; fracpred's
# x b (the centred terms times b) at the distinct x and its stdp from the inverse observed
# information of (b, cutpoints).  Run in this folder: Rscript fpfit_ordinal.R > fpfit_ordinal.json
suppressMessages({library(MASS); library(numDeriv)})
set.seed(20261206)
n <- 120
x <- round(runif(n, 0.5, 6), 1)
latent <- 1.1 * log(x) - 0.15 * x + rlogis(n)
y <- as.integer(cut(latent, c(-Inf, -0.3, 0.6, 1.4, Inf)))
source("fp_terms.R")  # S, terms(), the scaled z
fitted_model <- function(method, F) {
  bestdev <- Inf
  for (i in seq_along(S)) for (j in i:length(S)) {
    p <- c(S[i], S[j])
    d <- polr(factor(y) ~ terms(z, p), method = method)$deviance
    if (d < bestdev - 1e-9) { bestdev <- d; bp <- p }
  }
  centre <- terms(mean(z), bp)
  X <- sweep(terms(z, bp), 2, centre)
  start <- polr(factor(y) ~ X, method = method)
  k <- ncol(X)
  loglik <- function(par) {
    eta <- as.vector(X %*% par[1:k])
    cuts <- c(-Inf, par[-(1:k)], Inf)
    sum(log(F(cuts[y + 1] - eta) - F(cuts[y] - eta)))
  }
  theta <- c(coef(start), start$zeta)
  for (step in 1:20) theta <- theta - solve(hessian(loglik, theta), grad(loglik, theta))
  V <- solve(-hessian(loglik, theta))[1:k, 1:k]
  at <- sort(unique(x))
  X0 <- sweep(terms(at / scale, bp), 2, centre)
  list(powers = bp, at = at, xb = as.vector(X0 %*% theta[1:k]), se = sqrt(rowSums((X0 %*% V) * X0)))
}
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
out <- function(name, r) sprintf('  "%s": {"powers": [%s], "at": [%s], "xb": [%s], "se": [%s]}', name,
                                 num(r$powers), num(r$at), num(r$xb), num(r$se))
cat("{\n")
cat(sprintf('  "x": [%s],\n  "y": [%s],\n', num(x), num(y)))
cat(out("ologit", fitted_model("logistic", plogis)), ",\n", sep = "")
cat(out("oprobit", fitted_model("probit", pnorm)), "\n", sep = "")
cat("}\n")
