# Reference values for tests/test_glm_odds_power_nbinomial_links.py: glm y x, family(binomial n)
# link(nbinomial).  glm.ado accepts the combination (a "nonstandard family-link combination");
# glim_l04 maps the mean itself, mu = (1/k)/(exp(-eta) - 1) with k = 1 (MapFL's default k when
# the family is not nbinomial), the binomial's denominator n only in the variance mu(1 - mu/n)
# and the likelihood.  Maximised here by optim (BFGS, then Newton steps with the analytic
# gradient), V the inverse observed information (-Hessian of the log likelihood, central
# differences, Richardson-extrapolated), the binomial's phi = 1.
# Run in this folder: Rscript glm_nbinomial_link_binomial.R > glm_nbinomial_link_binomial.json
suppressMessages(library(jsonlite))
set.seed(20261206)
N <- 60
x <- round(runif(N, 0, 2), 2)
n <- sample(8:20, N, replace = TRUE)
mu0 <- 1 / (exp(-(-1.2 + 0.5 * x)) - 1)
y <- rbinom(N, n, pmin(mu0 / n, 0.95))
X <- cbind(1, x)
mean_of <- function(b) { eta <- as.vector(X %*% b); 1 / (exp(-eta) - 1) }
loglik <- function(b) {
  mu <- mean_of(b)
  if (any(!is.finite(mu)) || any(mu <= 0) || any(mu >= n)) return(-1e300)
  sum(lchoose(n, y) + y * log(mu / n) + (n - y) * log(1 - mu / n))
}
grad <- function(b) {
  mu <- mean_of(b)
  dmu <- mu * (1 + mu)  # d mu / d eta (k = 1)
  r <- (y - mu) / (mu * (1 - mu / n)) * dmu
  as.vector(t(X) %*% r)
}
fit <- optim(c(-1, 0.1), loglik, grad, method = "BFGS", control = list(fnscale = -1, reltol = 1e-15, maxit = 1000))
b <- fit$par
hess <- function(b, h) {
  k <- length(b); H <- matrix(0, k, k)
  for (i in 1:k) { e <- replace(numeric(k), i, h); H[, i] <- (grad(b + e) - grad(b - e)) / (2 * h) }
  (H + t(H)) / 2
}
for (it in 1:20) b <- b - solve(hess(b, 1e-6), grad(b))  # Newton polish
H <- (4 * hess(b, 1e-5) - hess(b, 2e-5)) / 3
V <- solve(-H)
mu <- mean_of(b)
dev <- 2 * sum(ifelse(y > 0, y * log(y / mu), 0) + ifelse(n - y > 0, (n - y) * log((n - y) / (n - mu)), 0))
pearson <- sum((y - mu)^2 / (mu * (1 - mu / n)))
cat(toJSON(list(x = x, n = n, y = y, b = b, se = sqrt(diag(V)), ll = loglik(b), deviance = dev,
                pearson = pearson, mu = mu[1:5]), digits = I(17), auto_unbox = TRUE))
