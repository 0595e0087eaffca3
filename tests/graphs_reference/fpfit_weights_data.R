# The data of fpfit_jackknife_weights.R and fpfit_jackknife_weighted_outputs.R (sourced by them, run
# from this folder): y and x as in fpfit_jackknife.R, fweights f and pweights (aweights) p, then
# fp_terms.R (S, terms(), the scaled z) and wls(D, w): the weighted least-squares coefficients of
# y on D, rows of weight 0 left out.
n <- 20
i <- 1:n
k <- (7 * i) %% n
x <- 5 + 2.5 * k
y <- round(3 + 2 * log(x / 10) - 0.02 * x + 0.4 * sin(3 * i), 3)
f <- 1 + (i %% 3)
p <- 0.5 + ((3 * i) %% 5) / 4
source("fp_terms.R")
wls <- function(D, w) {
  keep <- w > 0
  qr.coef(qr(D[keep, , drop = FALSE] * sqrt(w[keep])), y[keep] * sqrt(w[keep]))
}
