# Reference values for tests/test_regress_hc_jackknife.py: regress's vce(hc2), vce(hc3) and
# vce(jackknife) against R.  Run: Rscript vcovhc.R > vcovhc.json
# HC2/HC3 from sandwich::vcovHC (fweights: lm on the rows repeated); with aweights Stata's
# leverage h_i = x_i (X'WX)^-1 x_i' (W: the aweights rescaled to sum to n), which is R's
# hatvalues(wfit) divided by the rescaled w_i (R's weighted hat values carry a factor w_i;
# Stata 13's vce(hc2) on mtcars, below, is reproduced by this h only), put into the
# sandwich (X'WX)^-1 [sum w_i^2 e_i^2 / (1 - h_i)^p x_i x_i'] (X'WX)^-1; the jackknife
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
stata_hc_aweight <- function(fit, w, power) {
  wn <- w * length(w) / sum(w)
  X <- model.matrix(fit)
  h <- hatvalues(fit) / wn  # R's weighted hat value w_i x_i (X'WX)^-1 x_i' without its w_i
  bread <- solve(crossprod(X, X * wn))
  e <- residuals(fit)
  bread %*% crossprod(X, X * (wn^2 * e^2 / (1 - h)^power)) %*% bread
}
cat(sprintf('  "hc2_aweight": %s,\n', mat(vc(stata_hc_aweight(wfit, w, 1)))))
cat(sprintf('  "hc3_aweight": %s,\n', mat(vc(stata_hc_aweight(wfit, w, 2)))))
# Stata 13: regress mpg hp [aweight=wt], vce(hc2) on mtcars prints se .0143083 (hp) and
# 2.155169 (_cons) (estimatr's vignette "How Stata's hat matrix differs with weights")
mt <- lm(mpg ~ hp, data = mtcars, weights = wt)
cat(sprintf('  "mtcars_mpg": [%s],\n  "mtcars_hp": [%s],\n  "mtcars_wt": [%s],\n',
            num(mtcars$mpg), num(mtcars$hp), num(mtcars$wt)))
cat(sprintf('  "mtcars_hc2_se": [%s],\n', num(sqrt(diag(stata_hc_aweight(mt, mtcars$wt, 1)))[c(2, 1)])))
cat(sprintf('  "hc2_fweight": %s,\n', mat(vc(vcovHC(ffit, type = "HC2")))))
cat(sprintf('  "hc3_fweight": %s,\n', mat(vc(vcovHC(ffit, type = "HC3")))))
cat(sprintf('  "jackknife": %s,\n', mat(vc(jack(FALSE)))))
cat(sprintf('  "jackknife_mse": %s\n', mat(vc(jack(TRUE)))))
cat("}\n")
