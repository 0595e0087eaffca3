# Reference values for tests/test_predict_logit_patterns.py: predict's covariate-pattern
# statistics after logit/logistic (logit_p: residuals, rstandard, hat, dbeta, dx2, ddeviance,
# number) and the equation-level scores of logit, probit, cloglog, poisson and nbreg.
# R's glm on the data grouped by pattern (cbind(successes, failures)) has the fit's b; its
# Pearson residuals, hat values (m p (1 - p) x V x') and deviance residuals are Stata's
# pattern-level r_j, h_j and d_j, and rstandard(type = "pearson") is r_j / sqrt(1 - h_j).
# Run in this folder: Rscript logit_pattern_statistics.R > logit_pattern_statistics.json
library(MASS)
set.seed(20261202)
n <- 60
x <- rep(0:4, length.out = n)
z <- rep(c(0, 0, 1), length.out = n)
y <- rbinom(n, 1, plogis(-0.4 + 0.35 * x - 0.8 * z))
w <- rep(1:3, length.out = n)
cnt <- rnbinom(n, size = 1.5, mu = exp(0.2 + 0.3 * x - 0.5 * z))
pattern_stats <- function(wt) {
  d <- data.frame(x = x, z = z, s = y * wt, m = wt)
  g <- aggregate(cbind(s, m) ~ x + z, data = d, FUN = sum)
  fit <- glm(cbind(s, m - s) ~ x + z, family = binomial, data = g,
             control = glm.control(epsilon = 1e-14, maxit = 100))
  key <- paste(g$x, g$z)
  at <- match(paste(x, z), key)
  h <- hatvalues(fit); r <- residuals(fit, type = "pearson"); dv <- residuals(fit, type = "deviance")
  rs <- rstandard(fit, type = "pearson")
  ord <- order(g$x, g$z)  # Stata numbers the patterns in the sort order of the covariates
  number <- integer(nrow(g)); number[ord] <- seq_along(ord)
  list(b = unname(coef(fit)), hat = unname(h[at]), residuals = unname(r[at]), rstandard = unname(rs[at]),
       dbeta = unname((r^2 * h / (1 - h)^2)[at]), dx2 = unname((rs^2)[at]),
       ddeviance = unname((dv^2 / (1 - h))[at]), number = number[at])
}
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
obj <- function(name, r) sprintf('  "%s": {%s}', name,
  paste(sprintf('"%s": [%s]', names(r), sapply(r, num)), collapse = ", "))
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
score_binary <- function(link) {
  f <- glm(y ~ x + z, family = binomial(link), control = ctl)
  eta <- f$linear.predictors; p <- fitted(f)
  dens <- binomial(link)$mu.eta(eta)
  unname(ifelse(y != 0, dens / p, -dens / (1 - p)))
}
fp <- glm(cnt ~ x + z, family = poisson, control = ctl)
fn <- glm.nb(cnt ~ x + z, control = glm.control(epsilon = 1e-14, maxit = 100))
mu <- fitted(fn); a <- 1 / fn$theta
# nbreg's scores: d lnL_i/d xb = (y - mu)/(1 + a mu); d lnL_i/d lnalpha by central differences
# of the negative binomial log likelihood of each observation (mean dispersion)
lnl <- function(lna) dnbinom(cnt, size = exp(-lna), mu = mu, log = TRUE)
s_lna <- (lnl(log(a) + 1e-6) - lnl(log(a) - 1e-6)) / 2e-6
cat("{\n")
cat(sprintf('  "x": [%s],\n  "z": [%s],\n  "y": [%s],\n  "w": [%s],\n  "cnt": [%s],\n', num(x), num(z), num(y), num(w), num(cnt)))
cat(obj("logit", pattern_stats(rep(1, n))), ",\n", sep = "")
cat(obj("logit_fw", pattern_stats(w)), ",\n", sep = "")
cat(sprintf('  "score_logit": [%s],\n  "score_probit": [%s],\n  "score_cloglog": [%s],\n',
            num(score_binary("logit")), num(score_binary("probit")), num(score_binary("cloglog"))))
cat(sprintf('  "poisson_b": [%s],\n  "poisson_mu": [%s],\n  "score_poisson": [%s],\n',
            num(coef(fp)), num(fitted(fp)), num(cnt - fitted(fp))))
cat(sprintf('  "nbreg_b": [%s],\n  "nbreg_lnalpha": %.17g,\n  "nbreg_mu": [%s],\n  "score_nbreg_xb": [%s],\n  "score_nbreg_lnalpha": [%s]\n',
            num(coef(fn)), log(a), num(mu), num((cnt - mu) / (1 + a * mu)), num(s_lna)))
cat("}\n")
