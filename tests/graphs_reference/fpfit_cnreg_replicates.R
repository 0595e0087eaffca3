# Reference values for tests/test_graphs_fpfit_cnreg_replicates.py: twoway fpfitci y x,
# estcmd(cnreg) estopts(censored(c) vce(jackknife[, mse | cluster(g)])).  The search and the
# final model are cnreg's full-sample fits (R's survreg, Gaussian, interval2 as in fpfit_cnreg.R);
# the final model's V is the jackknife's over cnreg's e(b) = (b, sigma): survreg refitted with
# each observation (each cluster g) left out, V = (n-1)/n sum (b_(i) - bbar)(b_(i) - bbar)'
# (mse: about the full-sample b), e(df_r) = n - 1; the band x b -/+ invttail(n-1, .025) stdp.
# Run in this folder: Rscript fpfit_cnreg_replicates.R > fpfit_cnreg_replicates.json
suppressMessages(library(survival))
set.seed(20261205)
n <- 60
x <- round(runif(n, 0.5, 8), 1)
ystar <- 2 + 3 * log(x) - 0.2 * x + rnorm(n)
c <- ifelse(ystar < 3, -1, ifelse(ystar > 7, 1, 0))
y <- round(ifelse(c == -1, 3, ifelse(c == 1, 7, ystar)), 3)
g <- rep(1:12, length.out = n)
source("fp_terms.R")
lo <- ifelse(c == -1, NA, y); hi <- ifelse(c == 1, NA, y)
ctl <- survreg.control(rel.tolerance = 1e-13, maxiter = 100)
fitx <- function(X, keep = rep(TRUE, n)) {
  f <- survreg(Surv(lo[keep], hi[keep], type = "interval2") ~ X[keep, ], dist = "gaussian", control = ctl)
  c(coef(f)[-1], coef(f)[1], f$scale)  # terms, _cons, sigma: cnreg's e(b) order
}
dev <- function(X) -2 * survreg(Surv(lo, hi, type = "interval2") ~ X, dist = "gaussian", control = ctl)$loglik[2]
bp <- search_powers(function(p) dev(terms(z, p)))$powers
centre <- terms(mean(z), bp)
X <- sweep(terms(z, bp), 2, centre)
b <- fitx(X)
at <- sort(unique(x))
X0 <- cbind(sweep(terms(at / scale, bp), 2, centre), 1)
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
jack <- function(codes, mse) {
  reps <- t(sapply(sort(unique(codes)), function(k) fitx(X, codes != k)))
  m <- nrow(reps)
  centre <- if (mse) b else colMeans(reps)
  d <- sweep(reps, 2, centre)
  V <- (m - 1) / m * crossprod(d)
  Vb <- V[1:3, 1:3]
  list(se = sqrt(rowSums((X0 %*% Vb) * X0)), df_r = m - 1)
}
out <- function(name, r) sprintf('  "%s": {"se": [%s], "df_r": %d}', name, num(r$se), r$df_r)
cat("{\n")
cat(sprintf('  "x": [%s],\n  "y": [%s],\n  "c": [%s],\n  "g": [%s],\n', num(x), num(y), num(c), num(g)))
cat(sprintf('  "powers": [%s],\n  "at": [%s],\n  "xb": [%s],\n', num(bp), num(at), num(X0 %*% b[1:3])))
cat(out("jackknife", jack(1:n, FALSE)), ",\n", sep = "")
cat(out("jackknife_mse", jack(1:n, TRUE)), ",\n", sep = "")
cat(out("jackknife_cluster", jack(g, FALSE)), "\n", sep = "")
cat("}\n")
