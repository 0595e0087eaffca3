# Reference values for tests/test_graphs_fpfit_ml_replicates.py: twoway fpfitci y x,
# estcmd(poisson) estopts(vce(jackknife)) and estopts(vce(jackknife, cluster(g))) / mse.
# fracpoly's search by the Poisson deviance (R's glm) is the full sample's; the final model's V
# is jackknife.ado's: (n-1)/n sum (b_(i) - bbar)(b_(i) - bbar)' over the leave-one-out (or
# leave-one-cluster-out) refits (mse: about b), e(df_r) = n - 1, so the band is
# x b -/+ qt(.975, n - 1) stdp.
# Run in this folder: Rscript fpfit_ml_replicates.R > fpfit_ml_replicates.json
suppressMessages(library(jsonlite))
set.seed(20261207)
n <- 70
x <- round(runif(n, 0.5, 6), 1)
g <- rep(1:10, length.out = n)
y <- rpois(n, exp(0.3 + 0.5 * log(x)))
source("fp_terms.R")
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
bp <- best_powers(y, poisson())$powers
X <- cbind(1, terms(z, bp))
fit <- glm(y ~ X - 1, family = poisson, control = ctl)
b <- coef(fit)
at <- sort(unique(x))
X0 <- cbind(1, terms(at / scale, bp))
jack <- function(groups, mse = FALSE) {
  B <- t(sapply(sort(unique(groups)), function(k)
    coef(glm(y[groups != k] ~ X[groups != k, ] - 1, family = poisson, control = ctl))))
  m <- nrow(B)
  centre <- if (mse) b else colMeans(B)
  D <- sweep(B, 2, centre)
  V <- (m - 1) / m * crossprod(D)
  list(se = sqrt(rowSums((X0 %*% V) * X0)), df_r = m - 1)
}
out <- list(x = x, y = y, g = g, powers = bp, at = at, xb = as.vector(X0 %*% b),
            jackknife = jack(seq_len(n)), jackknife_mse = jack(seq_len(n), TRUE), jackknife_cluster = jack(g))
cat(toJSON(out, digits = I(17), auto_unbox = TRUE))
