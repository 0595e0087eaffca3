# Reference values for tests/test_graphs_fpfit_jackknife.py's constraints() tests: twoway fpfitci
# yb x, estcmd(logit) estopts(constraints(#)) written out with glm().  fracpoly runs logit with the
# constraints in every fit; a constraint naming a coefficient the fit lacks is left out of it.
# - "slope": constraint Ix__1 = 0.25: only the final model has Ix__1, so the search is logit's
#   usual one (deviance over the 36 pairs of S), and the final model on the centred terms is fitted
#   with Ix__1's coefficient fixed (an offset); V: Ix__1's row and column 0, the others R's vcov.
# - "nocons": constraint _cons = 0: every fit is without a constant -- the candidates on the
#   uncentred terms of the scaled x, the final model on the centred ones (its _cons is the centred
#   model's) -- so the search and the final fit are logit without an intercept.
# The curve: x b at the distinct x; the band x b -/+ invnormal(.975) stdp.
# Run in this folder: Rscript fpfit_constraints.R > fpfit_constraints.json
set.seed(20261203)
n <- 90
x <- round(runif(n, 0.5, 6), 1)
yb <- rbinom(n, 1, plogis(-1.5 + 1.3 * log(x) - 0.05 * x))
source("fp_terms.R")  # S, terms(), the scaled z, search_powers()
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
search <- function(intercept) {
  search_powers(function(p) {
    X <- terms(z, p)
    deviance(if (intercept) glm(yb ~ X, family = binomial, control = ctl)
             else glm(yb ~ 0 + X, family = binomial, control = ctl))
  })$powers
}
at <- sort(unique(x))
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
out <- function(name, bp, xb, se) sprintf('  "%s": {"powers": [%s], "at": [%s], "xb": [%s], "se": [%s]}', name,
                                          num(bp), num(at), num(xb), num(se))
# slope: Ix__1 fixed at 0.25
bp <- search(TRUE)
centre <- terms(mean(z), bp)
Xc <- sweep(terms(z, bp), 2, centre)
X0 <- sweep(terms(at / scale, bp), 2, centre)
fit <- glm(yb ~ Xc[, 2], offset = 0.25 * Xc[, 1], family = binomial, control = ctl)
b <- coef(fit)  # _cons, Ix__2
xb1 <- 0.25 * X0[, 1] + b[1] + b[2] * X0[, 2]
D <- cbind(1, X0[, 2])
se1 <- sqrt(rowSums((D %*% vcov(fit)) * D))
# nocons: no constant anywhere
bp2 <- search(FALSE)
centre2 <- terms(mean(z), bp2)
Xc2 <- sweep(terms(z, bp2), 2, centre2)
X02 <- sweep(terms(at / scale, bp2), 2, centre2)
fit2 <- glm(yb ~ 0 + Xc2, family = binomial, control = ctl)
xb2 <- as.vector(X02 %*% coef(fit2))
se2 <- sqrt(rowSums((X02 %*% vcov(fit2)) * X02))
cat("{\n")
cat(sprintf('  "x": [%s],\n  "yb": [%s],\n', num(x), num(yb)))
cat(out("slope", bp, xb1, se1), ",\n", sep = "")
cat(out("nocons", bp2, xb2, se2), "\n", sep = "")
cat("}\n")
