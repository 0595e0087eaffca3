# Reference values for estat wcorrelation: the marginal within-cluster covariance
# V = Z G Z' + R that nlme implies (getVarCov(type = "marginal") for lme, getVarCov for gls),
# for clusters of the models of make_residuals_nlme.R (same data, same fits).
#
#   python3 tests/residual_datasets.py /tmp/resdata
#   Rscript tests/reference_values/make_wcorrelation_nlme.R /tmp/resdata ../shared/data \
#       > tests/reference_values/wcorrelation_nlme.json
#
# Each case: the Stata command, the estat wcorrelation at() value, the t values of the
# cluster's rows (sorted, as estat wcorrelation shows them) and V (row-major).
suppressMessages({library(nlme); library(jsonlite); library(haven)})
args <- commandArgs(trailingOnly = TRUE)
gen <- if (length(args) >= 1) args[1] else "/tmp/resdata"
shared <- if (length(args) >= 2) args[2] else "../shared/data"
here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1]))
source(file.path(here, "nlme_fitting.R"))  # lctrl, gctrl_of, best
cases <- list()
add <- function(name, data, stata, at, f, d, id, tvar) {
  V <- if (inherits(f, "lme")) getVarCov(f, individuals = as.character(id), type = "marginal")[[1]]
       else getVarCov(f, individual = as.character(id))
  rows <- d[as.character(d$idf) == as.character(id), ]
  V <- as.matrix(V); o <- order(rows[[tvar]])
  cases[[length(cases) + 1]] <<- list(name = name, data = data, stata = stata, at = at,
    loglik = as.numeric(logLik(f)), t = rows[[tvar]][o], V = as.vector(t(V[o, o])))
}
growth <- read.csv(file.path(gen, "growth.csv")); growth$idf <- factor(growth$id)
panel <- read.csv(file.path(gen, "panel.csv")); panel$idf <- factor(panel$id)

f <- best(function(o) lme(weight ~ age + girl, random = ~ age | idf, weights = varIdent(form = ~ 1 | girl),
         data = growth, method = "ML", control = lctrl(o)))
for (id in c(1, 2)) add(paste0("growth_by_girl_id", id), "growth",
  "mixed weight age girl || id: age, covariance(unstructured) residuals(independent, by(girl))",
  paste0("id=", id), f, growth, id, "age")
f <- best(function(o) lme(weight ~ age + girl, random = ~ 1 | idf, correlation = corExp(form = ~ age | idf),
         data = growth, method = "REML", control = lctrl(o)))
add("growth_exponential_reml_id3", "growth", "mixed weight age girl || id:, residuals(exponential, t(age)) reml",
    "id=3", f, growth, 3, "age")
f <- best(function(o) lme(y ~ x + time + grp, random = ~ 1 | idf, correlation = corAR1(form = ~ time | idf),
         data = panel, method = "ML", control = lctrl(o)))
# a subject with a gap in its times: the AR(1) correlation is rho^|t - s|
gap <- as.integer(names(which(tapply(panel$time, panel$id, function(t) any(diff(sort(t)) > 1))))[1])
add(paste0("panel_ar1_id", gap), "panel", "mixed y x time grp || id:, residuals(ar 1, t(time))",
    paste0("id=", gap), f, panel, gap, "time")
f <- best(function(o) gls(y ~ x + time + grp, correlation = corCompSymm(form = ~ 1 | idf), data = panel,
         method = "ML", control = gctrl_of(o)))
add("panel_exchangeable_id1", "panel", "mixed y x time grp || id:, noconstant residuals(exchangeable)",
    "id=1", f, panel, 1, "time")
pigf <- file.path(shared, "stata", "pig.dta")
if (file.exists(pigf)) {
  pig <- as.data.frame(read_dta(pigf)); pig$idf <- factor(pig$id)
  # var(_cons) is 0 at the optimum (see make_residuals_nlme.R): the gls fit is the exact one
  g <- best(function(o) gls(weight ~ week, correlation = corAR1(form = ~ week | idf), data = pig,
           method = "ML", control = gctrl_of(o)))
  add("pig_ar1_id5", "pig", "mixed weight week || id:, residuals(ar 1, t(week))", "id=5", g, pig, 5, "week")
}
cat(toJSON(list(source = "R nlme (make_wcorrelation_nlme.R)", cases = cases), digits = NA, auto_unbox = TRUE,
           pretty = TRUE))
