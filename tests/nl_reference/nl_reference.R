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
# built-in functions (nllog4.ado, nlexp3.ado): starting values from the data, then nls()
k <- 1:30
f <- data.frame(x = k, y = 2 + 5 / (1 + exp(-0.3 * (k - 15))) + 0.05 * sin(3 * k),
                z = 1 + 3 * 0.9^k + 0.02 * cos(2 * k))
hi <- max(f$y) * 1.1; lo <- min(f$y) / 1.1
c4 <- coef(lm(log((y - lo) / (hi - y)) ~ x, data = f))
l4 <- nls(y ~ b0 + b1 / (1 + exp(-b2 * (x - b3))), data = f, control = ctl,
          start = list(b0 = lo, b1 = hi - lo, b2 = unname(c4[2]), b3 = unname(-c4[1] / c4[2])))
out$log4 <- list(b = unname(coef(l4)), se = unname(sqrt(diag(vcov(l4)))))
stopifnot(coef(lm(z ~ x, data = f))[2] < 0)
b0 <- min(f$z) / 1.1
c3 <- coef(lm(log(z - b0) ~ x, data = f))
e3 <- nls(z ~ b0 + b1 * b2^x, data = f, control = ctl,
          start = list(b0 = b0, b1 = unname(exp(c3[1])), b2 = unname(exp(c3[2]))))
out$exp3 <- list(b = unname(coef(e3)), se = unname(sqrt(diag(vcov(e3)))))
cat(toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE), "\n")
