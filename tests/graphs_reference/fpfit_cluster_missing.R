# Reference values for tests/test_graphs_fpfit_cluster_missing.py: twoway fpfit/fpfitci with
# estopts(vce(cluster c)) when c is missing on some rows.  fracpoly's sample (frac_154: markout of
# x and y only) keeps those rows: the points are the distinct x of all rows and x's scaling is over
# all rows, while every fit (regress's search by RSS over the pairs of S, the final model, its
# cluster-robust V) is on the rows where c is not missing; fracpred predicts if e(sample).
# regress: lm() with Stata's CR1 variance ((N-1)/(N-k) G/(G-1)) and the t band on G-1 df;
# poisson: glm() (the line).
# Run in this folder: Rscript fpfit_cluster_missing.R > fpfit_cluster_missing.json
suppressMessages(library(jsonlite))
set.seed(20261213)
n <- 80
x <- round(runif(n, 0.5, 8), 1)
source("fp_terms.R")
first_rows <- function(y) { o <- order(x, y); o[c(TRUE, diff(x[o]) != 0)] }
at <- sort(unique(x))
c <- sample(1:12, n, replace = TRUE)
y <- round(1 + 2 * log(x) + rnorm(n) + 0.3 * rnorm(12)[c], 3)
yc <- rpois(n, exp(0.2 + 0.4 * log(x)))
c[sample(n, 11)] <- NA
ok <- !is.na(c)
best <- function(crit) {
  bestdev <- Inf
  for (i in seq_along(S)) for (j in i:length(S)) {
    p <- c(S[i], S[j]); d <- crit(terms(z, p)[ok, , drop = FALSE])
    if (d < bestdev - 1e-9) { bestdev <- d; bp <- p }
  }
  bp
}
bp <- best(function(X) sum(resid(lm(y[ok] ~ X))^2))
X <- cbind(1, terms(z, bp))[ok, ]
fit <- lm.fit(X, y[ok])
e <- fit$residuals; N <- nrow(X); k <- ncol(X); G <- length(unique(c[ok]))
bread <- solve(crossprod(X))
S_g <- rowsum(X * e, c[ok])
V <- (N - 1) / (N - k) * G / (G - 1) * bread %*% crossprod(S_g) %*% bread
f <- first_rows(y)
X0 <- cbind(1, terms(at / scale, bp))
xb <- as.vector(X0 %*% fit$coefficients)
se <- sqrt(rowSums((X0 %*% V) * X0))
q <- qt(0.975, G - 1)
regress <- list(powers = bp, xb = xb, lower = xb - q * se, upper = xb + q * se, in_sample = ok[f])
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
bp <- best(function(X) deviance(glm(yc[ok] ~ X, family = poisson, control = ctl)))
fit <- glm(yc[ok] ~ terms(z, bp)[ok, ], family = poisson, control = ctl)
f <- first_rows(yc)
poisson <- list(powers = bp, xb = as.vector(cbind(1, terms(at / scale, bp)) %*% coef(fit)), in_sample = ok[f])
cat(toJSON(list(x = x, y = y, yc = yc, c = c, at = at, regress = regress, poisson = poisson),
           digits = I(17), na = "null", auto_unbox = TRUE))
