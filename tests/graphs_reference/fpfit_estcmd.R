# Reference values for tests/test_graphs_fpfit_estcmd.py: twoway fpfit/fpfitci with
# estcmd(logit|probit|poisson).  fracpoly's degree-2 search written out with glm(): x (positive,
# range below 10: divided by 10^floor(log10(range)) = 1) in the terms of each pair of powers
# from S = {-2, -1, -.5, 0, .5, 1, 2, 3} (a repeated power times log x), the pair of the
# smallest deviance; the final model's terms centred at the mean of x (fracpoly's default, which
# changes no fitted value with a constant); fracpred's linear predictor x b and its stdp at the
# distinct x, the band x b -/+ invnormal(.975) stdp (no e(df_r)); V from R's glm (the
# information matrix; for probit the observed one, as Stata's probit, written out below).  Poisson's deviance residual
# at the smallest y of each distinct x (fracpred's dresid).  Run in this folder: Rscript fpfit_estcmd.R > fpfit_estcmd.json
set.seed(20261204)
n <- 80
x <- round(runif(n, 0.5, 6), 1)
eta <- -1 + 1.2 * log(x) - 0.1 * x
yb <- rbinom(n, 1, plogis(eta))
yc <- rpois(n, exp(0.3 + 0.5 * log(x)))
source("fp_terms.R")  # S, terms(), the scaled z, fp_fit()
# Stata's probit: the observed information; R's glm reports the expected one (the two differ for
# a non-canonical link): -d2 ll/d eta2 = l (l + eta) at y = 1, l = phi/Phi, and l0 (l0 - eta) at
# y = 0, l0 = phi/(1 - Phi)
probit_curvature <- function(y, e) {
  l1 <- dnorm(e) / pnorm(e)
  l0 <- dnorm(e) / pnorm(-e)
  ifelse(y == 1, l1 * (l1 + e), l0 * (l0 - e))
}
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
out <- function(name, r) sprintf('  "%s": {"powers": [%s], "at": [%s], "xb": [%s], "se": [%s]}', name,
                                 num(r$powers), num(r$at), num(r$xb), num(r$se))
lg <- fp_fit(yb, binomial("logit"))
pr <- fp_fit(yb, binomial("probit"), probit_curvature)
po <- fp_fit(yc, poisson())
first <- sapply(po$at, function(v) min(yc[x == v]))
mu <- exp(po$xb)
dres <- sign(first - mu) * sqrt(ifelse(first == 0, 2 * mu, 2 * (first * log(ifelse(first > 0, first, 1) / mu) - (first - mu))))
cat("{\n")
cat(sprintf('  "x": [%s],\n  "yb": [%s],\n  "yc": [%s],\n', num(x), num(yb), num(yc)))
cat(out("logit", lg), ",\n", sep = "")
cat(out("probit", pr), ",\n", sep = "")
cat(out("poisson", po), ",\n", sep = "")
cat(sprintf('  "poisson_dresid": [%s]\n', num(dres)))
cat("}\n")
