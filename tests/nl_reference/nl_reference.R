# Independent reference values for tests/test_nl.py: R's nls() from the same starting values,
# sandwich's HC1 / cluster variances, and numDeriv's Jacobians for the delta method (testnl,
# predictnl).  Run: Rscript tests/nl_reference/nl_reference.R > tests/nl_reference/nl_reference.json
suppressMessages({library(numDeriv); library(sandwich); library(jsonlite)})
n <- 20; i <- 1:n
a <- data.frame(x = 3 * i, y = (1 - exp(-0.04 * 3 * i)) + 0.005 * sin(1.7 * i))
m <- 40; j <- 1:m
d <- data.frame(x1 = (j %% 7) / 3, x2 = ((3 * j) %% 11) / 5, g = j %% 8)
d$y2 <- 1 + exp(0.3 * d$x1 - 0.2 * d$x2) + 0.05 * cos(2.3 * j)
ctl <- nls.control(tol = 1e-6, maxiter = 200, minFactor = 1e-10)
f1 <- nls(y ~ b0 * (1 - exp(-b1 * x)), data = a, start = list(b0 = 1, b1 = 0.1), control = ctl)
f2 <- nls(y ~ b0 + b1 * x^b2, data = a, start = list(b0 = 1, b1 = 0.1, b2 = 1), control = ctl)
f3 <- nls(y2 ~ c + exp(xb_x1 * x1 + xb_x2 * x2), data = d, start = list(c = 1, xb_x1 = 0, xb_x2 = 0),
          control = ctl)
fit <- function(f, y) {
  rss <- sum(resid(f)^2); k <- length(coef(f)); N <- length(y)
  list(b = unname(coef(f)), se = unname(sqrt(diag(vcov(f)))), rss = rss, N = N,
       tss_mean = sum((y - mean(y))^2), tss_zero = sum(y^2),
       dev = N * (1 + log(2 * pi * rss / N)), fitted = unname(fitted(f)), resid = unname(resid(f)))
}
out <- list(m1 = fit(f1, a$y), m2 = fit(f2, a$y), m3 = fit(f3, d$y2))
# sandwich's estfun/bread for nls (HC1 scaling n/(n-k); cluster G/(G-1) (n-1)/(n-k))
k3 <- length(coef(f3))
out$m3$se_robust <- unname(sqrt(diag(sandwich(f3) * m / (m - k3))))
out$m3$se_cluster <- unname(sqrt(diag(vcovCL(f3, cluster = d$g, type = "HC1", cadjust = TRUE))))
# testnl after m1: b0*b1 = 0.04 (chi2), and (b0 = 1) (exp(b1) = 1.04) jointly
b <- coef(f1); V <- vcov(f1)
wald <- function(R) {
  r <- R(b); G <- jacobian(R, b)
  drop(t(r) %*% solve(G %*% V %*% t(G)) %*% r)
}
out$testnl1 <- wald(function(p) p[1] * p[2] - 0.04)
out$testnl2 <- wald(function(p) c(p[1] - 1, exp(p[2]) - 1.04))
out$testnl2_each <- c(wald(function(p) p[1] - 1), wald(function(p) exp(p[2]) - 1.04))
# predictnl after m1: b0*(1-exp(-b1*x)) and its delta-method se in every observation
pr <- function(p) p[1] * (1 - exp(-p[2] * a$x))
Gp <- jacobian(pr, b)
out$predictnl_se <- sqrt(rowSums((Gp %*% V) * Gp))
cat(toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE), "\n")
