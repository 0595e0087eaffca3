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
# The other models, y on x2 x3 (untransformed) and x1 (transformed): first-principles profile
# likelihoods maximised by optim(), their SEs from optimHess().
llm <- function(theta, lam, keep = c("x2", "x3")) {
  yt <- if (is.na(theta)) d$y else bc(d$y, theta)
  X <- cbind(as.matrix(d[, keep, drop = FALSE]), bc(d$x1, lam))
  m <- lm(yt ~ X); n <- nrow(d)
  jac <- if (is.na(theta)) 0 else (theta - 1) * sum(log(d$y))
  -n / 2 * (1 + log(2 * pi) + log(sum(resid(m)^2) / n)) + jac
}
show <- function(tag, f, start) {
  o <- optim(start, function(p) -f(p), method = "BFGS", control = list(reltol = 1e-14))
  se <- sqrt(diag(solve(optimHess(o$par, function(p) -f(p)))))
  cat(tag, sprintf("%.10g", c(o$par, se, -o$value)), "\n")
}
show("rhsonly", function(p) llm(NA, p[1]), 1)
show("lambda", function(p) llm(p[1], p[1]), 1)
show("thetamodel", function(p) llm(p[2], p[1]), c(1, 1))
cat("rhs_restricted", sprintf("%.10g", c(llm(NA, -1), llm(NA, 0), llm(NA, 1))), "\n")
cat("both_restricted", sprintf("%.10g", c(llm(-1, -1), llm(0, 0), llm(1, 1))), "\n")
