# Reference values for tests/test_graphs_fpfit_command_sample.py: twoway fpfit when an
# estimation command's own variable -- poisson's exposure(), glm's binomial denominator, cnreg's
# censored(), cnreg's offset() -- is missing on some rows of the plot's sample.  fracpoly's sample
# (frac_154: markout of x and y only) keeps those rows, so the points are the distinct x of all
# rows (the row kept at each x: the smallest y there) and x's scaling is over all rows, while every
# fit (the search over the pairs of S by -2 ll, the final model) is on the command's rows; fracpred
# predicts if e(sample): a point whose kept row is out of the command's sample is missing.
# poisson and glm binomial: R's glm; cnreg: survreg's Gaussian interval fits (censored -1 left at
# y, 1 right at y), with offset() in the formula.
# Run in this folder: Rscript fpfit_command_sample.R > fpfit_command_sample.json
suppressMessages({library(survival); library(jsonlite)})
set.seed(20261204)
n <- 90
x <- round(runif(n, 0.5, 8), 1)
source("fp_terms.R")  # S, terms(), z = x / scale over all rows
first_rows <- function(y) { o <- order(x, y); o[c(TRUE, diff(x[o]) != 0)] }
at <- sort(unique(x))
# poisson with exposure(t), t missing on 12 rows
t <- round(runif(n, 0.5, 3), 2)
yc <- rpois(n, t * exp(0.3 + 0.5 * log(x)))
t[sample(n, 12)] <- NA
ok <- !is.na(t)
best <- function(fitter) {
  bestdev <- Inf
  for (i in seq_along(S)) for (j in i:length(S)) {
    p <- c(S[i], S[j]); d <- fitter(terms(z, p)[ok, , drop = FALSE])
    if (d < bestdev - 1e-9) { bestdev <- d; bp <- p }
  }
  bp
}
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
bp <- best(function(X) deviance(glm(yc[ok] ~ X, family = poisson, offset = log(t[ok]), control = ctl)))
fit <- glm(yc[ok] ~ terms(z, bp)[ok, ], family = poisson, offset = log(t[ok]), control = ctl)
f <- first_rows(yc)
X0 <- cbind(1, terms(at / scale, bp))
poisson <- list(powers = bp, xb = as.vector(X0 %*% coef(fit)) + log(t[f]), in_sample = ok[f])
# glm binomial with a denominator variable m, missing on 10 rows
m <- sample(5:20, n, replace = TRUE)
yb <- rbinom(n, m, plogis(-1 + 0.6 * log(x)))
m[sample(n, 10)] <- NA
ok <- !is.na(m)
bp <- best(function(X) deviance(glm(cbind(yb[ok], m[ok] - yb[ok]) ~ X, family = binomial, control = ctl)))
fit <- glm(cbind(yb[ok], m[ok] - yb[ok]) ~ terms(z, bp)[ok, ], family = binomial, control = ctl)
f <- first_rows(yb)
binomial <- list(powers = bp, xb = as.vector(cbind(1, terms(at / scale, bp)) %*% coef(fit)), in_sample = ok[f])
# cnreg: censored() missing on 9 rows; and offset(o) on all rows
ystar <- 2 + 3 * log(x) - 0.2 * x + rnorm(n)
cens <- ifelse(ystar < 3, -1, ifelse(ystar > 7, 1, 0))
yn <- round(ifelse(cens == -1, 3, ifelse(cens == 1, 7, ystar)), 3)
o <- round(0.4 * sin(seq_len(n)), 3)
lo <- ifelse(cens == -1, NA, yn); hi <- ifelse(cens == 1, NA, yn)
sctl <- survreg.control(rel.tolerance = 1e-13, maxiter = 100)
cens_missing <- cens
cens_missing[sample(n, 9)] <- NA
ok <- !is.na(cens_missing)
sv <- function(X, rows, off) survreg(Surv(lo[rows], hi[rows], type = "interval2") ~ X + offset(off[rows]),
                                     dist = "gaussian", control = sctl)
zero <- numeric(n)
bp <- best(function(X) -2 * sv(X, ok, zero)$loglik[2])
fit <- sv(terms(z, bp)[ok, ], ok, zero)
f <- first_rows(yn)
cnreg_missing <- list(powers = bp, xb = as.vector(cbind(1, terms(at / scale, bp)) %*% coef(fit)), in_sample = ok[f])
ok <- rep(TRUE, n)
bp <- best(function(X) -2 * sv(X, ok, o)$loglik[2])
fit <- sv(terms(z, bp), ok, o)
cnreg_offset <- list(powers = bp, xb = as.vector(cbind(1, terms(at / scale, bp)) %*% coef(fit)) + o[f],
                     df_r = n - 2)
out <- list(x = x, yc = yc, t = t, yb = yb, m = m, yn = yn, c = cens, c_missing = cens_missing, o = o, at = at,
            poisson = poisson, binomial = binomial, cnreg_missing = cnreg_missing, cnreg_offset = cnreg_offset)
cat(toJSON(out, digits = I(17), na = "null", auto_unbox = TRUE))
