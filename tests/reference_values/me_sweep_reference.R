# Reference values for a sweep of me models on real data (tests/test_me_sweep.py): lme4 glmer
# and ordinal clmm fits of the models a user would plausibly fit, to catch convergence failures
# of mlm's me commands (melogit minority ses || school: on HSB failed with r(430) once).
#
# Run from the repository root:  OPENBLAS_NUM_THREADS=1 Rscript tests/reference_values/me_sweep_reference.R
# writes tests/reference_values/me_sweep_reference.json.  R is never a test dependency: the JSON
# is committed.
#
# Data: samples/data/hsb.dta (shipped with the repo; High School and Beyond, 7,185 students in
# 160 schools) with variables derived as the test derives them in mlm (as glm_reference.R):
#   hi  = mathach > 13       ord4 = 1 + (mathach > 7) + (mathach > 13) + (mathach > 18)
#   cnt = floor(max(mathach, 0) / 3)      expo = exp(meanses)
# and ../shared/data/egsingle.dta (60 schools, 1,721 children, 7,230 rows):  above = math > -0.5.
#
# Matching approximations (Stata -> R):
#   intmethod(laplace)                    glmer nAGQ = 1 / clmm nAGQ = 1 (both the Laplace approximation
#                                         at the conditional modes; several levels: joint Laplace)
#   intmethod(mcaghermite) intpoints(#)   glmer nAGQ = # / clmm nAGQ = # (mode-curvature adaptive
#                                         Gauss-Hermite; one scalar random effect only)
#   intmethod(mvaghermite) intpoints(25)  glmer nAGQ = 25 (both approximate the exact integral to ~1e-8)
# Estimates: ll, fixed coefficients (Stata's order: covariates then _cons; ordinal: coefficients,
# then cutpoints = clmm's thresholds), random-effects variances/covariance, fixed-effect SEs
# (glmer's vcov: the inverse Hessian over all parameters, as Stata's).
suppressMessages({
  library(haven); library(lme4); library(ordinal); library(jsonlite)
})

hsb <- as.data.frame(read_dta("samples/data/hsb.dta"))
hsb$hi <- as.numeric(hsb$mathach > 13)
hsb$ord4 <- 1 + (hsb$mathach > 7) + (hsb$mathach > 13) + (hsb$mathach > 18)
hsb$cnt <- floor(pmax(hsb$mathach, 0) / 3)
hsb$expo <- exp(hsb$meanses)
hsb$school <- factor(hsb$school)
eg_path <- "../shared/data/egsingle.dta"
if (!file.exists(eg_path)) eg_path <- "/work/shared/data/egsingle.dta"
eg <- as.data.frame(read_dta(eg_path))
eg$above <- as.numeric(eg$math > -0.5)
eg$schoolid <- factor(eg$schoolid)
eg$childid <- factor(eg$childid)

ctrl <- glmerControl(optimizer = "bobyqa", optCtrl = list(maxfun = 1e5))

glmer_entry <- function(name, data_file, stata, m, var_names) {
  vc <- VarCorr(m)
  vars <- list()
  for (g in names(vc)) {
    S <- vc[[g]]
    for (i in seq_len(nrow(S))) vars[[paste0(g, ":", rownames(S)[i])]] <- S[i, i]
    if (nrow(S) == 2) vars[[paste0(g, ":cov")]] <- S[1, 2]
  }
  b <- fixef(m)
  b <- c(b[-1], b[1])  # Stata's order: _cons last
  se <- sqrt(diag(as.matrix(vcov(m))))
  se <- c(se[-1], se[1])
  ll <- as.numeric(logLik(m))
  # glmer's adaptive quadrature (nAGQ > 1) works with the deviance residuals, whose log likelihood
  # for the Poisson omits sum(y ln y - y - lgamma(y + 1)) = sum(dpois(y, y, log = TRUE)); added back
  # so that ll_full is the complete log likelihood Stata reports
  ll_full <- ll
  if (family(m)$family == "poisson" && m@devcomp$dims[["nAGQ"]] > 1) {
    y <- getME(m, "y")
    ll_full <- ll + sum(dpois(y, y, log = TRUE))
  }
  list(name = name, data = data_file, stata = stata, ll = ll, ll_full = ll_full,
       b = unname(b), b_names = names(b), se = unname(se), var = vars, var_order = var_names,
       r = paste(deparse(formula(m)), collapse = ""), nAGQ = m@devcomp$dims[["nAGQ"]])
}

out <- list()
add <- function(e) { out[[length(out) + 1]] <<- e; cat(e$name, e$ll, "\n") }

# A: the HSB model that once failed (school-level clustering of minority is strong: 24 of 160
# schools are all-minority or no-minority)
for (q in c(1, 7)) {
  m <- glmer(minority ~ ses + (1 | school), hsb, binomial, nAGQ = q, control = ctrl)
  meth <- if (q == 1) "intmethod(laplace)" else "intmethod(mcaghermite) intpoints(7)"
  add(glmer_entry(paste0("hsb_minority_ri_", q), "hsb", paste("melogit minority ses || school:,", meth), m,
                  "school:(Intercept)"))
}
m <- glmer(minority ~ ses + (1 | school), hsb, binomial, nAGQ = 25, control = ctrl)
add(glmer_entry("hsb_minority_ri_25", "hsb", "melogit minority ses || school:, intpoints(25)", m,
                "school:(Intercept)"))
# B: random slope, unstructured
m <- glmer(hi ~ ses + female + (1 + ses | school), hsb, binomial, nAGQ = 1, control = ctrl)
add(glmer_entry("hsb_hi_rs_un", "hsb", "melogit hi ses female || school: ses, covariance(unstructured) intmethod(laplace)",
                m, c("school:(Intercept)", "school:ses", "school:cov")))
# C: random slope, independent
m <- glmer(hi ~ ses + female + (1 | school) + (0 + ses | school), hsb, binomial, nAGQ = 1, control = ctrl)
add(glmer_entry("hsb_hi_rs_ind", "hsb", "melogit hi ses female || school: ses, intmethod(laplace)",
                m, c("school:(Intercept)", "school.1:ses")))
# D: probit random intercept
for (q in c(1, 7)) {
  m <- glmer(hi ~ ses + sector + (1 | school), hsb, binomial(link = "probit"), nAGQ = q, control = ctrl)
  meth <- if (q == 1) "intmethod(laplace)" else "intmethod(mcaghermite) intpoints(7)"
  add(glmer_entry(paste0("hsb_hi_probit_", q), "hsb", paste("meprobit hi ses sector || school:,", meth), m,
                  "school:(Intercept)"))
}
# E: Poisson with exposure
for (q in c(1, 7)) {
  m <- glmer(cnt ~ ses + female + (1 | school) + offset(log(expo)), hsb, poisson, nAGQ = q, control = ctrl)
  meth <- if (q == 1) "intmethod(laplace)" else "intmethod(mcaghermite) intpoints(7)"
  add(glmer_entry(paste0("hsb_cnt_exposure_", q), "hsb",
                  paste("mepoisson cnt ses female, exposure(expo) || school:,", meth), m, "school:(Intercept)"))
}
# F: Poisson random slope
m <- glmer(cnt ~ ses + female + (1 + ses | school), hsb, poisson, nAGQ = 1, control = ctrl)
add(glmer_entry("hsb_cnt_rs_un", "hsb", "mepoisson cnt ses female || school: ses, covariance(unstructured) intmethod(laplace)",
                m, c("school:(Intercept)", "school:ses", "school:cov")))
# G: three levels (children in schools), joint Laplace
m <- glmer(above ~ year + female + black + (1 | schoolid / childid), eg, binomial, nAGQ = 1, control = ctrl)
add(glmer_entry("eg_above_3level", "egsingle", "melogit above year female black || schoolid: || childid:, intmethod(laplace)",
                m, c("schoolid:(Intercept)", "childid:schoolid:(Intercept)")))
# H: ordinal logit (clmm), Laplace and 7-point adaptive quadrature
hsb$ord4f <- factor(hsb$ord4, ordered = TRUE)
for (q in c(1, 7)) {
  m <- clmm(ord4f ~ ses + female + (1 | school), data = hsb, link = "logit", nAGQ = q,
            control = clmm.control(gradTol = 1e-8, maxIter = 500))
  k <- length(m$beta)
  V <- vcov(m)
  cf <- c(m$beta, m$alpha)
  se <- sqrt(diag(V))[c(names(m$beta), names(m$alpha))]
  meth <- if (q == 1) "intmethod(laplace)" else "intmethod(mcaghermite) intpoints(7)"
  add(list(name = paste0("hsb_ord4_ologit_", q), data = "hsb", stata = paste("meologit ord4 ses female || school:,", meth),
           ll = as.numeric(logLik(m)), ll_full = as.numeric(logLik(m)), b = unname(cf), b_names = names(cf),
           se = unname(se),
           var = list("school:(Intercept)" = as.numeric(VarCorr(m)$school)), var_order = "school:(Intercept)",
           r = paste(deparse(formula(m)), collapse = ""), nAGQ = q))
}

writeLines(toJSON(list(source = "tests/reference_values/me_sweep_reference.R",
                       lme4 = as.character(packageVersion("lme4")),
                       ordinal = as.character(packageVersion("ordinal")), models = out),
                  auto_unbox = TRUE, digits = NA, pretty = TRUE),
           "tests/reference_values/me_sweep_reference.json")
