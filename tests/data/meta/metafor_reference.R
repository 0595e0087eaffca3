# Reference values for tests/test_meta_*.py from R's metafor (run by hand, never by the tests):
#   Rscript tests/data/meta/metafor_reference.R   (from the repository root)
# Writes bcg.csv, pupiliq.csv (metafor's dat.bcg and dat.raudenbush1985) and metafor_values.json.
suppressPackageStartupMessages(library(metafor))
library(jsonlite)
out <- list(metafor_version = as.character(packageVersion("metafor")))
setwd("tests/data/meta")
bcg <- dat.bcg
write.csv(bcg[, c("trial", "author", "year", "tpos", "tneg", "cpos", "cneg", "ablat", "alloc")], "bcg.csv", row.names = FALSE)
iq <- dat.raudenbush1985
write.csv(iq[, c("study", "author", "year", "weeks", "setting", "tester", "n1i", "n2i", "yi", "vi")], "pupiliq.csv", row.names = FALSE)

es <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = bcg)
out$bcg_lnrr <- list(yi = as.numeric(es$yi), vi = as.numeric(es$vi))
es_or <- escalc(measure = "OR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = bcg)
out$bcg_lnor <- list(yi = as.numeric(es_or$yi), vi = as.numeric(es_or$vi))
es_rd <- escalc(measure = "RD", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = bcg)
out$bcg_rd <- list(yi = as.numeric(es_rd$yi), vi = as.numeric(es_rd$vi))
es_peto <- escalc(measure = "PETO", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = bcg)
out$bcg_peto <- list(yi = as.numeric(es_peto$yi), vi = as.numeric(es_peto$vi))

methods <- c(reml = "REML", mle = "ML", ebayes = "EB", dlaird = "DL", sjonkman = "SJ", hedges = "HE", hschmidt = "HS")
fits <- list()
for (m in names(methods)) {
  f <- rma(yi, vi, data = es, method = methods[[m]])
  fits[[m]] <- list(tau2 = f$tau2, theta = as.numeric(f$beta), se = f$se, I2 = f$I2, H2 = f$H2, Q = f$QE,
                    ci_lb = f$ci.lb, ci_ub = f$ci.ub)
}
out$bcg_random <- fits
fe <- rma(yi, vi, data = es, method = "FE")
out$bcg_fixed <- list(theta = as.numeric(fe$beta), se = fe$se, I2 = fe$I2, H2 = fe$H2, Q = fe$QE, Qp = fe$QEp)
kh <- rma(yi, vi, data = es, method = "REML", test = "knha")
out$bcg_khartung <- list(theta = as.numeric(kh$beta), se = kh$se, ci_lb = kh$ci.lb, ci_ub = kh$ci.ub, pval = kh$pval)
reml <- rma(yi, vi, data = es, method = "REML")
p <- predict(reml, level = 95)
out$bcg_predinterval <- list(pi_lb = p$pi.lb, pi_ub = p$pi.ub)
out$bcg_weights_reml <- as.numeric(weights(reml))

# meta-regression on latitude, REML and DL; Knapp-Hartung
mr <- rma(yi, vi, mods = ~ ablat, data = es, method = "REML")
out$bcg_regress_reml <- list(b = as.numeric(mr$beta), se = mr$se, tau2 = mr$tau2, I2 = mr$I2, H2 = mr$H2,
                             R2 = mr$R2, QE = mr$QE, QM = mr$QM)
mrd <- rma(yi, vi, mods = ~ ablat + year, data = es, method = "DL")
out$bcg_regress_dl <- list(b = as.numeric(mrd$beta), se = mrd$se, tau2 = mrd$tau2, QE = mrd$QE)
mrk <- rma(yi, vi, mods = ~ ablat, data = es, method = "REML", test = "knha")
out$bcg_regress_kh <- list(b = as.numeric(mrk$beta), se = mrk$se, F = mrk$QM)
mrf <- rma(yi, vi, mods = ~ ablat, data = es, method = "FE")
out$bcg_regress_fixed <- list(b = as.numeric(mrf$beta), se = mrf$se, QE = mrf$QE)
for (m in c("mle", "ebayes", "sjonkman", "hedges", "hschmidt")) {
  f <- rma(yi, vi, mods = ~ ablat, data = es, method = methods[[m]])
  out[[paste0("bcg_regress_", m)]] <- list(b = as.numeric(f$beta), tau2 = f$tau2)
}

# small-study effects: Egger as meta bias's default (REML meta-regression on se), traditional (OLS),
# Begg's rank correlation
eg <- regtest(reml, model = "rma", predictor = "sei")
out$bcg_egger_reml <- list(z = eg$zval, p = eg$pval, b = as.numeric(eg$fit$beta[2]), se = eg$fit$se[2])
egl <- regtest(rma(yi, vi, data = es, method = "FE"), model = "lm", predictor = "sei")
sm <- summary(egl$fit)$coefficients
out$bcg_egger_traditional <- list(t = egl$zval, p = egl$pval, b = as.numeric(sm[2, 1]),
                                  se = as.numeric(sm[2, 2]))
rk <- ranktest(reml)
out$bcg_begg <- list(tau = as.numeric(rk$tau), p = rk$pval)

# trim-and-fill: linear estimator, iterations fixed-effect, pooled REML
tfit <- rma(yi, vi, data = es, method = "FE")
tf <- trimfill(tfit, estimator = "L0")
out$bcg_trimfill_fe <- list(k0 = tf$k0, side = tf$side, theta = as.numeric(tf$beta), se = tf$se)
iqf <- rma(yi, vi, data = iq, method = "FE")
tfi <- trimfill(iqf, estimator = "L0")
filled <- c(iq$yi, tfi$yi[tfi$fill])
out$iq_trimfill <- list(k0 = tfi$k0, side = tfi$side, theta_fe = as.numeric(tfi$beta),
                        filled_yi = as.numeric(tfi$yi[tfi$fill]), filled_vi = as.numeric(tfi$vi[tfi$fill]))
iqall <- rma(tfi$yi, tfi$vi, method = "REML")
out$iq_trimfill_reml <- list(theta = as.numeric(iqall$beta), se = iqall$se)
iqr <- rma(yi, vi, data = iq, method = "REML")
out$iq_reml <- list(theta = as.numeric(iqr$beta), se = iqr$se, tau2 = iqr$tau2, I2 = iqr$I2, H2 = iqr$H2, Q = iqr$QE)

# continuous effect sizes from summary data: metafor's dat.normand1999
nd <- dat.normand1999
write.csv(nd, "normand1999.csv", row.names = FALSE)
for (m in c("SMD", "MD")) {
  e <- escalc(measure = m, m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i, n2i = n2i, data = nd)
  out[[paste0("normand_", m)]] <- list(yi = as.numeric(e$yi), vi = as.numeric(e$vi))
}
# Cohen's d: the mean difference over the pooled standard deviation
sp <- with(nd, sqrt(((n1i - 1) * sd1i^2 + (n2i - 1) * sd2i^2) / (n1i + n2i - 2)))
out$normand_cohend_yi <- with(nd, (m1i - m2i) / sp)
write(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "metafor_values.json")
# Mantel-Haenszel common-effect estimates (meta esize's default common(mhaenszel) for binary data)
mh <- list()
for (m in c("OR", "RR", "RD")) {
  f <- rma.mh(measure = m, ai = tpos, bi = tneg, ci = cpos, di = cneg, data = bcg)
  mh[[m]] <- list(b = as.numeric(f$beta), se = f$se, QE = f$QE)
}
out$bcg_mh <- mh
write(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "metafor_values.json")
# multilevel meta-regression (Stata 17's meta meregress): schools nested in districts
ko <- dat.konstantopoulos2011
write.csv(ko[, c("district", "school", "study", "year", "yi", "vi")], "schools.csv", row.names = FALSE)
m2 <- rma.mv(yi, vi, random = ~ 1 | district / school, data = ko, method = "REML")
out$schools_two_levels <- list(b = as.numeric(m2$beta), se = m2$se, sigma2 = m2$sigma2, QE = m2$QE,
                               ll = as.numeric(logLik(m2)))
m1 <- rma.mv(yi, vi, random = ~ 1 | district, mods = ~ year, data = ko, method = "REML")
out$schools_district_year <- list(b = as.numeric(m1$beta), se = m1$se, sigma2 = m1$sigma2, QE = m1$QE,
                                  QM = m1$QM, ll = as.numeric(logLik(m1)))
write(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "metafor_values.json")
