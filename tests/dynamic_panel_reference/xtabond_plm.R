# Independent reference values for mlm's xtabond (tests/test_xtabond.py), from R's plm
# (pgmm, Croissant & Millo; plm 2.6-2), on the Arellano-Bond (1991) UK firm data that Stata
# ships as abdata.dta and plm as EmplUK: n = log(emp), w = log(wage), k = log(capital),
# ys = log(output).  Run:  Rscript xtabond_plm.R  (writes abdata.csv and xtabond_plm.json).
#
# Where plm's conventions differ from Stata's and how the test bridges them:
# - The model: plm's pgmm(y ~ lag(y, 1:2) + lag(w, 0:1) + ... | lag(y, 2:99),
#   effect = "individual", transformation = "d") is Stata's
#   xtabond n l(0/1).w l(0/2).(k ys), lags(2) noconstant: the same regressors, the levels of n
#   lagged 2 and more per period ("GMM-type, missing = 0") and D. of the exogenous regressors
#   as standard instruments.  (Stata's constant comes from a level equation with the
#   instrument 1, which plm has not: the test compares the noconstant model.)
# - Coefficients (one- and two-step), one-step robust (vcovHC) standard errors, two-step
#   standard errors and Windmeijer-corrected ones, and the two-step Sargan (Hansen) statistic
#   are the same quantities in both: compared directly.
# - One-step conventional standard errors, the one-step Sargan statistic and the AR tests
#   differ: plm estimates the error variance differently and its robust mtest() fails in
#   2.6-2 (NaN).  Those numbers are checked against Stata's own printed output instead (the
#   [XT] xtabond manual's examples 1 and 2, quoted in plm's inst/tests/test_mtest.R), and the
#   one-step conventional variance against its formula in numpy (tests/test_xtabond.py).
library(plm)
library(jsonlite)
data("EmplUK", package = "plm")
here <- if (length(sys.frames())) dirname(sys.frame(1)$ofile) else "."
d <- data.frame(id = EmplUK$firm, year = EmplUK$year, n = log(EmplUK$emp), w = log(EmplUK$wage),
                k = log(EmplUK$capital), ys = log(EmplUK$output))
for (y in 1976:1984) d[[paste0("yr", y)]] <- as.integer(d$year == y)
write.csv(d, file.path(here, "abdata.csv"), row.names = FALSE)

f <- log(emp) ~ lag(log(emp), 1:2) + lag(log(wage), 0:1) + lag(log(capital), 0:2) +
  lag(log(output), 0:2) | lag(log(emp), 2:99)
one <- pgmm(f, data = EmplUK, effect = "individual", model = "onestep")
two <- pgmm(f, data = EmplUK, effect = "individual", model = "twosteps")
out <- list(
  names = c("L.n", "L2.n", "w", "L.w", "k", "L.k", "L2.k", "ys", "L.ys", "L2.ys"),
  onestep_b = unname(coef(one)),
  onestep_se_robust = unname(sqrt(diag(vcovHC(one)))),
  twostep_b = unname(coef(two)),
  twostep_se = unname(summary(two, robust = FALSE)$coefficients[, 2]),
  twostep_se_windmeijer = unname(sqrt(diag(vcovHC(two)))),
  twostep_sargan = unname(sargan(two)$statistic),
  sargan_df = unname(sargan(two)$parameter),
  n_groups = length(unique(EmplUK$firm)))
# pre(), endogenous(), maxldep() and maxlags(): GMM-type instruments of their own lags.
# xtabond n k, pre(w) noconstant          = lag(log(wage), 1:99) as GMM instruments
# xtabond n k, endogenous(w) noconstant   = lag(log(wage), 2:99)
# xtabond n k, pre(w) maxldep(2) maxlags(2) noconstant = lag(log(emp), 2:3), lag(log(wage), 1:2)
g <- function(rhs, inst, model = "onestep")
  pgmm(as.formula(paste("log(emp) ~ lag(log(emp), 1) + log(wage) + log(capital) |", inst)),
       data = EmplUK, effect = "individual", model = model)
cases <- list(pre = "lag(log(emp), 2:99) + lag(log(wage), 1:99)",
              endogenous = "lag(log(emp), 2:99) + lag(log(wage), 2:99)",
              maxlags = "lag(log(emp), 2:3) + lag(log(wage), 1:2)")
for (nm in names(cases)) {
  m1 <- g(NULL, cases[[nm]]); m2 <- g(NULL, cases[[nm]], "twosteps")
  out[[nm]] <- list(onestep_b = unname(coef(m1)), onestep_se_robust = unname(sqrt(diag(vcovHC(m1)))),
                    twostep_b = unname(coef(m2)), twostep_se_windmeijer = unname(sqrt(diag(vcovHC(m2)))),
                    twostep_sargan = unname(sargan(m2)$statistic), sargan_df = unname(sargan(m2)$parameter))
}
writeLines(toJSON(out, digits = NA, pretty = TRUE), file.path(here, "xtabond_plm.json"))
