# Reference values for mixed's residuals() structures, from R's nlme (lme / gls).
#
#   python3 tests/residual_datasets.py /tmp/resdata      # the generated datasets as CSV
#   Rscript tests/reference_values/make_residuals_nlme.R /tmp/resdata ../shared/data \
#       > tests/reference_values/residuals_nlme.json
#
# Each case: the Stata command it corresponds to, the method, nlme's log likelihood,
# fixed effects (coef, se) under Stata's names, and the variance parameters in
# Stata's display labels.  nlme -> Stata:
#   corAR1 Phi = phi1; corARMA Phi_k = phi_k, Theta_k = theta_k (same sign convention:
#   e_t = sum phi_i e_{t-i} + u_t + sum theta_j u_{t-j}); corCompSymm Rho = corr(e)
#   (cov(e) = Rho var(e)); corExp range: rho = exp(-1/range) (corr = rho^|dt|);
#   corSymm + varIdent(~1|t): var(e_i), cov(e_i,e_j) of the t levels in sorted order;
#   varIdent(~1|g): var(e) of group g = sigma^2 * ratio_g^2.  sigma^2 in nlme is the
#   marginal (reference) residual variance, as Stata's var(e).
suppressMessages({library(nlme); library(jsonlite); library(haven)})
args <- commandArgs(trailingOnly = TRUE)
gen <- if (length(args) >= 1) args[1] else "/tmp/resdata"
shared <- if (length(args) >= 2) args[2] else "../shared/data"
here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1]))
source(file.path(here, "nlme_fitting.R"))  # lctrl, gctrl_of, best

fixed_of <- function(f, names) {
  b <- fixef_any(f); se <- sqrt(diag(vcov(f)))
  # gls's ML vcov uses sigma^2 N/(N-p); Stata's (and lme's) ML V(beta) uses sigma^2 itself
  if (inherits(f, "gls") && f$method == "ML") se <- se * sqrt((f$dims$N - f$dims$p) / f$dims$N)
  out <- list()
  for (k in seq_along(b)) {
    nm <- names[[names(b)[k]]]
    out[[nm]] <- list(coef = unname(b[k]), se = unname(se[k]))
  }
  out
}
fixef_any <- function(f) if (inherits(f, "lme")) fixef(f) else coef(f)

re_of <- function(f, labels) {
  # labels: Stata labels of the lower triangle of G in R's column order (varcov)
  if (!inherits(f, "lme")) return(list())
  out <- list()
  for (lv in names(labels)) {
    G <- as.matrix(getVarCov(f, level = lv))
    if (length(f$modelStruct$reStruct) > 1) G <- as.matrix(pdMatrix(f$modelStruct$reStruct[[lv]]) * f$sigma^2)
    lab <- labels[[lv]]
    for (k in seq_along(lab)) {
      ij <- as.integer(strsplit(names(lab)[k], ",")[[1]])
      out[[lab[[k]]]] <- G[ij[1], ij[2]]
    }
  }
  out
}

ratios <- function(f) {
  vs <- f$modelStruct$varStruct
  if (is.null(vs)) return(NULL)
  coef(vs, unconstrained = FALSE, allCoef = TRUE)
}

cases <- list()
record <- function(name, data, stata, method, f, fixed_names, re_labels, resid) {
  cases[[length(cases) + 1]] <<- list(name = name, data = data, stata = stata, method = method,
    loglik = as.numeric(logLik(f)), fixed = fixed_of(f, fixed_names),
    random = re_of(f, re_labels), residual = resid)
}

growth <- read.csv(file.path(gen, "growth.csv"))
panel <- read.csv(file.path(gen, "panel.csv"))
three <- read.csv(file.path(gen, "threelevel.csv"))
growth$idf <- factor(growth$id); panel$idf <- factor(panel$id)
three$sf <- factor(three$school); three$pf <- factor(three$pupil)

gnames <- list("(Intercept)" = "_cons", age = "age", girl = "girl")
gre <- list(idf = list("2,2" = "var(age)", "1,1" = "var(_cons)", "1,2" = "cov(age,_cons)"))
pnames <- list("(Intercept)" = "_cons", x = "x", time = "time", grp = "grp")
pre <- list(idf = list("1,1" = "var(_cons)"))

for (m in c("ML", "REML")) {
  low <- tolower(m)
  # by(girl): heteroskedastic independent residuals
  f <- best(function(o) lme(weight ~ age + girl, random = ~ age | idf, weights = varIdent(form = ~ 1 | girl),
           data = growth, method = m, control = lctrl(o)))
  r <- ratios(f)
  record(paste0("growth_by_girl_", low), "growth",
         "mixed weight age girl || id: age, covariance(unstructured) residuals(independent, by(girl))",
         m, f, gnames, gre,
         list("0: var(e)" = f$sigma^2 * r[["0"]]^2, "1: var(e)" = f$sigma^2 * r[["1"]]^2))
  # exponential in real-valued age
  f <- best(function(o) lme(weight ~ age + girl, random = ~ 1 | idf, correlation = corExp(form = ~ age | idf),
           data = growth, method = m, control = lctrl(o)))
  rg <- coef(f$modelStruct$corStruct, unconstrained = FALSE)[["range"]]
  record(paste0("growth_exponential_", low), "growth",
         "mixed weight age girl || id:, residuals(exponential, t(age))",
         m, f, gnames, list(idf = list("1,1" = "var(_cons)")), list("rho" = exp(-1 / rg), "var(e)" = f$sigma^2))
  # ar 1, ar 2, ma 1, ma 2 with a random intercept (t with gaps)
  f <- best(function(o) lme(y ~ x + time + grp, random = ~ 1 | idf, correlation = corAR1(form = ~ time | idf),
           data = panel, method = m, control = lctrl(o)))
  cf <- coef(f$modelStruct$corStruct, unconstrained = FALSE)
  record(paste0("panel_ar1_", low), "panel", "mixed y x time grp || id:, residuals(ar 1, t(time))",
         m, f, pnames, pre, list("phi1" = cf[[1]], "var(e)" = f$sigma^2))
  # predictions: BLUPs of the first 8 subjects, fitted values (x b + z u) of the first 20 rows
  cases[[length(cases)]]$blups <- list(id = list(group = rownames(ranef(f))[1:8], value = unname(ranef(f)[1:8, 1])))
  cases[[length(cases)]]$fitted <- unname(fitted(f)[1:20])
  for (p in 2) {
    f <- best(function(o) lme(y ~ x + time + grp, random = ~ 1 | idf, correlation = corARMA(form = ~ time | idf, p = p),
             data = panel, method = m, control = lctrl(o)))
    cf <- coef(f$modelStruct$corStruct, unconstrained = FALSE)
    res <- list(); for (k in 1:p) res[[paste0("phi", k)]] <- cf[[k]]; res[["var(e)"]] <- f$sigma^2
    record(paste0("panel_ar", p, "_", low), "panel",
           paste0("mixed y x time grp || id:, residuals(ar ", p, ", t(time))"), m, f, pnames, pre, res)
  }
  for (q in 1:2) {
    f <- best(function(o) lme(y ~ x + time + grp, random = ~ 1 | idf, correlation = corARMA(form = ~ time | idf, q = q),
             data = panel, method = m, control = lctrl(o)))
    cf <- coef(f$modelStruct$corStruct, unconstrained = FALSE)
    res <- list(); for (k in 1:q) res[[paste0("theta", k)]] <- cf[[k]]; res[["var(e)"]] <- f$sigma^2
    record(paste0("panel_ma", q, "_", low), "panel",
           paste0("mixed y x time grp || id:, residuals(ma ", q, ", t(time))"), m, f, pnames, pre, res)
  }
  # heteroskedastic by a subject-constant group
  f <- best(function(o) lme(y ~ x + time + grp, random = ~ 1 | idf, weights = varIdent(form = ~ 1 | grp),
           data = panel, method = m, control = lctrl(o)))
  r <- ratios(f)
  record(paste0("panel_by_grp_", low), "panel",
         "mixed y x time grp || id:, residuals(independent, by(grp))", m, f, pnames, pre,
         list("0: var(e)" = f$sigma^2 * r[["0"]]^2, "1: var(e)" = f$sigma^2 * r[["1"]]^2))
  # residual-only models (|| id:, noconstant): gls
  f <- best(function(o) gls(y ~ x + time + grp, correlation = corCompSymm(form = ~ 1 | idf), data = panel,
           method = m, control = gctrl_of(o)))
  rho <- coef(f$modelStruct$corStruct, unconstrained = FALSE)[[1]]
  record(paste0("panel_exchangeable_", low), "panel",
         "mixed y x time grp || id:, noconstant residuals(exchangeable)", m, f, pnames, list(),
         list("var(e)" = f$sigma^2, "cov(e)" = rho * f$sigma^2))
  # (times 1-4 only: 10 parameters keep the test fast)
  p4 <- subset(panel, time <= 4)
  f <- best(function(o) gls(y ~ x + time + grp, correlation = corSymm(form = ~ time | idf),
           weights = varIdent(form = ~ 1 | time), data = p4, method = m, control = gctrl_of(o)))
  C <- corMatrix(f$modelStruct$corStruct)[[which.max(table(p4$idf))]]
  r <- ratios(f); lv <- sort(unique(p4$time)); sdv <- f$sigma * r[as.character(lv)]
  res <- list()
  for (i in seq_along(lv)) res[[paste0("var(e", i, ")")]] <- unname(sdv[i]^2)
  for (i in 1:(length(lv) - 1)) for (j in (i + 1):length(lv))
    res[[paste0("cov(e", i, ",e", j, ")")]] <- unname(C[i, j] * sdv[i] * sdv[j])
  record(paste0("panel_unstructured_", low), "panel",
         "mixed y x time grp if time <= 4 || id:, noconstant residuals(unstructured, t(time))", m, f, pnames,
         list(), res)
  f <- best(function(o) gls(y ~ x + time + grp, weights = varIdent(form = ~ 1 | time), data = panel, method = m,
           control = gctrl_of(o)))
  r <- ratios(f); res <- list(); lv <- sort(unique(panel$time))
  for (i in seq_along(lv)) res[[paste0("var(e", i, ")")]] <- unname((f$sigma * r[[as.character(lv[i])]])^2)
  record(paste0("panel_banded0_", low), "panel",
         "mixed y x time grp || id:, noconstant residuals(banded 0, t(time))", m, f, pnames, list(), res)
  # toeplitz 2 = MA(2) when the fitted correlations are those of an invertible MA(2)
  f <- best(function(o) gls(y ~ x + time + grp, correlation = corARMA(form = ~ time | idf, q = 2), data = panel,
           method = m, control = gctrl_of(o)))
  C <- corMatrix(f$modelStruct$corStruct)[[which.max(table(panel$idf))]]
  record(paste0("panel_toeplitz2_", low), "panel",
         "mixed y x time grp || id:, noconstant residuals(toeplitz 2, t(time))", m, f, pnames, list(),
         list("rho1" = C[1, 2], "rho2" = C[1, 3], "var(e)" = f$sigma^2))
  # three levels, AR(1) within pupils
  f <- best(function(o) lme(y ~ time, random = ~ 1 | sf / pf, correlation = corAR1(form = ~ time | sf / pf),
           data = three, method = m, control = lctrl(o)))
  cf <- coef(f$modelStruct$corStruct, unconstrained = FALSE)
  vc <- as.numeric(VarCorr(f)[c(2, 4), 1])
  cases[[length(cases) + 1]] <- list(name = paste0("threelevel_ar1_", low), data = "threelevel",
    stata = "mixed y time || school: || pupil:, residuals(ar 1, t(time))", method = m,
    loglik = as.numeric(logLik(f)), fixed = fixed_of(f, list("(Intercept)" = "_cons", time = "time")),
    random = list("school: var(_cons)" = vc[1], "pupil: var(_cons)" = vc[2]),
    residual = list("phi1" = cf[[1]], "var(e)" = f$sigma^2),
    blups = list(school = list(group = rownames(ranef(f)$sf)[1:6], value = unname(ranef(f)$sf[1:6, 1])),
                 pupil = list(group = sub(".*/", "", rownames(ranef(f)$pf)[1:8]),
                              value = unname(ranef(f)$pf[1:8, 1]))),
    fitted = unname(fitted(f)[1:20]))
}

# shared data: Stata's pig example (ar 1) and Rodriguez's oxboys (exponential, Stata output
# published at grodri.github.io/multilevel/oxboys: log likelihood -305.76024)
pigf <- file.path(shared, "stata", "pig.dta")
if (file.exists(pigf)) {
  pig <- as.data.frame(read_dta(pigf)); pig$idf <- factor(pig$id)
  for (m in c("ML", "REML")) {
    f <- best(function(o) lme(weight ~ week, random = ~ 1 | idf, correlation = corAR1(form = ~ week | idf),
             data = pig, method = m, control = lctrl(o)))
    re <- list(idf = list("1,1" = "var(_cons)"))
    # var(_cons) goes to its boundary 0 here, where lme stops at ~1e-6 (loglik ~2e-7 short):
    # the same model without the random intercept (gls) is then the exact optimum
    g <- best(function(o) gls(weight ~ week, correlation = corAR1(form = ~ week | idf), data = pig,
             method = m, control = gctrl_of(o)))
    if (as.numeric(logLik(g)) > as.numeric(logLik(f))) { f <- g; re <- list() }
    cf <- coef(f$modelStruct$corStruct, unconstrained = FALSE)
    record(paste0("pig_ar1_", tolower(m)), "pig", "mixed weight week || id:, residuals(ar 1, t(week))",
           m, f, list("(Intercept)" = "_cons", week = "week"), re,
           list("phi1" = cf[[1]], "var(e)" = f$sigma^2))
    if (!length(re)) cases[[length(cases)]]$random <- list("var(_cons)" = 0)
  }
}
oxf <- file.path(shared, "grodri", "oxboys.dta")
if (file.exists(oxf)) {
  ox <- as.data.frame(read_dta(oxf)); ox$idf <- factor(ox$id); ox$sc <- cos(pi * ox$seas / 6)
  f <- best(function(o) lme(height ~ age + age2 + age3 + age4 + sc, random = ~ age + age2 | idf,
           correlation = corExp(form = ~ age | idf), data = ox, method = "ML", control = lctrl(o)))
  rg <- coef(f$modelStruct$corStruct, unconstrained = FALSE)[["range"]]
  record("oxboys_exponential_ml", "oxboys",
         "mixed height age age2 age3 age4 sc || id: age age2, mle covariance(unstructured) residuals(exponential, t(age))",
         "ML", f, list("(Intercept)" = "_cons", age = "age", age2 = "age2", age3 = "age3", age4 = "age4", sc = "sc"),
         list(idf = list("2,2" = "var(age)", "3,3" = "var(age2)", "1,1" = "var(_cons)",
                         "2,3" = "cov(age,age2)", "1,2" = "cov(age,_cons)", "1,3" = "cov(age2,_cons)")),
         list("rho" = exp(-1 / rg), "var(e)" = f$sigma^2))
}

checks <- sapply(c("growth", "panel", "threelevel"), function(n)
  unname(tools::md5sum(file.path(gen, paste0(n, ".csv")))))
cat(toJSON(list(source = paste("R", getRversion(), "nlme", packageVersion("nlme")),
                datasets = as.list(checks), cases = cases), auto_unbox = TRUE, digits = NA, pretty = TRUE))
