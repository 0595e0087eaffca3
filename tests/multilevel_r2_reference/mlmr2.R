# Reference values for tests/test_mlmr2.py: Rights & Sterba (2019) measures from lme4 ML fits,
# the decomposition written out here (n - 1 divisors, as r2mlm), and performance::r2_nakagawa
# (marginal = f, conditional = fvm; for random slopes its mean of z'Tz uses the n divisor).
# Run from the repository root: Rscript tests/multilevel_r2_reference/mlmr2.R
library(lme4)
library(haven)
library(performance)
d <- as.data.frame(read_dta("samples/data/hsb.dta"))
d$mses <- ave(d$ses, d$school)
d$cw <- d$ses - d$mses
rs <- function(fit, preds, slopes) {
  g <- fixef(fit)[preds]
  X <- as.matrix(d[, preds, drop = FALSE])
  B <- apply(X, 2, function(x) ave(x, d$school))
  f1 <- var(as.vector((X - B) %*% g)); f2 <- var(as.vector(B %*% g))
  Z <- cbind(as.matrix(d[, slopes, drop = FALSE]), 1)  # slopes first, the intercept last
  T <- as.matrix(VarCorr(fit)$school)[c(slopes, "(Intercept)"), c(slopes, "(Intercept)"), drop = FALSE]
  S <- cov(Z); mu <- colMeans(Z)
  v <- sum(diag(T %*% S)); m <- as.numeric(t(mu) %*% T %*% mu); s2 <- sigma(fit)^2
  tot <- f1 + f2 + v + m + s2
  nk <- r2_nakagawa(fit)
  c(t_f1 = f1 / tot, t_f2 = f2 / tot, t_v = v / tot, t_m = m / tot, t_f = (f1 + f2) / tot,
    t_fv = (f1 + f2 + v) / tot, t_fvm = (f1 + f2 + v + m) / tot,
    w_f1 = f1 / (f1 + v + s2), w_v = v / (f1 + v + s2), w_fv = (f1 + v) / (f1 + v + s2),
    b_f2 = f2 / (f2 + m), b_m = m / (f2 + m),
    nakagawa_marginal = nk$R2_marginal[[1]], nakagawa_conditional = nk$R2_conditional[[1]])
}
ri <- rs(lmer(mathach ~ cw + mses + (1 | school), d, REML = FALSE), c("cw", "mses"), character(0))
sl <- rs(lmer(mathach ~ cw + mses + (1 + cw | school), d, REML = FALSE), c("cw", "mses"), "cw")
raw <- rs(lmer(mathach ~ ses + (1 + ses | school), d, REML = FALSE), "ses", "ses")
fmt <- function(v) paste(sprintf('"%s": %.10g', names(v), v), collapse = ", ")
cat(sprintf('{"intercept": {%s},\n "slope_unstructured": {%s},\n "slope_uncentred": {%s}}\n',
            fmt(ri), fmt(sl), fmt(raw)), file = "tests/multilevel_r2_reference/mlmr2.json")
