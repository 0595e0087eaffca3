# Reference values for tests/test_predict_deviance_patterns.py: predict newvar, deviance after
# logit and probit (logit_p/probit_p): the deviance residuals by covariate pattern.  R's glm on
# the data grouped by pattern (cbind(successes, failures)) has the same b as the fit on the
# observations, and its deviance residuals are Stata's d_j (each observation of pattern j gets
# d_j); with frequency weights w the pattern's M_j and y_j are the weighted counts.
# Run in this folder: Rscript logit_deviance_patterns.R > logit_deviance_patterns.json
set.seed(20261202)
n <- 60
x <- rep(0:4, length.out = n)
z <- rep(c(0, 0, 1), length.out = n)
y <- rbinom(n, 1, plogis(-0.4 + 0.35 * x - 0.8 * z))
w <- rep(1:3, length.out = n)
pattern_resid <- function(link, wt) {
  d <- data.frame(x = x, z = z, s = y * wt, m = wt)
  g <- aggregate(cbind(s, m) ~ x + z, data = d, FUN = sum)
  fit <- glm(cbind(s, m - s) ~ x + z, family = binomial(link), data = g,
             control = glm.control(epsilon = 1e-14, maxit = 100))
  r <- residuals(fit, type = "deviance")
  key <- paste(g$x, g$z)
  list(resid = unname(r[match(paste(x, z), key)]), b = unname(coef(fit)))
}
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
out <- function(name, r) sprintf('  "%s": {"b": [%s], "dresid": [%s]}', name, num(r$b), num(r$resid))
cat("{\n")
cat(sprintf('  "x": [%s],\n  "z": [%s],\n  "y": [%s],\n  "w": [%s],\n', num(x), num(z), num(y), num(w)))
cat(out("logit", pattern_resid("logit", rep(1, n))), ",\n", sep = "")
cat(out("probit", pattern_resid("probit", rep(1, n))), ",\n", sep = "")
cat(out("logit_fw", pattern_resid("logit", w)), "\n", sep = "")
cat("}\n")
