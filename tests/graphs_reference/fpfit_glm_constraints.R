# Reference values for tests/test_graphs_fpfit_glm_constraints.py: twoway fpfitci y x,
# estcmd(glm) estopts(family() constraints(#)) written out with R's glm()/lm().  fracpoly runs glm
# with the constraints in every fit; a constraint naming a coefficient the fit lacks is left out.
# - "poisson_slope": family(poisson), constraint Ix__1 = 0.25: only the final model has Ix__1, so
#   the search is the usual one and the final model on the centred terms is fitted with Ix__1's
#   coefficient fixed (an offset); Ix__1's row and column of V are 0, the others R's vcov
#   (the canonical link: observed = expected information, phi 1).
# - "gauss_nocons": family(gaussian), constraint _cons = 0: every fit is without a constant (the
#   search by the residual sum of squares without an intercept), the final model's V
#   phi (X'X)^-1 with phi = X2 / (N - rank), rank the terms (lm's vcov without an intercept).
# The curve: x b at the distinct x; the band x b -/+ invnormal(.975) stdp.
# Run in this folder: Rscript fpfit_glm_constraints.R > fpfit_glm_constraints.json
set.seed(20261204)
n <- 80
x <- round(runif(n, 0.5, 8), 1)
yc <- rpois(n, exp(0.2 + 0.8 * log(x) - 0.06 * x))
yg <- 2 + 1.5 * sqrt(x) - 0.2 * x + rnorm(n, 0, 0.4)
source("fp_terms.R")  # S, terms(), the scaled z, search_powers()
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
search <- function(y, fam, intercept) {
  search_powers(function(p) {
    X <- terms(z, p)
    deviance(if (intercept) glm(y ~ X, family = fam, control = ctl)
             else glm(y ~ 0 + X, family = fam, control = ctl))
  })$powers
}
at <- sort(unique(x))
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
out <- function(name, bp, xb, se) sprintf('  "%s": {"powers": [%s], "at": [%s], "xb": [%s], "se": [%s]}', name,
                                          num(bp), num(at), num(xb), num(se))
bp <- search(yc, poisson, TRUE)
centre <- terms(mean(z), bp)
Xc <- sweep(terms(z, bp), 2, centre)
X0 <- sweep(terms(at / scale, bp), 2, centre)
fit <- glm(yc ~ Xc[, 2], offset = 0.25 * Xc[, 1], family = poisson, control = ctl)
b <- coef(fit)  # _cons, Ix__2
xb1 <- 0.25 * X0[, 1] + b[1] + b[2] * X0[, 2]
D <- cbind(1, X0[, 2])
se1 <- sqrt(rowSums((D %*% vcov(fit)) * D))
bp2 <- search(yg, gaussian, FALSE)
centre2 <- terms(mean(z), bp2)
Xc2 <- sweep(terms(z, bp2), 2, centre2)
X02 <- sweep(terms(at / scale, bp2), 2, centre2)
fit2 <- lm(yg ~ 0 + Xc2)
xb2 <- as.vector(X02 %*% coef(fit2))
se2 <- sqrt(rowSums((X02 %*% vcov(fit2)) * X02))
cat("{\n")
cat(sprintf('  "x": [%s],\n  "yc": [%s],\n  "yg": [%s],\n', num(x), num(yc), num(yg)))
cat(out("poisson_slope", bp, xb1, se1), ",\n", sep = "")
cat(out("gauss_nocons", bp2, xb2, se2), "\n", sep = "")
cat("}\n")
