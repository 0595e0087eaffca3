# Reference values for meqrlogit / meqrpoisson (tests/test_meqr.py), computed by lme4.
#
# Run from the repository root:  Rscript tests/reference_values/meqr_reference.R
# writes tests/reference_values/meqr_reference.json (R is never a test dependency).
#
# Data: ../shared/data/glmm/bangladesh.dta and epilepsy.dta (the files the tests read).
# Stata's QR commands integrate by mode-curvature adaptive Gauss-Hermite quadrature (the
# scheme of lme4's nAGQ > 1) or the Laplace approximation (nAGQ = 1), so:
#   meqrlogit c_use urban age child1 child2 child3 || district:      glmer(nAGQ = 7)
#   meqrlogit c_use urban age || district: urban, cov(uns) laplace   glmer((urban | district), nAGQ = 1)
#   meqrpoisson seizures treat lbas lbas_trt lage visit || subject:, intpoints(9)   glmer(nAGQ = 9)
# and the random-intercept xt models (tests/test_xt_random_intercept.py), Stata's default of
# 12 mean-variance adaptive points against lme4's 12 mode-curvature points (the two 12-point
# rules agree to about 1e-7 in the log likelihood on these data):
#   xtlogit c_use urban age, i(district) re                 glmer(binomial, nAGQ = 12)
#   xtprobit c_use urban age, i(district) re                glmer(binomial(probit), nAGQ = 12)
#   xtpoisson seizures treat lbas visit, i(subject) re normal   glmer(poisson, nAGQ = 12)
# Stored: log likelihood, fixed effects and their SEs (vcov from lme4's Hessian), ln sd of
# each random effect and atanh of the correlation (e(b)'s lns1_1_#, atr1_1_1_2).
suppressMessages({library(haven); library(lme4); library(jsonlite)})
dir <- "../shared/data/glmm"
bd <- as.data.frame(read_dta(file.path(dir, "bangladesh.dta")))
ep <- as.data.frame(read_dta(file.path(dir, "epilepsy.dta")))
ctl <- glmerControl(optimizer = "bobyqa", optCtrl = list(maxfun = 1e5, rhobeg = 1e-2, rhoend = 1e-10))

# lme4's logLik after nAGQ > 1 is relative to the saturated model (its deviance residuals):
# the saturated log likelihood sum log f(y | mu = y) is added back (0 for a binary outcome)
saturated <- function(fit) {
  if (fit@devcomp$dims[["nAGQ"]] <= 1) return(0)
  y <- model.response(model.frame(fit))
  if (family(fit)$family == "poisson") sum(dpois(y, y, log = TRUE)) else 0
}
summ <- function(fit, command) {
  vc <- as.data.frame(VarCorr(fit))
  sds <- vc$sdcor[is.na(vc$var2)]
  cors <- vc$sdcor[!is.na(vc$var2)]
  list(command = command, loglik = as.numeric(logLik(fit)) + saturated(fit),
       fixed = as.list(fixef(fit)), se = as.list(sqrt(diag(as.matrix(vcov(fit))))),
       lns = log(sds), atr = atanh(cors))
}
out <- list(
  summ(glmer(c_use ~ urban + age + child1 + child2 + child3 + (1 | district), bd, binomial,
             nAGQ = 7, control = ctl),
       "meqrlogit c_use urban age child1 child2 child3 || district:"),
  # lme4 orders (Intercept) before urban; Stata's e(b) has urban, _cons: the test maps them
  summ(glmer(c_use ~ urban + age + (urban | district), bd, binomial, nAGQ = 1, control = ctl),
       "meqrlogit c_use urban age || district: urban, cov(uns) laplace"),
  summ(glmer(seizures ~ treat + lbas + lbas_trt + lage + visit + (1 | subject), ep, poisson,
             nAGQ = 9, control = ctl),
       "meqrpoisson seizures treat lbas lbas_trt lage visit || subject:, intpoints(9)"),
  summ(glmer(c_use ~ urban + age + (1 | district), bd, binomial, nAGQ = 12, control = ctl),
       "xtlogit c_use urban age, i(district) re"),
  summ(glmer(c_use ~ urban + age + (1 | district), bd, binomial(link = "probit"), nAGQ = 12, control = ctl),
       "xtprobit c_use urban age, i(district) re"),
  summ(glmer(seizures ~ treat + lbas + visit + (1 | subject), ep, poisson, nAGQ = 12, control = ctl),
       "xtpoisson seizures treat lbas visit, i(subject) re normal")
)
write_json(out, "tests/reference_values/meqr_reference.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
