# Reference numbers for tests/test_replicate_any_command.py (R is never a test dependency):
# the jackknife is deterministic, so
#   jackknife, cluster(school): mixed mathach ses || school:     (leave one school out)
#   jackknife: logit minority ses                                (leave one observation out)
# on samples/data/hsb.dta with school < 2000 give these standard errors exactly (up to the
# optimisers' convergence).  e(b) of mixed: mathach:ses mathach:_cons lns1_1_1:_cons
# lnsig_e:_cons (ML: log sd of the school intercept, log residual sd).
# Run from the repository root:  Rscript tests/replicate_any_command/jackknife_reference.R
suppressPackageStartupMessages({library(lme4); library(haven); library(jsonlite)})
d <- as.data.frame(read_dta("samples/data/hsb.dta"))
d <- d[d$school < 2000, ]
d$school <- as.numeric(d$school); d$ses <- as.numeric(d$ses); d$mathach <- as.numeric(d$mathach)
d$minority <- as.numeric(d$minority)

mixed_b <- function(data) {
  m <- lmer(mathach ~ ses + (1 | school), data = data, REML = FALSE,
            control = lmerControl(optimizer = "bobyqa", optCtrl = list(maxfun = 1e5)))
  vc <- as.data.frame(VarCorr(m))
  c(ses = unname(fixef(m)["ses"]), cons = unname(fixef(m)["(Intercept)"]),
    lns1_1_1 = log(vc$sdcor[vc$grp == "school"]), lnsig_e = log(vc$sdcor[vc$grp == "Residual"]))
}
jack_v <- function(B) {  # (n-1)/n sum (b_j - bbar)(b_j - bbar)'
  n <- nrow(B); D <- sweep(B, 2, colMeans(B)); (n - 1) / n * crossprod(D)
}
b_mixed <- mixed_b(d)
schools <- unique(d$school)
B <- t(sapply(schools, function(s) mixed_b(d[d$school != s, ])))
V <- jack_v(B)
se <- sqrt(diag(V))
# variances on Stata's display scale (var = exp(2 lns)): delta-method SEs 2 var se(lns)
var_school <- exp(2 * b_mixed["lns1_1_1"]); var_resid <- exp(2 * b_mixed["lnsig_e"])

logit_b <- function(data) coef(glm(minority ~ ses, family = binomial, data = data))[c("ses", "(Intercept)")]
b_logit <- logit_b(d)
BL <- t(sapply(seq_len(nrow(d)), function(i) logit_b(d[-i, ])))
VL <- jack_v(BL)

out <- list(
  data = "samples/data/hsb.dta if school < 2000", n = nrow(d), n_schools = length(schools),
  mixed = list(b = unname(b_mixed), names = c("mathach:ses", "mathach:_cons", "lns1_1_1:_cons", "lnsig_e:_cons"),
               se = unname(se), V = unname(V),
               var_school = unname(var_school), se_var_school = unname(2 * var_school * se[3]),
               var_resid = unname(var_resid), se_var_resid = unname(2 * var_resid * se[4]),
               df_r = length(schools) - 1),
  logit = list(b = unname(b_logit), names = c("minority:ses", "minority:_cons"), se = unname(sqrt(diag(VL))),
               df_r = nrow(d) - 1))
write(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE),
      "tests/replicate_any_command/jackknife_reference.json")
