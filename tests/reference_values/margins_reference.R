# Reference values for mlm's margins, contrast and pwcompare (tests/test_margins_reference.py).
#
# Run from the repository root:  Rscript tests/reference_values/margins_reference.R
# writes tests/reference_values/margins_reference.json.  R is never a test dependency:
# the JSON is committed.
#
# Data: samples/data/hsb.dta (High School and Beyond, 7,185 students in 160 schools).
# Models (Stata command -> R fit on the same data):
#   ols:    regress mathach c.ses##i.sector i.minority female      lm()
#   mixed:  mixed mathach c.ses##i.sector i.minority || school: ses, cov(unstructured)   (ML)
#           lmer(..., REML = FALSE), optimiser tolerances tightened
#   logit:  hi = mathach > 13; glm(binomial) -- mlm fits it itself (b, V agree to 1e-8)
#   ologit: mgroup = 1 + (mathach > 9) + (mathach > 16); MASS::polr(logistic) -- polr's V is
#           a numerical Hessian, so the test feeds R's b and V to a test-double fit
#
# Every margin is computed here independently of mlm:
#   predictive margins / at() / over(): the mean of the prediction over the estimation
#     sample with covariates set counterfactually (model.matrix on modified data);
#     cross-checked against emmeans(counterfactuals =) where emmeans has it;
#   average marginal effects: means of observation-level derivatives (for these models
#     X is linear in ses, so dX/dses is an exact difference), discrete changes for factors;
#   elasticities: means of observation-level dy/dx * x / y etc.;
#   Jacobians: exact (colMeans of X) for linear predictions, otherwise Richardson-
#     extrapolated central differences in b; SEs sqrt(diag(J V J'));
#   contrasts / pairwise comparisons: emmeans contrast(), pairs() with adjust =
#     "none" | "bonferroni" | "sidak" | "scheffe", and L J V J' L' by hand.
#
# Added cases (issue 13 audit, docs/margins.md):
#   probit, poisson (cnt = floor(max(mathach, 0)/5)): glm() (probit's V from the observed
#     information, as Stata's); mlm fits them itself and its b and V agree with R's to 1e-8,
#     so margins, effects and elasticities must agree to 1e-7;
#   over() and within() after regress and mixed; expression() after logit and probit (and
#     dy/dx of an expression); margins' own mcompare() (emmeans' adjusted tests of the means);
#   the contrast and pwcompare commands (marginal linear predictions, "asbalanced") on
#     sesq = 1 + (ses > -.5) + (ses > 0) + (ses > .5) with i.sesq##i.sector: emmeans'
#     equal-weight means and their V, Stata's operator matrices (r. a. ar. g. p.(R's
#     contr.poly) and @) applied by hand and cross-checked with emmeans contrast(), Wald F /
#     chi2 by hand, mcompare() adjustments (bonferroni, sidak, scheffe; tukey for pwcompare)
#     from emmeans;
#   vce(unconditional) after regress (also vce(cluster school)) and logit: the linearized
#     variance of each margin computed here from the rows' influence on b (formula below);
#     mlm fits regress and logit with vce(robust) for these cases (margins refuses
#     vce(unconditional) after OLS/OIM fits, as Stata's _marg_work does); the influence
#     (-H)^-1 s_j is the same whatever the fit's VCE, so the models keep their names here;
#   me models (melogit, mepoisson: glmer; meologit: ordinal::clmm): margins of the
#     fixed-portion prediction (random effects at zero) from R's b and V -- the test puts R's
#     b and V into mlm's e() (the quadrature fits agree only to about 1e-5) and checks mlm's
#     margins hook and engine to 1e-7.
# R's marginaleffects package is not installable here (no CRAN access), so no case is
# computed with it: every number comes from emmeans or the explicit computations below.
suppressMessages({
  library(haven); library(lme4); library(emmeans); library(MASS); library(jsonlite); library(ordinal)
})
emm_options(rg.limit = 1e6, lmer.df = "asymptotic")

raw <- read_dta("samples/data/hsb.dta")
d <- data.frame(school = as.numeric(raw$school), minority = as.numeric(raw$minority),
                female = as.numeric(raw$female), ses = as.numeric(raw$ses),
                mathach = as.numeric(raw$mathach), sector = as.numeric(raw$sector))
d$sec1 <- d$sector
d$min1 <- d$minority
d$hi <- as.numeric(d$mathach > 13)
d$mgroup <- 1 + (d$mathach > 9) + (d$mathach > 16)
d$cnt <- floor(pmax(d$mathach, 0) / 5)
d$sesq <- 1 + (d$ses > -0.5) + (d$ses > 0) + (d$ses > 0.5)
n <- nrow(d)

# ---------------------------------------------------------------- helpers
rgrad <- function(f, b) {
  # Richardson-extrapolated central differences of a vector function f at b: (length(f) x k)
  k <- length(b)
  cols <- lapply(seq_len(k), function(j) {
    h <- 1e-3 * max(abs(b[j]), 0.1)
    D <- function(h) { e <- rep(0, k); e[j] <- h; (f(b + e) - f(b - e)) / (2 * h) }
    (4 * D(h / 2) - D(h)) / 3
  })
  do.call(cbind, cols)
}
se_of <- function(J, V) sqrt(pmax(diag(J %*% V %*% t(J)), 0))
result <- function(case, model, command, names, b, J, V, extra = list()) {
  c(list(case = case, model = model, command = command, names = names, b = as.vector(b),
         se = se_of(J, V)), extra)
}
set_data <- function(data, ...) { a <- list(...); for (nm in names(a)) data[[nm]] <- a[[nm]]; data }

# ---------------------------------------------------------------- linear models
ols <- lm(mathach ~ ses * sec1 + min1 + female, d)
ols_names <- c("ses", "1.sector", "1.sector#c.ses", "1.minority", "female", "_cons")
ols_map <- c("ses", "sec1", "ses:sec1", "min1", "female", "(Intercept)")

ctl <- lmerControl(optimizer = "nloptwrap", calc.derivs = FALSE,
                   optCtrl = list(xtol_rel = 1e-14, ftol_rel = 1e-15, ftol_abs = 1e-15, maxeval = 1e5))
mix <- lmer(mathach ~ ses * sec1 + min1 + (ses | school), d, REML = FALSE, control = ctl)
mix_names <- c("ses", "1.sector", "1.sector#c.ses", "1.minority", "_cons")
mix_map <- c("ses", "sec1", "ses:sec1", "min1", "(Intercept)")

linear_model <- function(fit, map, mixed) {
  tt <- if (mixed) delete.response(terms(fit, fixed.only = TRUE)) else delete.response(terms(fit))
  b <- if (mixed) fixef(fit) else coef(fit)
  V <- as.matrix(vcov(fit))
  list(fit = fit, tt = tt, b = b[map], V = V[map, map], map = map,
       X = function(nd) model.matrix(tt, nd)[, map, drop = FALSE])
}
LM <- list(ols = linear_model(ols, ols_map, FALSE), mixed = linear_model(mix, mix_map, TRUE))

margins_linear <- function(m, datas) {
  J <- t(sapply(datas, function(nd) colMeans(m$X(nd))))
  list(b = as.vector(J %*% m$b), J = J)
}
dydx_linear <- function(m, datas, var, h = 1) {
  J <- t(sapply(datas, function(nd) {
    up <- nd; dn <- nd; up[[var]] <- up[[var]] + h; dn[[var]] <- dn[[var]] - h
    colMeans((m$X(up) - m$X(dn)) / (2 * h))
  }))
  list(b = as.vector(J %*% m$b), J = J)
}
elasticity_linear <- function(m, nd, var, kind) {
  f <- function(b) {
    up <- nd; dn <- nd; up[[var]] <- up[[var]] + 1; dn[[var]] <- dn[[var]] - 1
    dy <- as.vector(((m$X(up) - m$X(dn)) / 2) %*% b)
    y <- as.vector(m$X(nd) %*% b)
    x <- nd[[var]]
    mean(switch(kind, eyex = dy * x / y, dyex = dy * x, eydx = dy / y))
  }
  list(b = f(m$b), J = matrix(rgrad(f, m$b), nrow = 1))
}
# Stata's unweighted percentile = R's quantile type 2
pct <- function(x, p) as.numeric(quantile(x, p / 100, type = 2))

cases <- list()
add <- function(x) cases[[length(cases) + 1]] <<- x

for (mname in names(LM)) {
  m <- LM[[mname]]
  V <- m$V
  cmd_model <- mname
  # margins sector
  r <- margins_linear(m, list(set_data(d, sec1 = 0), set_data(d, sec1 = 1)))
  add(result("sector", mname, "margins sector", c("0bn.sector", "1.sector"), r$b, r$J, V))
  # emmeans cross-check (counterfactual predictive margins)
  fac <- if (mname == "ols") lm(mathach ~ ses * factor(sector) + factor(minority) + female, d) else
    lmer(mathach ~ ses * factor(sector) + factor(minority) + (ses | school), d, REML = FALSE, control = ctl)
  em <- summary(emmeans(fac, ~ sector, counterfactuals = "sector"))
  stopifnot(max(abs(em$emmean - r$b)) < 1e-6 * max(abs(r$b)))
  # margins sector minority
  r2 <- margins_linear(m, list(set_data(d, min1 = 0), set_data(d, min1 = 1)))
  add(result("sector_minority", mname, "margins sector minority",
             c("0bn.sector", "1.sector", "0bn.minority", "1.minority"), c(r$b, r2$b), rbind(r$J, r2$J), V))
  # margins sector#minority
  ds <- list(); nm <- c()
  for (s in 0:1) for (mi in 0:1) {
    ds[[length(ds) + 1]] <- set_data(d, sec1 = s, min1 = mi)
    nm <- c(nm, sprintf("%s.sector#%s.minority", ifelse(s == 0, "0bn", "1"), ifelse(mi == 0, "0bn", "1")))
  }
  r <- margins_linear(m, ds)
  add(result("sector_x_minority", mname, "margins sector#minority", nm, r$b, r$J, V))
  # margins, at(ses=(-1 0 1))
  r <- margins_linear(m, lapply(c(-1, 0, 1), function(v) set_data(d, ses = v)))
  add(result("at_ses", mname, "margins, at(ses=(-1 0 1))", c("1bn._at", "2._at", "3._at"), r$b, r$J, V))
  # margins sector, at(ses=(-1(1)1))
  ds <- list(); nm <- c()
  for (k in 1:3) for (s in 0:1) {
    ds[[length(ds) + 1]] <- set_data(d, ses = k - 2, sec1 = s)
    nm <- c(nm, sprintf("%s._at#%s.sector", ifelse(k == 1, "1bn", k), ifelse(s == 0, "0bn", "1")))
  }
  r <- margins_linear(m, ds)
  add(result("sector_at_ses", mname, "margins sector, at(ses=(-1(1)1))", nm, r$b, r$J, V))
  # margins, dydx(*)
  rs <- dydx_linear(m, list(d), "ses")
  rsec <- margins_linear(m, list(set_data(d, sec1 = 1)))
  rsec0 <- margins_linear(m, list(set_data(d, sec1 = 0)))
  rmin <- margins_linear(m, list(set_data(d, min1 = 1)))
  rmin0 <- margins_linear(m, list(set_data(d, min1 = 0)))
  bb <- c(rs$b, 0, rsec$b - rsec0$b, 0, rmin$b - rmin0$b)
  JJ <- rbind(rs$J, 0 * rs$J, rsec$J - rsec0$J, 0 * rs$J, rmin$J - rmin0$J)
  nm <- c("ses", "0b.sector", "1.sector", "0b.minority", "1.minority")
  if (mname == "ols") {
    rf <- dydx_linear(m, list(d), "female")
    bb <- c(bb, rf$b); JJ <- rbind(JJ, rf$J); nm <- c(nm, "female")
  }
  add(result("dydx_all", mname, "margins, dydx(*)", nm, bb, JJ, V))
  # margins sector, dydx(ses)
  r <- dydx_linear(m, list(set_data(d, sec1 = 0), set_data(d, sec1 = 1)), "ses")
  add(result("dydx_ses_by_sector", mname, "margins sector, dydx(ses)", c("ses:0bn.sector", "ses:1.sector"),
             r$b, r$J, V))
  # margins, dydx(ses) at(ses=(-1 1)) over(female): over restricts the rows
  ds <- list(); nm <- c()
  for (k in 1:2) for (f in 0:1) {
    ds[[length(ds) + 1]] <- set_data(d[d$female == f, ], ses = c(-1, 1)[k])
    nm <- c(nm, sprintf("ses:%s._at#%s.female", ifelse(k == 1, "1bn", "2"), ifelse(f == 0, "0bn", "1")))
  }
  r <- dydx_linear(m, ds, "ses")
  add(result("dydx_at_over", mname, "margins, dydx(ses) at(ses=(-1 1)) over(female)", nm, r$b, r$J, V))
  # margins sector, over(female)
  ds <- list(); nm <- c()
  for (f in 0:1) for (s in 0:1) {
    ds[[length(ds) + 1]] <- set_data(d[d$female == f, ], sec1 = s)
    nm <- c(nm, sprintf("%s.female#%s.sector", ifelse(f == 0, "0bn", "1"), ifelse(s == 0, "0bn", "1")))
  }
  r <- margins_linear(m, ds)
  add(result("sector_over_female", mname, "margins sector, over(female)", nm, r$b, r$J, V))
  # margins, atmeans: factor indicators at their proportions, interactions products of means
  atm <- data.frame(ses = mean(d$ses), sec1 = mean(d$sec1), min1 = mean(d$min1), female = mean(d$female))
  r <- margins_linear(m, list(atm))
  add(result("atmeans", mname, "margins, atmeans", c("_cons"), r$b, r$J, V))
  # margins sector, atmeans
  r <- margins_linear(m, list(set_data(atm, sec1 = 0), set_data(atm, sec1 = 1)))
  add(result("sector_atmeans", mname, "margins sector, atmeans", c("0bn.sector", "1.sector"), r$b, r$J, V))
  # margins, at((p25) ses (median) female) and at((min) ses) at((max) ses)
  if (mname == "ols") {
    r <- margins_linear(m, list(set_data(d, ses = pct(d$ses, 25), female = pct(d$female, 50))))
    add(result("at_p25_median", mname, "margins, at((p25) ses (median) female)", c("_cons"), r$b, r$J, V))
  } else {
    r <- margins_linear(m, list(set_data(d, ses = pct(d$ses, 25))))
    add(result("at_p25", mname, "margins, at((p25) ses)", c("_cons"), r$b, r$J, V))
  }
  r <- margins_linear(m, list(set_data(d, ses = min(d$ses)), set_data(d, ses = max(d$ses))))
  add(result("at_min_max", mname, "margins, at((min) ses) at((max) ses)", c("1bn._at", "2._at"), r$b, r$J, V))
  # margins sector, asbalanced: minority at 1/2 each (emmeans' equal weights)
  r <- margins_linear(m, list(set_data(d, sec1 = 0, min1 = 0.5), set_data(d, sec1 = 1, min1 = 0.5)))
  add(result("sector_asbalanced", mname, "margins sector, asbalanced", c("0bn.sector", "1.sector"),
             r$b, r$J, V))
  emb <- summary(emmeans(fac, ~ sector, cov.keep = character(0)))
  stopifnot(max(abs(emb$emmean - r$b)) < 1e-6 * max(abs(r$b)))
  # elasticities of ses (eyex, dyex, eydx)
  for (kind in c("eyex", "dyex", "eydx")) {
    r <- elasticity_linear(m, d, "ses", kind)
    add(result(kind, mname, sprintf("margins, %s(ses)", kind), c("ses"), r$b, r$J, V))
  }
  # contrasts: margins r.sector, margins ar.minority#r.sector (emmeans trt.vs.ctrl on the
  # counterfactual margins), Wald chi2/F
  r <- margins_linear(m, list(set_data(d, sec1 = 0), set_data(d, sec1 = 1)))
  L <- matrix(c(-1, 1), 1)
  cb <- as.vector(L %*% r$b); cJ <- L %*% r$J
  Vm <- cJ %*% V %*% t(cJ)
  dfr <- if (mname == "ols") df.residual(ols) else NA
  wald <- as.numeric(cb^2 / Vm)
  add(result("r_sector", mname, "margins r.sector", c("r1vs0.sector"), cb, cJ, V,
             list(wald = wald, wald_df = 1, df_r = dfr)))
  emc <- summary(contrast(emmeans(fac, ~ sector, counterfactuals = "sector"), "trt.vs.ctrl"))
  stopifnot(abs(emc$estimate - cb) < 1e-6 * abs(cb))
  # pairwise comparisons of sector#minority margins, several adjustments
  ds <- list()
  for (s in 0:1) for (mi in 0:1) ds[[length(ds) + 1]] <- set_data(d, sec1 = s, min1 = mi)
  r <- margins_linear(m, ds)
  em4 <- emmeans(fac, ~ sector * minority, counterfactuals = c("sector", "minority"))
  Lp <- matrix(0, 6, 4); k <- 0; labs <- c()
  cell <- list(c(0, 0), c(0, 1), c(1, 0), c(1, 1))  # Stata's order: minority fastest
  for (i in 1:4) for (j in 1:4) if (j > i) {
    k <- k + 1; Lp[k, j] <- 1; Lp[k, i] <- -1
    labs <- c(labs, sprintf("sector%d minority%d - sector%d minority%d", cell[[j]][1], cell[[j]][2],
                            cell[[i]][1], cell[[i]][2]))
  }
  pb <- as.vector(Lp %*% r$b); pJ <- Lp %*% r$J
  pse <- se_of(pJ, V)
  extra <- list()
  for (adj in c("none", "bonferroni", "sidak", "scheffe")) {
    pr <- summary(pairs(em4, reverse = TRUE, adjust = adj), infer = c(TRUE, TRUE),
                  df = if (mname == "ols") df.residual(ols) else Inf)
    # emmeans orders the cells sector-fastest: a pair may come as (b - a) instead of (a - b)
    flip <- function(l) sub("^(.*) - (.*)$", "\\2 - \\1", l)
    ord <- match(labs, as.character(pr$contrast))
    sgn <- ifelse(is.na(ord), -1, 1)
    ord[is.na(ord)] <- match(flip(labs[is.na(ord)]), as.character(pr$contrast))
    stopifnot(!anyNA(ord))
    stopifnot(max(abs(sgn * pr$estimate[ord] - pb)) < 1e-6 * max(abs(pb)))
    lcl <- if (!is.null(pr$lower.CL)) pr$lower.CL else pr$asymp.LCL
    ucl <- if (!is.null(pr$upper.CL)) pr$upper.CL else pr$asymp.UCL
    lo <- ifelse(sgn > 0, lcl[ord], -ucl[ord])
    hi <- ifelse(sgn > 0, ucl[ord], -lcl[ord])
    extra[[paste0("p_", adj)]] <- pr$p.value[ord]
    extra[[paste0("lo_", adj)]] <- lo
    extra[[paste0("hi_", adj)]] <- hi
  }
  add(result("pw_sector_minority", mname, "margins sector#minority, pwcompare(effects)",
             paste0("c", 1:6), pb, pJ, V, extra))
}

# ---------------------------------------------------------------- logit (test double)
lg <- glm(hi ~ ses * sec1 + min1, family = binomial, data = d, control = glm.control(epsilon = 1e-14, maxit = 100))
lg_map <- c("ses", "sec1", "ses:sec1", "min1", "(Intercept)")
lg_names <- c("ses", "1.sector", "1.sector#c.ses", "1.minority", "_cons")
lb <- coef(lg)[lg_map]; lV <- vcov(lg)[lg_map, lg_map]
ltt <- delete.response(terms(lg))
LX <- function(nd) model.matrix(ltt, nd)[, lg_map, drop = FALSE]
pr_mean <- function(datas) function(b) sapply(datas, function(nd) mean(plogis(LX(nd) %*% b)))
lcase <- function(case, command, names, f) {
  add(result(case, "logit", command, names, f(lb), rgrad(f, lb), lV))
}
lcase("sector", "margins sector", c("0bn.sector", "1.sector"),
      pr_mean(list(set_data(d, sec1 = 0), set_data(d, sec1 = 1))))
lcase("at_ses", "margins sector, at(ses=(-1 0 1))",
      c("1bn._at#0bn.sector", "1bn._at#1.sector", "2._at#0bn.sector", "2._at#1.sector", "3._at#0bn.sector",
        "3._at#1.sector"),
      pr_mean(list(set_data(d, ses = -1, sec1 = 0), set_data(d, ses = -1, sec1 = 1), set_data(d, ses = 0, sec1 = 0),
                   set_data(d, ses = 0, sec1 = 1), set_data(d, ses = 1, sec1 = 0), set_data(d, ses = 1, sec1 = 1))))
ame <- function(nd, kind = "dydx") function(b) {
  up <- nd; up$ses <- up$ses + 1
  deta <- as.vector((LX(up) - LX(nd)) %*% b)  # X is linear in ses: exact
  p <- as.vector(plogis(LX(nd) %*% b))
  dp <- p * (1 - p) * deta
  x <- nd$ses
  mean(switch(kind, dydx = dp, eyex = dp * x / p, dyex = dp * x, eydx = dp / p))
}
disc <- function(var) function(b) {
  one <- d; zero <- d; one[[var]] <- 1; zero[[var]] <- 0
  mean(plogis(LX(one) %*% b)) - mean(plogis(LX(zero) %*% b))
}
lcase("dydx_all", "margins, dydx(*)", c("ses", "1.sector", "1.minority"),
      function(b) c(ame(d)(b), disc("sec1")(b), disc("min1")(b)))
lcase("dydx_ses_by_sector", "margins sector, dydx(ses)", c("ses:0bn.sector", "ses:1.sector"),
      function(b) c(ame(set_data(d, sec1 = 0))(b), ame(set_data(d, sec1 = 1))(b)))
for (kind in c("eyex", "dyex", "eydx")) lcase(kind, sprintf("margins, %s(ses)", kind), c("ses"), ame(d, kind))
atm <- data.frame(ses = mean(d$ses), sec1 = mean(d$sec1), min1 = mean(d$min1))
lcase("atmeans_dydx", "margins, dydx(ses) atmeans", c("ses"), ame(atm))
lcase("r_sector", "margins r.sector", c("r1vs0.sector"), disc("sec1"))

# ---------------------------------------------------------------- ordered logit (test double)
ol <- polr(factor(mgroup) ~ ses * sec1 + min1, data = d, Hess = TRUE, method = "logistic",
           control = list(reltol = 1e-15, maxit = 1000))
ol_bmap <- c("ses", "sec1", "ses:sec1", "min1")
ob <- c(coef(ol)[ol_bmap], ol$zeta)
oV <- vcov(ol)[c(ol_bmap, names(ol$zeta)), c(ol_bmap, names(ol$zeta))]
ol_names <- c("ses", "1.sector", "1.sector#c.ses", "1.minority", "cut1:_cons", "cut2:_cons")
OX <- function(nd) model.matrix(delete.response(terms(lg)), nd)[, ol_bmap, drop = FALSE]
opr <- function(nd, k) function(th) {
  eta <- as.vector(OX(nd) %*% th[1:4]); cuts <- c(-Inf, th[5:6], Inf)
  mean(plogis(cuts[k + 1] - eta) - plogis(cuts[k] - eta))
}
ocase <- function(case, command, names, f) add(result(case, "ologit", command, names, f(ob), rgrad(f, ob), oV))
for (k in 1:3) {
  ocase(sprintf("sector_pr%d", k), sprintf("margins sector, predict(outcome(%d))", k), c("0bn.sector", "1.sector"),
        function(th) c(opr(set_data(d, sec1 = 0), k)(th), opr(set_data(d, sec1 = 1), k)(th)))
}
ocase("dydx_ses_pr3", "margins, dydx(ses) predict(outcome(3))", c("ses"), function(th) {
  h <- 1e-3
  D <- function(h) { up <- d; dn <- d; up$ses <- up$ses + h; dn$ses <- dn$ses - h
                     (opr(up, 3)(th) - opr(dn, 3)(th)) / (2 * h) }
  (4 * D(h / 2) - D(h)) / 3
})

# ---------------------------------------------------------------- added cases (issue 13 audit)
setv <- function(nd, var, v) { nd[[var]] <- v; nd }
# Margins of p = inv(x b) (any inverse link) on counterfactual data; Jacobians by rgrad.
nonlinear_cases <- function(model, b, V, X, inv, dinv, what) {
  sv <- what$sector  # the name of sector in the R model's data
  mean_at <- function(datas) function(b) sapply(datas, function(nd) mean(inv(as.vector(X(nd) %*% b))))
  gcase <- function(case, command, nms, f) add(result(case, model, command, nms, f(b), rgrad(f, b), V))
  eff <- function(nd, kind = "dydx") function(b) {
    up <- setv(nd, "ses", nd$ses + 1)
    deta <- as.vector((X(up) - X(nd)) %*% b)  # X is linear in ses: exact
    eta <- as.vector(X(nd) %*% b)
    p <- inv(eta); dp <- dinv(eta) * deta; x <- nd$ses
    mean(switch(kind, dydx = dp, eyex = dp * x / p, dyex = dp * x, eydx = dp / p))
  }
  disc <- function(var) function(b) diff(mean_at(list(setv(d, var, 0), setv(d, var, 1)))(b))
  gcase("sector", "margins sector", c("0bn.sector", "1.sector"), mean_at(list(setv(d, sv, 0), setv(d, sv, 1))))
  facs <- what$factors
  nm <- c("ses", c(sec1 = "1.sector", sector = "1.sector", min1 = "1.minority")[facs])
  gcase("dydx_all", "margins, dydx(*)", unname(nm),
        function(b) c(eff(d)(b), sapply(facs, function(v) disc(v)(b))))
  gcase("at_ses", "margins, at(ses=(-1 0 1))", c("1bn._at", "2._at", "3._at"),
        mean_at(lapply(c(-1, 0, 1), function(v) setv(d, "ses", v))))
  ds <- list(); nm <- c()
  for (f in 0:1) for (s in 0:1) {
    ds[[length(ds) + 1]] <- setv(d[d$female == f, ], sv, s)
    nm <- c(nm, sprintf("%s.female#%s.sector", ifelse(f == 0, "0bn", "1"), ifelse(s == 0, "0bn", "1")))
  }
  gcase("sector_over_female", "margins sector, over(female)", nm, mean_at(ds))
  if (what$full) {
    for (kind in c("eyex", "dyex", "eydx")) gcase(kind, sprintf("margins, %s(ses)", kind), c("ses"), eff(d, kind))
    ds <- list(); nm <- c()
    for (k in 1:2) for (f in 0:1) {
      ds[[length(ds) + 1]] <- setv(d[d$female == f, ], "ses", c(-1, 1)[k])
      nm <- c(nm, sprintf("ses:%s._at#%s.female", ifelse(k == 1, "1bn", "2"), ifelse(f == 0, "0bn", "1")))
    }
    gcase("dydx_at_over", "margins, dydx(ses) at(ses=(-1 1)) over(female)", nm,
          function(b) sapply(ds, function(nd) eff(nd)(b)))
    atm <- data.frame(ses = mean(d$ses), sec1 = mean(d$sec1), min1 = mean(d$min1))
    gcase("atmeans_dydx", "margins, dydx(ses) atmeans", c("ses"), eff(atm))
  }
}
glm_parts <- function(fit, map) {
  tt <- delete.response(terms(fit))
  list(b = coef(fit)[map], V = vcov(fit)[map, map],
       X = function(nd) model.matrix(tt, nd)[, map, drop = FALSE])
}
gctl <- glm.control(epsilon = 1e-14, maxit = 100)
pb <- glm(hi ~ ses * sec1 + min1, family = binomial(link = "probit"), data = d, control = gctl)
pp <- glm(cnt ~ ses * sec1 + min1, family = poisson, data = d, control = gctl)
P_PB <- glm_parts(pb, lg_map); P_PP <- glm_parts(pp, lg_map)
# probit's link is not canonical: glm's vcov is the inverse expected information, Stata's
# (and mlm's) the inverse observed information -sum lambda_i (lambda_i + eta_i) x_i x_i',
# lambda_i = q_i phi(q_i eta_i) / Phi(q_i eta_i), q_i = 2 y_i - 1
local({
  Xa <- P_PB$X(d); eta <- as.vector(Xa %*% P_PB$b); q <- 2 * d$hi - 1
  lam <- q * dnorm(q * eta) / pnorm(q * eta)
  P_PB$V <<- solve(crossprod(Xa * sqrt(lam * (lam + eta))))
})
nonlinear_cases("probit", P_PB$b, P_PB$V, P_PB$X, pnorm, dnorm, list(factors = c("sec1", "min1"), full = TRUE, sector = "sec1"))
nonlinear_cases("poisson", P_PP$b, P_PP$V, P_PP$X, exp, exp, list(factors = c("sec1", "min1"), full = TRUE, sector = "sec1"))
add(result("xb_sector", "poisson", "margins sector, predict(xb)", c("0bn.sector", "1.sector"),
           c(mean(P_PP$X(setv(d, "sec1", 0)) %*% P_PP$b), mean(P_PP$X(setv(d, "sec1", 1)) %*% P_PP$b)),
           rbind(colMeans(P_PP$X(setv(d, "sec1", 0))), colMeans(P_PP$X(setv(d, "sec1", 1)))), P_PP$V))
# expression(): functions of the predictions
ex <- function(model, command, parts, g) {
  f <- function(b) sapply(0:1, function(s) mean(g(as.vector(parts$X(setv(d, "sec1", s)) %*% b))))
  add(result("expression", model, command, c("0bn.sector", "1.sector"), f(parts$b), rgrad(f, parts$b), parts$V))
}
ex("logit", "margins sector, expression(exp(predict(xb)))", list(b = lb, V = lV, X = LX), exp)
ex("probit", "margins sector, expression(predict(pr)/(1 - predict(pr)))", P_PB, function(e) pnorm(e) / (1 - pnorm(e)))
# dy/dx of an expression (mlm: central differences in the covariate)
local({
  dXs <- LX(set_data(d, ses = d$ses + 1)) - LX(d)  # X is linear in ses: exact
  f <- function(b) mean(exp(as.vector(LX(d) %*% b)) * as.vector(dXs %*% b))
  add(result("expression_dydx", "logit", "margins, dydx(ses) expression(exp(predict(xb)))", c("ses"), f(lb),
             matrix(rgrad(f, lb), nrow = 1), lV))
})

# over() and within() after regress and mixed
for (mname in names(LM)) {
  m <- LM[[mname]]
  ds <- list(); nm <- c()
  for (mi in 0:1) for (s in 0:1) {
    ds[[length(ds) + 1]] <- set_data(d, min1 = mi, sec1 = s)
    nm <- c(nm, sprintf("%s.minority#%s.sector", ifelse(mi == 0, "0bn", "1"), ifelse(s == 0, "0bn", "1")))
  }
  r <- margins_linear(m, ds)
  add(result("sector_within_minority", mname, "margins sector, within(minority)", nm, r$b, r$J, m$V))
  r <- dydx_linear(m, list(d[d$sec1 == 0, ], d[d$sec1 == 1, ]), "ses")
  add(result("dydx_over_sector", mname, "margins, dydx(ses) over(sector)", c("ses:0bn.sector", "ses:1.sector"),
             r$b, r$J, m$V))
  ds <- list(); nm <- c()
  for (mi in 0:1) for (k in 1:2) {
    ds[[length(ds) + 1]] <- set_data(d[d$min1 == mi, ], ses = c(0, 1)[k])
    nm <- c(nm, sprintf("%s._at#%s.minority", ifelse(k == 1, "1bn", "2"), ifelse(mi == 0, "0bn", "1")))
  }
  r <- margins_linear(m, ds)
  nm <- nm[c(1, 3, 2, 4)]; r$b <- r$b[c(1, 3, 2, 4)]; r$J <- r$J[c(1, 3, 2, 4), ]
  add(result("at_over_minority", mname, "margins, at(ses=(0 1)) over(minority)", nm, r$b, r$J, m$V))
}

# ---------------------------------------------------------------- contrast and pwcompare commands
# The marginal linear predictions of sesq (asbalanced: sector at 1/2 each, female as observed
# = at its mean for a linear prediction) are emmeans' equal-weight means.
F4 <- list(
  ols4 = lm(mathach ~ factor(sesq) * factor(sector) + female, d),
  mixed4 = lmer(mathach ~ factor(sesq) * factor(sector) + female + (1 | school), d, REML = FALSE, control = ctl))
OPS <- list(
  r = list(L = rbind(c(-1, 1, 0, 0), c(-1, 0, 1, 0), c(-1, 0, 0, 1)), n = c("r2vs1", "r3vs1", "r4vs1")),
  a = list(L = rbind(c(1, -1, 0, 0), c(0, 1, -1, 0), c(0, 0, 1, -1)), n = c("a1vs2", "a2vs3", "a3vs4")),
  ar = list(L = rbind(c(-1, 1, 0, 0), c(0, -1, 1, 0), c(0, 0, -1, 1)), n = c("ar2vs1", "ar3vs2", "ar4vs3")),
  g = list(L = diag(4) - 1 / 4, n = c("g1vsmean", "g2vsmean", "g3vsmean", "g4vsmean")),
  p = list(L = t(contr.poly(4)), n = c("plinear", "pquadratic", "pcubic")))
wald_stat <- function(L, m, Vm, df_r) {
  Lb <- as.vector(L %*% m); LVL <- L %*% Vm %*% t(L)
  e <- eigen((LVL + t(LVL)) / 2, symmetric = TRUE); keep <- e$values > max(e$values) * 1e-12
  q <- sum(keep); proj <- as.vector(t(e$vectors[, keep, drop = FALSE]) %*% Lb)
  chi2 <- sum(proj^2 / e$values[keep]); if (is.na(df_r)) chi2 else chi2 / q
}
for (mname in names(F4)) {
  fit <- F4[[mname]]
  dfr <- if (mname == "ols4") df.residual(fit) else NA
  emm <- emmeans(fit, ~ sesq, cov.keep = character(0))  # female at its mean (not kept as two levels)
  mm <- summary(emm)$emmean; Vm <- as.matrix(vcov(emm))
  # cross-checks of the operator matrices with emmeans' own contrasts
  for (chk in list(c("r", "trt.vs.ctrl1"), c("ar", "consec"), c("g", "eff"))) {
    est <- summary(contrast(emm, chk[2], adjust = "none"))$estimate
    stopifnot(max(abs(est - as.vector(OPS[[chk[1]]]$L %*% mm))) < 1e-9)
  }
  for (op in names(OPS)) {
    L <- OPS[[op]]$L
    tests <- c(sapply(seq_len(nrow(L)), function(i) wald_stat(L[i, , drop = FALSE], mm, Vm, dfr)),
               wald_stat(L, mm, Vm, dfr))
    add(list(case = paste0("cmd_", op), model = mname, command = sprintf("contrast %s.sesq", op),
             names = paste0(OPS[[op]]$n, ".sesq"), b = as.vector(L %*% mm), se = sqrt(diag(L %*% Vm %*% t(L))),
             wald = tests, df_r = dfr))
  }
  # mcompare() on r.sesq: emmeans' adjusted p-values and intervals
  extra <- list()
  for (adj in c("bonferroni", "sidak", "scheffe")) {
    s <- summary(contrast(emm, "trt.vs.ctrl1"), adjust = adj, infer = c(TRUE, TRUE),
                 df = if (is.na(dfr)) Inf else dfr)
    extra[[paste0("p_", adj)]] <- s$p.value
    extra[[paste0("lo_", adj)]] <- if (!is.null(s$lower.CL)) s$lower.CL else s$asymp.LCL
    extra[[paste0("hi_", adj)]] <- if (!is.null(s$upper.CL)) s$upper.CL else s$asymp.UCL
  }
  L <- OPS$r$L
  add(c(list(case = "cmd_r_mcompare", model = mname, command = "contrast r.sesq", names = paste0(OPS$r$n, ".sesq"),
             b = as.vector(L %*% mm), se = sqrt(diag(L %*% Vm %*% t(L))), df_r = dfr), extra))
  # interaction and @: cell means (emmeans order: sesq fastest)
  emm2 <- emmeans(fit, ~ sesq * sector, cov.keep = character(0))
  cm <- summary(emm2)$emmean; cV <- as.matrix(vcov(emm2))
  Rs <- matrix(c(-1, 1), 1)
  Lint <- kronecker(Rs, OPS$r$L)
  add(list(case = "cmd_interaction", model = mname, command = "contrast sesq#sector sesq", names = character(0),
           b = numeric(0), se = numeric(0), wald = c(wald_stat(Lint, cm, cV, dfr), wald_stat(OPS$r$L, mm, Vm, dfr)),
           df_r = dfr))
  La <- OPS$ar$L
  Lat <- rbind(cbind(La, 0 * La), cbind(0 * La, La))  # within sector 0, then sector 1
  nm <- c(paste0(OPS$ar$n, ".sesq@0.sector"), paste0(OPS$ar$n, ".sesq@1.sector"))
  add(list(case = "cmd_at", model = mname, command = "contrast ar.sesq@sector", names = nm,
           b = as.vector(Lat %*% cm), se = sqrt(diag(Lat %*% cV %*% t(Lat))),
           wald = c(wald_stat(Lat[1:3, ], cm, cV, dfr), wald_stat(Lat[4:6, ], cm, cV, dfr), wald_stat(Lat, cm, cV, dfr)),
           df_r = dfr))
  # pwcompare sesq: Stata's order 2vs1 3vs1 4vs1 3vs2 4vs2 4vs3
  Lp <- matrix(0, 6, 4); k <- 0; nm <- c()
  for (i in 1:4) for (j in 1:4) if (j > i) { k <- k + 1; Lp[k, j] <- 1; Lp[k, i] <- -1; nm <- c(nm, sprintf("%dvs%d.sesq", j, i)) }
  pbv <- as.vector(Lp %*% mm)
  extra <- list()
  for (adj in c("none", "bonferroni", "sidak", "scheffe", "tukey")) {
    s <- summary(pairs(emm, reverse = TRUE), adjust = adj, infer = c(TRUE, TRUE), df = if (is.na(dfr)) Inf else dfr)
    ord <- sapply(pbv, function(v) which(abs(s$estimate - v) < 1e-9))
    stopifnot(is.numeric(ord), length(ord) == 6, !anyDuplicated(ord))
    extra[[paste0("p_", adj)]] <- s$p.value[ord]
    extra[[paste0("lo_", adj)]] <- (if (!is.null(s$lower.CL)) s$lower.CL else s$asymp.LCL)[ord]
    extra[[paste0("hi_", adj)]] <- (if (!is.null(s$upper.CL)) s$upper.CL else s$asymp.UCL)[ord]
  }
  add(c(list(case = "pwcmd_sesq", model = mname, command = "pwcompare sesq, effects", names = nm, b = pbv,
             se = sqrt(diag(Lp %*% Vm %*% t(Lp))), margins = mm, margins_se = sqrt(diag(Vm)), df_r = dfr), extra))
}

# ---------------------------------------------------------------- me models (fixed portion: random effects at zero)
me_fit <- function(formula, family) glmer(formula, d, family = family, nAGQ = 7,
                                          control = glmerControl(optimizer = "bobyqa", optCtrl = list(maxfun = 1e5)))
me_map <- c("ses", "sector", "(Intercept)")  # sector is 0/1: its column is i.sector's 1.sector
me_names <- c("ses", "1.sector", "_cons")
me_parts <- function(fit) {
  tt <- delete.response(terms(fit, fixed.only = TRUE))
  list(b = fixef(fit)[me_map], V = as.matrix(vcov(fit))[me_map, me_map],
       X = function(nd) model.matrix(tt, nd)[, me_map, drop = FALSE])
}
ME <- list(melogit = me_parts(me_fit(hi ~ ses + sector + (1 | school), binomial)),
           mepoisson = me_parts(me_fit(cnt ~ ses + sector + (1 | school), poisson)))
nonlinear_cases("melogit", ME$melogit$b, ME$melogit$V, ME$melogit$X, plogis, dlogis,
                list(factors = "sector", full = FALSE, sector = "sector"))
nonlinear_cases("mepoisson", ME$mepoisson$b, ME$mepoisson$V, ME$mepoisson$X, exp, exp,
                list(factors = "sector", full = FALSE, sector = "sector"))
d$mg <- factor(d$mgroup)
mo <- clmm(mg ~ ses + sector + (1 | school), data = d, nAGQ = 7)
mo_b <- c(mo$beta[c("ses", "sector")], mo$alpha)
mo_V <- vcov(mo)[c("ses", "sector", names(mo$alpha)), c("ses", "sector", names(mo$alpha))]
mopr <- function(nd, k) function(th) {
  eta <- th[1] * nd$ses + th[2] * nd$sector; cuts <- c(-Inf, th[3:4], Inf)
  mean(plogis(cuts[k + 1] - eta) - plogis(cuts[k] - eta))
}
mocase <- function(case, command, names, f) add(result(case, "meologit", command, names, f(mo_b), rgrad(f, mo_b), mo_V))
mocase("sector", "margins sector", c("0bn.sector", "1.sector"),
       function(th) c(mopr(setv(d, "sector", 0), 1)(th), mopr(setv(d, "sector", 1), 1)(th)))
mocase("sector_pr3", "margins sector, predict(outcome(3))", c("0bn.sector", "1.sector"),
       function(th) c(mopr(setv(d, "sector", 0), 3)(th), mopr(setv(d, "sector", 1), 3)(th)))
mocase("dydx_ses_pr2", "margins, dydx(ses) predict(outcome(2))", c("ses"), function(th) {
  h <- 1e-3
  D <- function(h) (mopr(setv(d, "ses", d$ses + h), 2)(th) - mopr(setv(d, "ses", d$ses - h), 2)(th)) / (2 * h)
  (4 * D(h / 2) - D(h)) / 3
})

# ---------------------------------------------------------------- vce(unconditional)
# Linearization of each margin m_c = mean_{i in R_c} q_i(b) in every estimation row j:
#   z_cj = (q_cj - m_c) / |R_c| 1[j in R_c] + J_c IF_j,   IF_j = (-H)^-1 s_j (regress:
#   (X'X)^-1 x_j e_j; logit: V x_j (y_j - p_j)),   V = n/(n-1) sum_j z_j z_j'
#   (clusters: G/(G-1) sum_g (sum_{j in g} z_j)(...)').
uncond <- function(Q, J, IF, cluster = NULL) {
  A <- sapply(seq_len(ncol(Q)), function(c) {
    q <- Q[, c]; inc <- !is.na(q); a <- rep(0, nrow(Q)); a[inc] <- (q[inc] - mean(q[inc])) / sum(inc); a })
  Z <- A + IF %*% t(J)
  if (!is.null(cluster)) Z <- rowsum(Z, cluster)
  G <- nrow(Z); G / (G - 1) * crossprod(Z)
}
ucase <- function(case, model, command, names, Q, J, IF, cluster = NULL) {
  b <- colMeans(Q, na.rm = TRUE)
  add(list(case = case, model = model, command = command, names = names, b = as.vector(b),
           se = sqrt(diag(uncond(Q, J, IF, cluster)))))
}
local({
  m <- LM$ols; X0 <- m$X(d)
  IF <- (X0 * resid(ols)) %*% solve(crossprod(X0))
  xb <- function(nd) as.vector(m$X(nd) %*% m$b)
  Qs <- cbind(xb(set_data(d, sec1 = 0)), xb(set_data(d, sec1 = 1)))
  Js <- rbind(colMeans(m$X(set_data(d, sec1 = 0))), colMeans(m$X(set_data(d, sec1 = 1))))
  ucase("unc_sector", "ols", "margins sector, vce(unconditional)", c("0bn.sector", "1.sector"), Qs, Js, IF)
  ucase("unc_sector", "ols_cl", "margins sector, vce(unconditional)", c("0bn.sector", "1.sector"), Qs, Js, IF,
        d$school)
  up <- set_data(d, ses = d$ses + 1); dn <- set_data(d, ses = d$ses - 1)
  dX <- (m$X(up) - m$X(dn)) / 2
  Q <- cbind(as.vector(dX %*% m$b), Qs[, 2] - Qs[, 1],
             xb(set_data(d, min1 = 1)) - xb(set_data(d, min1 = 0)), rep(m$b[["female"]], n))
  J <- rbind(colMeans(dX), Js[2, ] - Js[1, ],
             colMeans(m$X(set_data(d, min1 = 1)) - m$X(set_data(d, min1 = 0))), as.numeric(m$map == "female"))
  ucase("unc_dydx_all", "ols", "margins, dydx(*) vce(unconditional)",
        c("ses", "1.sector", "1.minority", "female"), Q, J, IF)
  Q <- matrix(NA, n, 4); J <- matrix(0, 4, length(m$b)); nm <- c(); k <- 0
  for (f in 0:1) for (s in 0:1) {
    k <- k + 1; inr <- d$female == f; nd <- set_data(d, sec1 = s)
    Q[inr, k] <- xb(nd)[inr]; J[k, ] <- colMeans(m$X(nd)[inr, ])
    nm <- c(nm, sprintf("%s.female#%s.sector", ifelse(f == 0, "0bn", "1"), ifelse(s == 0, "0bn", "1")))
  }
  ucase("unc_sector_over_female", "ols", "margins sector, over(female) vce(unconditional)", nm, Q, J, IF)
  # logit
  p0 <- as.vector(plogis(LX(d) %*% lb))
  IFl <- (LX(d) * (d$hi - p0)) %*% lV
  Q <- matrix(NA, n, 4); Jl <- matrix(0, 4, length(lb)); k <- 0
  for (f in 0:1) for (s in 0:1) {
    k <- k + 1; inr <- d$female == f; nd <- set_data(d, sec1 = s)
    Q[inr, k] <- plogis(as.vector(LX(nd) %*% lb))[inr]
    Jl[k, ] <- rgrad(function(b) mean(plogis(as.vector(LX(nd[inr, ]) %*% b))), lb)
  }
  ucase("unc_sector_over_female", "logit", "margins sector, over(female) vce(unconditional)", nm, Q, Jl, IFl)
  dXl <- LX(set_data(d, ses = d$ses + 1)) - LX(d)  # X is linear in ses: exact
  qf <- function(b) { eta <- as.vector(LX(d) %*% b); p <- plogis(eta); p * (1 - p) * as.vector(dXl %*% b) }
  ucase("unc_dydx_ses", "logit", "margins, dydx(ses) vce(unconditional)", c("ses"), matrix(qf(lb), n, 1),
        matrix(rgrad(function(b) mean(qf(b)), lb), nrow = 1), IFl)
})

# ---------------------------------------------------------------- margins, mcompare() (no contrasts)
# each term's margins adjusted as one family: emmeans' adjusted tests of the margins against 0
for (mname in names(LM)) {
  fac <- if (mname == "ols") lm(mathach ~ ses * factor(sector) + factor(minority) + female, d) else
    lmer(mathach ~ ses * factor(sector) + factor(minority) + (ses | school), d, REML = FALSE, control = ctl)
  em <- emmeans(fac, ~ sector, counterfactuals = "sector")
  r <- margins_linear(LM[[mname]], list(set_data(d, sec1 = 0), set_data(d, sec1 = 1)))
  extra <- list()
  for (adj in c("bonferroni", "sidak", "scheffe")) {
    s <- summary(em, infer = c(TRUE, TRUE), adjust = adj,
                 df = if (mname == "ols") df.residual(ols) else Inf)
    stopifnot(max(abs(s$emmean - r$b)) < 1e-6 * max(abs(r$b)))
    extra[[paste0("p_", adj)]] <- s$p.value
    extra[[paste0("lo_", adj)]] <- if (!is.null(s$lower.CL)) s$lower.CL else s$asymp.LCL
    extra[[paste0("hi_", adj)]] <- if (!is.null(s$upper.CL)) s$upper.CL else s$asymp.UCL
  }
  add(c(result("mc_sector", mname, "margins sector", c("0bn.sector", "1.sector"), r$b, r$J, LM[[mname]]$V), extra))
}

models <- list(
  ols = list(names = ols_names, b = unname(LM$ols$b), V = unname(LM$ols$V), df_r = df.residual(ols)),
  mixed = list(names = mix_names, b = unname(LM$mixed$b), V = unname(LM$mixed$V),
               loglik = as.numeric(logLik(mix))),
  logit = list(names = lg_names, b = unname(lb), V = unname(lV)),
  ologit = list(names = ol_names, b = unname(ob), V = unname(oV)),
  probit = list(names = lg_names, b = unname(P_PB$b), V = unname(P_PB$V)),
  poisson = list(names = lg_names, b = unname(P_PP$b), V = unname(P_PP$V)),
  ols4 = list(df_r = df.residual(F4$ols4)),
  melogit = list(names = me_names, b = unname(ME$melogit$b), V = unname(ME$melogit$V)),
  mepoisson = list(names = me_names, b = unname(ME$mepoisson$b), V = unname(ME$mepoisson$V)),
  meologit = list(names = c("ses", "1.sector", "cut1:_cons", "cut2:_cons"), b = unname(mo_b), V = unname(mo_V))
)
out <- list(generated_by = "tests/reference_values/margins_reference.R",
            r_version = R.version.string,
            packages = list(lme4 = as.character(packageVersion("lme4")),
                            emmeans = as.character(packageVersion("emmeans")),
                            ordinal = as.character(packageVersion("ordinal"))),
            data = "samples/data/hsb.dta", models = models, cases = cases)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE),
           "tests/reference_values/margins_reference.json")
cat("cases:", length(cases), "\n")
