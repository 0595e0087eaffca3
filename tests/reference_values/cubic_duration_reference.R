# Reference values for tests/test_glmm_mean_variance_gradient.py: lme4::glmer (Laplace,
# nAGQ = 1) fits of a random intercept and slope logit with a cubic in duration --
# (1) on cubic_duration.csv (committed, make_cubic_duration_data.py), (2) on the first half
# of the policy-diffusion look-alike (tests/realworld/data, make_policy_diffusion.py) as
# corpus/anon-policy-diffusion/split_models.do fits it.  Run from the repository root:
#   Rscript tests/reference_values/cubic_duration_reference.R [policy_diffusion.dta]
suppressMessages({library(lme4); library(jsonlite); library(haven)})
args <- commandArgs(trailingOnly = TRUE)

fit_one <- function(formula, data, refine = TRUE) {
  ctl <- glmerControl(optimizer = "bobyqa", optCtrl = list(maxfun = 1e5), check.conv.grad = "ignore",
                      check.scaleX = "ignore")
  m <- glmer(formula, data = data, family = binomial, nAGQ = 1, control = ctl)
  # refine: Nelder-Mead from bobyqa's optimum, tighter tolerances (too slow for the 40-parameter look-alike)
  if (refine) m <- update(m, start = getME(m, c("theta", "fixef")),
              control = glmerControl(optimizer = "Nelder_Mead", check.conv.grad = "ignore",
                                     check.scaleX = "ignore",
                                     optCtrl = list(maxfun = 2e5, FtolAbs = 1e-12, FtolRel = 1e-15, XtolRel = 1e-12)))
  vc <- as.data.frame(VarCorr(m))
  list(loglik = as.numeric(logLik(m)), fixed = as.list(fixef(m)),
       se = as.list(sqrt(diag(as.matrix(vcov(m))))),
       sd = vc$sdcor[is.na(vc$var2)], corr = vc$sdcor[!is.na(vc$var2)],
       sd_names = vc$var1[is.na(vc$var2)])
}

# entries not recomputed in this run (no look-alike path given) are kept from the last run
json_file <- "tests/reference_values/cubic_duration_reference.json"
out <- if (file.exists(json_file)) fromJSON(json_file, simplifyVector = FALSE) else list()
d <- read.csv("tests/reference_values/cubic_duration.csv")
# lme4 on the raw cubic stops short and its finite-difference Hessian is wrong (it warns:
# "very large eigenvalue -- rescale variables?"); fitted on duration/10, ^2/100, ^3/1000 and
# the coefficients and SEs of those three carried back (the model is the same)
d$d1 <- d$duration / 10; d$d2 <- d$durationsq / 100; d$d3 <- d$durationcb / 1000
r <- fit_one(y ~ x + z + d1 + d2 + d3 + (1 + x | unit), d)
for (k in 1:3) {
  old <- paste0("d", k); new <- c("duration", "durationsq", "durationcb")[k]; s <- 10^k
  r$fixed[[new]] <- r$fixed[[old]] / s; r$se[[new]] <- r$se[[old]] / s
  r$fixed[[old]] <- NULL; r$se[[old]] <- NULL
}
out$cubic_duration <- c(list(command = "melogit y x z duration durationsq durationcb || unit: x, cov(un) intmethod(laplace)"), r)
if (length(args) >= 1) {
  p <- as.data.frame(read_dta(args[1]))
  mid <- floor((min(p$year) + max(p$year)) / 2)
  p <- p[p$year <= mid, ]
  p$year <- factor(p$year)
  f <- adoption ~ initiative + init_sigs + std_latnt_decay + std_nbrs_lag + std_pop + std_masssociallib_est +
    unified + duration + durationsq + durationcb + std_income + std_bowen_1 + std_bowen_2 + change_pop +
    change_inc + party_change + year + (1 + std_masssociallib_est | policyno)
  out$policy_diffusion_half1 <- c(list(command = "split_models.do line 19 with intmethod(laplace)"), fit_one(f, p, refine = FALSE))
}
writeLines(toJSON(out, auto_unbox = TRUE, digits = 15, pretty = TRUE), json_file)
