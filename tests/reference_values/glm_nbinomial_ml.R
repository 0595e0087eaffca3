# Reference values for tests/test_glm_nbinomial_ml.py: glm y x, family(nbinomial ml).  glm.ado
# fits nbreg first (MASS::glm.nb: the NB2 maximum likelihood) and takes its alpha = 1/theta as
# the k of the glm fit; the glm's b is then glm.nb's, its log likelihood the negative binomial's
# at that k, and V (Stata's ml, the log link not canonical for the negative binomial) the
# inverse observed information of b at fixed k (central differences, Richardson-extrapolated).
# Run in this folder: Rscript glm_nbinomial_ml.R > glm_nbinomial_ml.json
suppressMessages(library(MASS))
set.seed(20261202)
n <- 120
x <- round(rnorm(n), 3)
t <- rep(c(1, 2, 4), length.out = n)
y <- rnbinom(n, mu = t * exp(0.4 + 0.5 * x), size = 1.5)
X <- cbind(x, 1)
nb <- glm.nb(y ~ x + offset(log(t)), control = glm.control(epsilon = 1e-14, maxit = 200))
alpha <- 1 / nb$theta
b <- coef(nb)[c("x", "(Intercept)")]
m <- 1 / alpha
ll <- function(bb) {
  mu <- exp(as.vector(X %*% bb) + log(t))
  sum(lgamma(m + y) - lgamma(y + 1) - lgamma(m) - m * log1p(mu / m) + y * log(mu / (mu + m)))
}
hess <- function(f, th) {
  k <- length(th)
  one <- function(h) {
    H <- matrix(0, k, k)
    for (a in 1:k) for (c in 1:k) {
      ea <- replace(numeric(k), a, h); ec <- replace(numeric(k), c, h)
      H[a, c] <- (f(th + ea + ec) - f(th + ea - ec) - f(th - ea + ec) + f(th - ea - ec)) / (4 * h * h)
    }
    H
  }
  (4 * one(1e-4) - one(2e-4)) / 3
}
V <- solve(-hess(ll, b))
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
cat(sprintf('{\n  "x": [%s],\n  "t": [%s],\n  "y": [%s],\n  "alpha": %.17g,\n  "b": [%s],\n  "se": [%s],\n  "ll": %.17g\n}\n',
            num(x), num(t), num(y), alpha, num(b), num(sqrt(diag(V))), ll(b)))
