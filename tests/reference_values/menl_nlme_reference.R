# Reference values for menl (tests/test_menl_nlme.py): nlme::nlme fits of menl_growth.csv
# (written by make_menl_data.py).  Run: Rscript tests/reference_values/menl_nlme_reference.R
# (writes menl_nlme_reference.json next to it).
#
# nlme fits nonlinear mixed models by the Lindstrom-Bates alternation, as Stata's menl does.
# Tolerances are tightened (pnlsTol, tolerance, msTol) so that both programs report the fixed
# point of the alternation rather than where a loose stopping rule left them.
# Stored per model: fixed effects and standard errors (sqrt(diag(vcov))), sd of the random
# intercept and of the residual, the (RE)ML log likelihood of the last LME step, and nlme's
# approximate covariance of (log sd(u), log sigma) (fit$apVar: the inverse Hessian of the
# log likelihood in those parameters, fixed effects profiled).
suppressMessages({library(nlme); library(jsonlite)})
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
d <- read.csv(file.path(here, "menl_growth.csv"))
d$f <- factor(d$f)
ctl <- nlmeControl(maxIter = 500, pnlsMaxIter = 100, msMaxIter = 500, tolerance = 1e-9,
                   pnlsTol = 1e-6, msTol = 1e-12, niterEM = 0)

summarise <- function(fit) {
  av <- fit$apVar
  list(fixed = as.list(fixef(fit)), se = as.list(sqrt(diag(vcov(fit)))),
       sd_u = exp(attr(av, "Pars")[[1]]), sigma = fit$sigma, se_log_sd_u = sqrt(av[1, 1]),
       se_log_sigma = sqrt(av[2, 2]), loglik = as.numeric(logLik(fit)), nobs = nrow(d))
}

out <- list()
# menl y_lin = {U0[id]} + {xb:}, define(xb: x1 i.f)
out$linear <- summarise(nlme(y_lin ~ xb, fixed = xb ~ x1 + f, random = xb ~ 1 | id, data = d,
                             start = c(0, 0, 0, 0), method = "ML", control = ctl))
# menl y_exp = {phi1:}*exp(-{k}*t), define(phi1: x1 i.f U1[id])
exp_model <- function(method) nlme(y_exp ~ phi1 * exp(-k * t), fixed = list(phi1 ~ x1 + f, k ~ 1),
                                   random = phi1 ~ 1 | id, data = d, start = c(1, 0, 0, 0, 0.1),
                                   method = method, control = ctl)
out$exp_ml <- summarise(exp_model("ML"))
# No REML reference: nlme's REML for nlme objects keeps ML's ratio sd(u)/sigma and rescales
# sigma^2 by n/(n-p) (checked on this model), whereas Stata's menl maximises the restricted
# likelihood of the linearized model; mlm's REML is checked against mixed on a linear model.
# menl y_logis = {phi1:}/(1 + exp(-(t - {phi2=3})/{phi3=1})), define(phi1: U1[id])
out$logistic <- summarise(nlme(y_logis ~ phi1 / (1 + exp(-(t - phi2) / phi3)), fixed = phi1 + phi2 + phi3 ~ 1,
                               random = phi1 ~ 1 | id, data = d, start = c(10, 3, 1), method = "ML",
                               control = ctl))
out$R_version <- R.version.string
out$nlme_version <- as.character(packageVersion("nlme"))
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), file.path(here, "menl_nlme_reference.json"))
