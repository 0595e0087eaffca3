# The me commands without a random-effects equation fit the plain GLM by ML:
# reference estimates, SEs (OIM) and log likelihoods from glm / MASS::glm.nb / MASS::polr.
# Run: Rscript tests/me_reference/no_random_effects.R  (writes no_random_effects.json)
library(MASS)
library(jsonlite)
here <- "tests/me_reference"
d <- read.csv(file.path(here, "me_no_random_effects.csv"))
out <- list()
put <- function(name, b, se, ll) out[[name]] <<- list(b = unname(b), se = unname(se), ll = ll)
for (lk in c("logit", "probit", "cloglog")) {
  m <- glm(y ~ x + z, family = binomial(link = lk), data = d, control = glm.control(epsilon = 1e-12))
  put(lk, coef(m)[c("x", "z", "(Intercept)")], sqrt(diag(vcov(m)))[c("x", "z", "(Intercept)")],
      as.numeric(logLik(m)))
}
m <- glm(cnt ~ x + z, family = poisson, data = d, control = glm.control(epsilon = 1e-12))
put("poisson", coef(m)[c("x", "z", "(Intercept)")], sqrt(diag(vcov(m)))[c("x", "z", "(Intercept)")],
    as.numeric(logLik(m)))
m <- glm.nb(nb ~ x + z, data = d, control = glm.control(epsilon = 1e-12, maxit = 100))
put("nbreg", c(coef(m)[c("x", "z", "(Intercept)")], lnalpha = -log(m$theta)),
    c(sqrt(diag(vcov(m)))[c("x", "z", "(Intercept)")], lnalpha = m$SE.theta / m$theta),
    as.numeric(logLik(m)))
for (meth in c("logistic", "probit")) {
  m <- polr(factor(k) ~ x + z, data = d, method = meth, Hess = TRUE, control = list(reltol = 1e-15, maxit = 1000))
  se <- sqrt(diag(vcov(m)))
  put(if (meth == "logistic") "ologit" else "oprobit", c(coef(m), m$zeta), se[c(names(coef(m)), names(m$zeta))],
      as.numeric(logLik(m)))
}
write_json(out, file.path(here, "no_random_effects.json"), digits = NA, auto_unbox = TRUE, pretty = TRUE)
