# Reference values for tests/test_mltrsq.py: Snijders-Bosker (1994) and Bryk-Raudenbush (1992)
# R-squared from lme4 fits of the model and the null model, the formulas written out here.
# Run from the repository root: Rscript tests/multilevel_r2_reference/mltrsq.R
library(lme4)
library(haven)
d <- as.data.frame(read_dta("samples/data/hsb.dta"))
d <- d[d$school < 3000, ]
hmean <- function(g) { n <- table(g); length(n) / sum(1 / n) }
rsq <- function(model, null, h) {
  vc <- function(m) { v <- as.data.frame(VarCorr(m)); c(omega = v$vcov[v$grp == "Residual"], tau = v$vcov[v$grp == "school"][1]) }
  a <- vc(model); z <- vc(null)
  c(omega = a[["omega"]], tau = a[["tau"]], omega0 = z[["omega"]], tau0 = z[["tau"]], hmean = h,
    sb_rsq_l1 = 1 - (a[["omega"]] + a[["tau"]]) / (z[["omega"]] + z[["tau"]]),
    sb_rsq_l2 = 1 - (a[["omega"]] / h + a[["tau"]]) / (z[["omega"]] / h + z[["tau"]]),
    br_rsq_l1 = (z[["omega"]] - a[["omega"]]) / z[["omega"]],
    br_rsq_l2 = (z[["tau"]] - a[["tau"]]) / z[["tau"]])
}
h <- hmean(d$school)
ml <- rsq(lmer(mathach ~ ses + meanses + (1 | school), d, REML = FALSE),
          lmer(mathach ~ 1 + (1 | school), d, REML = FALSE), h)
# the random-slope model is refitted as a random-intercept model, as mltrsq does
reml <- rsq(lmer(mathach ~ ses + (1 | school), d, REML = TRUE),
            lmer(mathach ~ 1 + (1 | school), d, REML = TRUE), h)
fmt <- function(v) paste(sprintf('"%s": %.10g', names(v), v), collapse = ", ")
cat(sprintf('{"ml_ses_meanses": {%s},\n "reml_ses": {%s}}\n', fmt(ml), fmt(reml)),
    file = "tests/multilevel_r2_reference/mltrsq.json")
