# Reference values for mixed's dfmethod(satterthwaite) and dfmethod(kroger):
# R's lmerTest (Satterthwaite, observed information of the REML criterion) and pbkrtest
# (Kenward-Roger: adjusted covariance vcovAdj, denominator DF and F scaling of KRmodcomp)
# on the shared datasets.
#
#   Rscript tests/reference_values/make_small_sample_lmertest.R ../shared/data \
#       > tests/reference_values/small_sample_lmertest.json
#
# Every model is REML, fitted with tight optimiser tolerances so that the estimates
# agree with mixed's to ~1e-7.  Coefficient names are Stata's ((Intercept) = _cons).
# Joint tests: rows of L over the coefficients, in Stata's coefficient order.
suppressMessages({library(lmerTest); library(pbkrtest); library(jsonlite); library(haven)})
args <- commandArgs(trailingOnly = TRUE)
shared <- if (length(args) >= 1) args[1] else "../shared/data"
ctrl <- lmerControl(optimizer = "nloptwrap",
                    optCtrl = list(xtol_abs = 1e-12, ftol_abs = 1e-14, xtol_rel = 1e-12, maxeval = 1e5),
                    calc.derivs = FALSE)

stata_name <- function(x) ifelse(x == "(Intercept)", "_cons", x)

models <- list()
add <- function(name, data_file, stata, m, joint = list()) {
  sm <- summary(m, ddf = "Satterthwaite")$coefficients
  PhiA <- as.matrix(vcovAdj(m))
  nm <- rownames(sm)
  coefs <- list()
  for (k in seq_along(nm)) {
    L <- matrix(0, 1, length(nm)); L[k] <- 1
    kr <- KRmodcomp(m, L)$stats
    coefs[[stata_name(nm[k])]] <- list(coef = sm[k, "Estimate"], se = sm[k, "Std. Error"],
      satterthwaite_df = sm[k, "df"], kroger_df = kr$ddf, kroger_se = sqrt(PhiA[k, k]))
  }
  tests <- list()
  for (L in joint) {
    Lm <- do.call(rbind, lapply(L, function(r) {
      v <- setNames(rep(0, length(nm)), stata_name(nm)); for (k in names(r)) v[[k]] <- r[[k]]; v }))
    st <- contest(m, Lm, joint = TRUE, ddf = "Satterthwaite")
    kr <- KRmodcomp(m, Lm)$stats
    tests[[length(tests) + 1]] <- list(
      L = lapply(seq_len(nrow(Lm)), function(i) setNames(as.list(Lm[i, ]), stata_name(nm))),
      satterthwaite = list(F = st[["F value"]], ddf = st[["DenDF"]]),
      kroger = list(F = kr$Fstat, ddf = kr$ddf, F_scaling = kr$F.scaling, ndf = kr$ndf))
  }
  models[[length(models) + 1]] <<- list(name = name, data_file = data_file, stata_command = stata,
    loglik = as.numeric(logLik(m)), coefficients = coefs, joint = tests)
}

sleep <- read_dta(file.path(shared, "sleepstudy.dta")); sleep$subject <- factor(sleep$subject)
add("sleepstudy_slope_unstructured", "sleepstudy.dta",
    "mixed reaction days || subject: days, covariance(unstructured) reml",
    lmer(reaction ~ days + (days | subject), sleep, REML = TRUE, control = ctrl))
add("sleepstudy_ri", "sleepstudy.dta", "mixed reaction days || subject:, reml",
    lmer(reaction ~ days + (1 | subject), sleep, REML = TRUE, control = ctrl))
dye <- read_dta(file.path(shared, "dyestuff.dta")); dye$batch <- factor(dye$batch)
add("dyestuff_null", "dyestuff.dta", "mixed yield || batch:, reml",
    lmer(yield ~ 1 + (1 | batch), dye, REML = TRUE, control = ctrl))
pastes <- read_dta(file.path(shared, "pastes.dta"))
pastes$batch <- factor(pastes$batch); pastes$sample <- factor(pastes$sample)
add("pastes_nested", "pastes.dta", "mixed strength || batch: || sample:, reml",
    lmer(strength ~ 1 + (1 | batch) + (1 | sample), pastes, REML = TRUE, control = ctrl))
pen <- read_dta(file.path(shared, "penicillin.dta"))
pen$plate <- factor(pen$plate); pen$sample <- factor(pen$sample)
add("penicillin_crossed", "penicillin.dta", "mixed diameter || _all: R.plate || _all: R.sample, reml",
    lmer(diameter ~ 1 + (1 | plate) + (1 | sample), pen, REML = TRUE, control = ctrl))
hsb <- read_dta(file.path(shared, "hsb.dta")); hsb$school <- factor(hsb$school)
add("hsb_cses_unstructured", "hsb.dta",
    "mixed mathach cses meanses sector || school: cses, covariance(unstructured) reml",
    lmer(mathach ~ cses + meanses + sector + (cses | school), hsb, REML = TRUE, control = ctrl),
    joint = list(list(list(meanses = 1), list(sector = 1)),
                 list(list(cses = 1, meanses = -1))))
ox <- read_dta(file.path(shared, "oxboys.dta")); ox$subject <- factor(ox$subject)
add("oxboys_slope_unstructured", "oxboys.dta",
    "mixed height age || subject: age, covariance(unstructured) reml",
    lmer(height ~ age + (age | subject), ox, REML = TRUE, control = ctrl))
gox <- read_dta(file.path(shared, "grodri", "oxboys.dta")); gox$id <- factor(gox$id)
gox$sc <- cos(pi * gox$seas / 6)
add("grodri_oxboys_3re", "grodri/oxboys.dta",
    "gen sc = cos(_pi*seas/6); mixed height age age2 age3 age4 sc || id: age age2, covariance(unstructured) reml",
    lmer(height ~ age + age2 + age3 + age4 + sc + (age + age2 | id), gox, REML = TRUE, control = ctrl),
    joint = list(list(list(age3 = 1), list(age4 = 1), list(sc = 1))))

cat(toJSON(list(source = paste("R", getRversion(), "lme4", packageVersion("lme4"), "lmerTest",
                               packageVersion("lmerTest"), "pbkrtest", packageVersion("pbkrtest")),
                models = models), auto_unbox = TRUE, digits = NA, pretty = TRUE))
