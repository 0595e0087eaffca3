# Reference numbers for meglm ..., family(gamma) link(log) (tests/test_me_gamma.py).
# Writes me_gamma.csv (simulated: 40 groups of 2..8 observations) and gamma.json.
# The marginal likelihood is integrated here by adaptive Gauss-Hermite quadrature written
# in R (nodes centred at each group's posterior mode, scaled by the curvature there), with
# R's dgamma(shape = 1/s, scale = s*mu) as the conditional density: Stata's gamma
# parameterisation (ancillary logs = ln s, Var(y|u) = s mu^2).  n = 1 is the Laplace
# approximation (intmethod(laplace)); n = 30 is the integral to far below Stata's printed
# precision.  lme4::glmer(Gamma(link = "log")) is recorded too, but its "sigma" is not an ML
# estimate of s (lme4 profiles a Pearson-type dispersion), so only its fixed effects are
# expected to be close, not equal.
suppressMessages({library(statmod); library(jsonlite); library(lme4)})
set.seed(20261205)
G <- 40
sizes <- sample(2:8, G, replace = TRUE)
id <- rep(seq_len(G), sizes)
n <- length(id)
x <- round(rnorm(n), 3)
u <- rnorm(G, sd = 0.5)
s_true <- 0.4
mu <- exp(1 + 0.5 * x + u[id])
y <- round(rgamma(n, shape = 1 / s_true, scale = s_true * mu), 4)
d <- data.frame(y = y, x = x, id = id)
write.csv(d, "me_gamma.csv", row.names = FALSE)

gh <- function(k) { g <- gauss.quad(k, kind = "hermite"); list(x = g$nodes * sqrt(2), w = g$weights / sqrt(pi)) }

# log marginal likelihood at theta = (b0, b1, logs, lnsd), k-point adaptive quadrature
loglik <- function(th, k) {
  q <- gh(k); s <- exp(th[3]); sd <- exp(th[4]); tot <- 0
  for (g in seq_len(G)) {
    yy <- y[id == g]; xb <- th[1] + th[2] * x[id == g]
    lf <- function(v) sapply(v, function(b) sum(dgamma(yy, shape = 1 / s, scale = s * exp(xb + b), log = TRUE)) + dnorm(b, 0, sd, log = TRUE))
    # the posterior mode (optimize, then Newton's method on the analytic derivatives in b), and the
    # curvature there: d/db = sum k (y/mu - 1) - b/sd^2, d2/db2 = -sum k y/mu - 1/sd^2
    m <- optimize(function(b) -lf(b), c(-10, 10), tol = 1e-10)$minimum
    for (it in 1:20) {
      r <- yy * exp(-(xb + m)) / s
      step <- (sum(r - 1 / s) - m / sd^2) / (sum(r) + 1 / sd^2)
      m <- m + step
      if (abs(step) < 1e-14) break
    }
    tau <- 1 / sqrt(sum(yy * exp(-(xb + m)) / s) + 1 / sd^2)
    if (k == 1) { tot <- tot + lf(m) + log(tau) + 0.5 * log(2 * pi); next }
    v <- m + tau * q$x
    a <- lf(v) + log(q$w) + log(tau) + 0.5 * log(2 * pi) + q$x^2 / 2
    tot <- tot + max(a) + log(sum(exp(a - max(a))))
  }
  tot
}

fit <- function(k) {
  o <- optim(c(1, 0.5, log(0.4), log(0.5)), function(t) -loglik(t, k), method = "BFGS",
             control = list(reltol = 1e-14, maxit = 500))
  o <- optim(o$par, function(t) -loglik(t, k), method = "Nelder-Mead", control = list(reltol = 1e-15, maxit = 4000))
  o <- optim(o$par, function(t) -loglik(t, k), method = "BFGS", control = list(reltol = 1e-15, maxit = 500))
  th <- o$par
  H <- optimHess(th, function(t) loglik(t, k), control = list(ndeps = rep(1e-4, 4)))
  V <- solve(-H)
  # e(b) metric: var(_cons[id]) = exp(2 lnsd); delta method for its SE
  J <- diag(c(1, 1, 1, 2 * exp(2 * th[4])))
  Vs <- J %*% V %*% t(J)
  list(b = c(th[1:3], exp(2 * th[4]))[c(2, 1, 3, 4)], se = sqrt(diag(Vs))[c(2, 1, 3, 4)], ll = -o$value)
}
lap <- fit(1)
agq <- fit(30)
# the fixed-effects gamma GLM by ML (ll_c of the LR test)
glm_ll <- function(t) sum(dgamma(y, shape = exp(-t[3]), scale = exp(t[3]) * exp(t[1] + t[2] * x), log = TRUE))
oc <- optim(c(1, 0.5, log(0.4)), function(t) -glm_ll(t), method = "BFGS", control = list(reltol = 1e-15))
gl <- glmer(y ~ x + (1 | id), data = d, family = Gamma(link = "log"))
out <- list(
  names = c("y:x", "y:_cons", "logs:_cons", "var(_cons[id]):_cons"),
  laplace = lap, agq30 = agq, ll_c = -oc$value,
  glmer_laplace = list(fixef = unname(fixef(gl))[c(2, 1)], var_id = as.numeric(VarCorr(gl)$id),
                       sigma = sigma(gl)))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "gamma.json")
