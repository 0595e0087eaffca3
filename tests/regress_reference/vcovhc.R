# Reference values for tests/test_regress_hc_jackknife.py: regress's vce(hc2), vce(hc3) and
# vce(jackknife) against R.  Run: Rscript vcovhc.R > vcovhc.json
# HC2/HC3 from sandwich::vcovHC (weighted lm: the weights are regress's aweights;
# fweights: lm on the rows repeated); the jackknife
# by refitting lm without each row, V = (n-1)/n sum (b_(i) - bbar)(b_(i) - bbar)' ([R] jackknife),
# and with mse the deviations from the full-sample b.
suppressMessages(library(sandwich))
set.seed(20261202)
n <- 40
x1 <- round(runif(n, 0, 10), 2)
x2 <- round(rnorm(n), 3)
w <- sample(1:4, n, replace = TRUE)
y <- round(1 + 0.4 * x1 - 0.7 * x2 + rnorm(n, 0, 0.5 + 0.2 * x1), 3)
fit <- lm(y ~ x1 + x2)
wfit <- lm(y ~ x1 + x2, weights = w)
rows <- rep(seq_len(n), w)  # fweights: w copies of each row
ffit <- lm(y[rows] ~ x1[rows] + x2[rows])
order <- c(2, 3, 1)  # regress's order: x1, x2, _cons
vc <- function(V) V[order, order]
jack <- function(mse) {
  b <- coef(fit)
  B <- t(sapply(seq_len(n), function(i) coef(lm(y ~ x1 + x2, subset = -i))))
  centre <- if (mse) b else colMeans(B)
  D <- sweep(B, 2, centre)
  (n - 1) / n * crossprod(D)
}
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
mat <- function(V) paste0("[", paste(sapply(seq_len(nrow(V)), function(i) paste0("[", num(V[i, ]), "]")),
                                      collapse = ", "), "]")
cat("{\n")
cat(sprintf('  "y": [%s],\n  "x1": [%s],\n  "x2": [%s],\n  "w": [%s],\n', num(y), num(x1), num(x2), num(w)))
cat(sprintf('  "hc2": %s,\n', mat(vc(vcovHC(fit, type = "HC2")))))
cat(sprintf('  "hc3": %s,\n', mat(vc(vcovHC(fit, type = "HC3")))))
cat(sprintf('  "hc2_aweight": %s,\n', mat(vc(vcovHC(wfit, type = "HC2")))))
cat(sprintf('  "hc3_aweight": %s,\n', mat(vc(vcovHC(wfit, type = "HC3")))))
cat(sprintf('  "hc2_fweight": %s,\n', mat(vc(vcovHC(ffit, type = "HC2")))))
cat(sprintf('  "hc3_fweight": %s,\n', mat(vc(vcovHC(ffit, type = "HC3")))))
cat(sprintf('  "jackknife": %s,\n', mat(vc(jack(FALSE)))))
cat(sprintf('  "jackknife_mse": %s\n', mat(vc(jack(TRUE)))))
cat("}\n")
