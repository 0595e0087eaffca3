# Reference values for tests/test_graphs_fpfit_glm.py: twoway fpfitci with estcmd(glm)
# estopts(family(gaussian)) and estopts(family(binomial) link(cloglog)).  fracpoly's degree-2
# search (fp_terms.R) by glm()'s deviance: for the Gaussian the residual sum of squares (frac_dv's
# -2 e(ll) is monotone in it), for the 0/1 outcome -2 ll; the final model's terms centred at the
# mean of x; x b and its stdp at the distinct x.  V: the Gaussian's RSS/(n - k) (X'X)^-1 (glm's
# scale(x2), as R's vcov); cloglog's the inverse observed information (Stata's glm ml; R's glm
# reports the expected one), written out below.  The glm deviance residual of the Gaussian
# (y - xb) and of cloglog at the smallest y of each distinct x (fracpred's dresid).
# Run in this folder: Rscript fpfit_glm.R > fpfit_glm.json
set.seed(20261205)
n <- 70
x <- round(runif(n, 0.5, 6), 1)
yg <- round(2 + 1.5 * log(x) - 0.2 * x + rnorm(n, sd = 0.6), 3)
yb <- rbinom(n, 1, 1 - exp(-exp(-1.2 + 0.9 * log(x))))
source("fp_terms.R")
# cloglog's observed information: -d2 ll/d eta2 = t at y = 0 (ll = -t, t = exp(eta)); at y = 1
# (ll = log(1 - exp(-t))) it is -(t (e^t - 1) - t^2 e^t) / (e^t - 1)^2
cloglog_curvature <- function(y, e) {
  t <- exp(e)
  ifelse(y == 1, -(t * (exp(t) - 1) - t^2 * exp(t)) / (exp(t) - 1)^2, t)
}
best <- function(y, fam, curvature = NULL) {
  r <- fp_fit(y, fam, curvature)
  first <- sapply(r$at, function(v) min(y[x == v]))
  mu <- fam$linkinv(r$xb)
  r$dresid <- sign(first - mu) * sqrt(pmax(fam$dev.resids(first, mu, rep(1, length(mu))), 0))
  r
}
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
out <- function(name, r) sprintf('  "%s": {"powers": [%s], "at": [%s], "xb": [%s], "se": [%s], "dresid": [%s]}',
                                 name, num(r$powers), num(r$at), num(r$xb), num(r$se), num(r$dresid))
cat("{\n")
cat(sprintf('  "x": [%s],\n  "yg": [%s],\n  "yb": [%s],\n', num(x), num(yg), num(yb)))
cat(out("gaussian", best(yg, gaussian())), ",\n", sep = "")
cat(out("cloglog", best(yb, binomial("cloglog"), cloglog_curvature)), "\n", sep = "")
cat("}\n")
