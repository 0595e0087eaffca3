# Reference values for tests/test_graphs_fpfit_jackknife_estcmd.py: twoway fpfit|fpfitci yc x,
# estcmd(nbreg) estopts(noconstant vce(jackknife)) predopts(for(x) stdp).  jackknife.ado
# replicates e(b) whole, ln alpha included, so e(V) keeps ln alpha's row, which fracpred's vcalc
# reads as the constant's without one:
#   sqrt(Ix' V_tt Ix + V_aa + 2 Ix' V_ta),  V = (n-1)/n sum (t_(i) - tbar)(t_(i) - tbar)',
# t_(i) = (b, ln alpha) without observation i (MASS::glm.nb, ln alpha = -log(theta)); fpfitci's band
# is that -/+ qt(.975, n - 1) times x b's own stdp sqrt(Ix' V_tt Ix) (jackknife's e(df_r) = n - 1).
# fracpoly's search: every pair without a constant by -2 ll on the full sample (the prefix posts the
# full-sample fit's e(ll)); the final model on the terms centred at the mean of the scaled x.
# Run in this folder: Rscript fpfit_nbreg_for_replicates.R > fpfit_nbreg_for_replicates.json
suppressMessages(library(MASS))
set.seed(20261204)
n <- 40
x <- round(runif(n, 0.5, 6), 1)
source("fp_terms.R")  # S, terms(), the scaled z
yc <- rnbinom(n, mu = exp(0.7 * (log(x) - log(mean(x))) + 0.8), size = 1)
control <- glm.control(epsilon = 1e-14, maxit = 200)
bp <- best_pair(function(p) {
  fit <- tryCatch(glm.nb(yc ~ terms(z, p) - 1, control = control), error = function(e) NULL)
  if (is.null(fit)) NULL else -fit$twologlik
})
centre <- terms(mean(z), bp)
X <- sweep(terms(z, bp), 2, centre)
theta_of <- function(rows) {
  f <- glm.nb(yc[rows] ~ X[rows, ] - 1, control = control)
  c(coef(f), -log(f$theta))
}
full <- theta_of(seq_len(n))
Tr <- t(sapply(seq_len(n), function(i) theta_of(seq_len(n)[-i])))
D <- sweep(Tr, 2, colMeans(Tr))
V <- (n - 1) / n * crossprod(D)
at <- sort(unique(x))
X0 <- sweep(terms(at / scale, bp), 2, centre)
A <- cbind(X0, 1)
for_stdp <- sqrt(rowSums((A %*% V) * A))
xb_stdp <- sqrt(rowSums((X0 %*% V[1:2, 1:2]) * X0))
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
cat("{\n")
cat(sprintf('  "x": [%s],\n  "yc": [%s],\n  "at": [%s],\n  "powers": [%s],\n', num(x), num(yc), num(at), num(bp)))
cat(sprintf('  "theta": [%s],\n  "replicates": [%s],\n', num(full), num(as.vector(t(Tr)))))
cat(sprintf('  "for_stdp": [%s],\n  "xb_stdp": [%s],\n  "df_r": %d\n', num(for_stdp), num(xb_stdp), n - 1))
cat("}\n")
