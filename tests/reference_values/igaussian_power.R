# Reference values for glm, family(igaussian) on tests/reference_values/igaussian_power.csv
# (tests/test_noticed_bugs_round2.py): the canonical link power -2 (where mlm's IRLS start
# step left the mean's domain and the fit crashed) and the log link.
#
# Run from the repository root:  Rscript tests/reference_values/igaussian_power.R
# writes tests/reference_values/igaussian_power.json (R is never a test dependency).
# power -2 is the canonical link: observed = expected information, so R's vcov (dispersion
# Pearson X2 / (N - k), Stata's default scale) is Stata's OIM V.
suppressMessages(library(jsonlite))
d <- read.csv("tests/reference_values/igaussian_power.csv")
out <- list()
for (lk in c("1/mu^2", "log")) {
  # R's own start fails on power -2 as mlm's did; from the constant-only mean instead
  b0 <- if (lk == "log") log(mean(d$y)) else 1 / mean(d$y)^2
  f <- glm(y ~ x + z, family = inverse.gaussian(link = lk), data = d, start = c(b0, 0, 0),
           control = glm.control(epsilon = 1e-14, maxit = 200))
  key <- if (lk == "log") "log" else "power_m2"
  out[[key]] <- list(b = unname(coef(f)[c("x", "z", "(Intercept)")]),
                     se = unname(sqrt(diag(vcov(f)))[c(2, 3, 1)]),
                     deviance = deviance(f),
                     pearson = sum(residuals(f, type = "pearson")^2))
}
writeLines(toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE),
           "tests/reference_values/igaussian_power.json")
