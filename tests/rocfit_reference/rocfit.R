# Reference values for tests/test_rocfit.py: the binormal (Dorfman-Alf) model of the Hanley and
# McNeil (1982) CT ratings fitted from first principles: nlm() on the multinomial likelihood,
# the covariance from optimHess() with the analytic gradient, the indices by the delta method.
# Run: Rscript tests/rocfit_reference/rocfit.R > tests/rocfit_reference/rocfit_values.txt
n0 <- c(33, 6, 6, 11, 2); n1 <- c(3, 2, 2, 11, 33)
probs <- function(p) {
  z <- c(-Inf, p[-(1:2)], Inf)
  list(p0 = diff(pnorm(z)), p1 = diff(pnorm(p[2] * z - p[1])))
}
nll <- function(p) { q <- probs(p); if (any(q$p0 <= 0) || any(q$p1 <= 0)) return(1e10)
  -sum(n0 * log(q$p0)) - sum(n1 * log(q$p1)) }
start <- c(1, 1, qnorm(cumsum(n0)[1:4] / sum(n0)))
f <- nlm(nll, start, gradtol = 1e-12, steptol = 1e-14, iterlim = 1000)
o <- optim(f$estimate, nll, method = "BFGS", control = list(reltol = 1e-16, maxit = 1000))
V <- solve(optimHess(o$par, nll, control = list(ndeps = rep(1e-4, 6))))
a <- o$par[1]; b <- o$par[2]
cat("params", sprintf("%.10g", o$par), "\n")
cat("se", sprintf("%.10g", sqrt(diag(V))), "\n")
cat("ll", sprintf("%.10g", -o$value), "\n")
dm <- function(val, g) c(val, sqrt(drop(t(g) %*% V[1:2, 1:2] %*% g)))
Z <- a / sqrt(1 + b^2)
area <- dm(pnorm(Z), c(dnorm(Z) / sqrt(1 + b^2), dnorm(Z) * (-a * b) / (1 + b^2)^1.5))
cat("indices", sprintf("%.10g", c(area, dm(a / b, c(1 / b, -a / b^2)), dm(2 * a / (b + 1), c(2 / (b + 1), -2 * a / (b + 1)^2)),
    dm(sqrt(2) * qnorm(area[1]), c(sqrt(2) / sqrt(1 + b^2), -sqrt(2) * a * b / sqrt((1 + b^2)^3))))), "\n")
q <- probs(o$par)
gof <- sum(sum(n0) / q$p0 * (q$p0 - n0 / sum(n0))^2) + sum(sum(n1) / q$p1 * (q$p1 - n1 / sum(n1))^2)
cat("gof", sprintf("%.10g", c(gof, pchisq(gof, 2, lower.tail = FALSE))), "\n")
