# Reference values for tests/test_boxcox.py: the Box-Cox model of the left-hand side.
# car::powerTransform's ML lambda (and its SE from the Hessian) and first-principles profile
# log likelihoods ll(theta) = -n/2 (1 + log 2pi + log(RSS/n)) + (theta - 1) sum log y.
# Run: Rscript tests/boxcox_reference/boxcox.R > tests/boxcox_reference/boxcox_values.txt
suppressMessages(library(car))
d <- read.csv("tests/boxcox_reference/bc.csv")
bc <- function(y, t) if (t == 0) log(y) else (y^t - 1) / t
ll <- function(t, f) {
  d$yt <- bc(d$y, t)
  m <- lm(update(f, yt ~ .), data = d)
  n <- nrow(d)
  -n / 2 * (1 + log(2 * pi) + log(sum(resid(m)^2) / n)) + (t - 1) * sum(log(d$y))
}
full <- y ~ x1 + x2 + x3
pt <- powerTransform(lm(full, data = d))
th <- unname(pt$lambda)
opt <- optimize(function(t) ll(t, full), c(-3, 3), maximum = TRUE, tol = 1e-12)
cat("theta", sprintf("%.10g", c(th, sqrt(diag(pt$invHess)), opt$maximum, opt$objective)), "\n")
d$yt <- bc(d$y, opt$maximum)
m <- lm(yt ~ x1 + x2 + x3, data = d)
cat("beta", sprintf("%.10g", coef(m)[c(2:4, 1)]), "\n")
cat("sigma", sprintf("%.10g", sqrt(sum(resid(m)^2) / nrow(d))), "\n")
cat("restricted", sprintf("%.10g", c(ll(-1, full), ll(0, full), ll(1, full))), "\n")
cons <- optimize(function(t) ll(t, y ~ 1), c(-3, 3), maximum = TRUE, tol = 1e-12)
cat("ll0", sprintf("%.10g", cons$objective), "\n")
drops <- sapply(c("x1", "x2", "x3"), function(v) {
  f <- reformulate(setdiff(c("x1", "x2", "x3"), v), response = "y")
  optimize(function(t) ll(t, f), c(-3, 3), maximum = TRUE, tol = 1e-12)$objective
})
cat("dropped", sprintf("%.10g", drops), "\n")
