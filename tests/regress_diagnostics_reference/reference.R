# Independent reference values for mlm's diagnostics after regress
# (tests/test_regress_diagnostics.py).  Run from this directory:  Rscript reference.R > values.txt
# R 4.x with the Debian packages r-cran-lmtest and r-cran-car.
#   hettest (default normal)  = lmtest::bptest(studentize = FALSE)   (Breusch-Pagan / Cook-Weisberg)
#   hettest, iid              = lmtest::bptest(studentize = TRUE)    (Koenker's N R2)
#   vif                       = car::vif
#   ovtest / ovtest, rhs      = lmtest::resettest(power = 2:4, type = "fitted" / "regressor")
#   imtest, white             = N R2 of the squared residuals on the regressors, squares and cross-products
#   estat dwatson             = lmtest::dwtest's DW
#   estat bgodfrey, lags(p)   = lmtest::bgtest(order = p, type = "Chisq"), missing lags filled with 0
#   estat durbinalt, small    = lmtest::bgtest(order = p, type = "F") (the lags' F in the same regression)
suppressMessages({library(lmtest); library(car)})
out <- function(name, value) cat(name, formatC(unname(value), digits = 15, format = "g"), "\n")

d <- mtcars; d$car <- NULL
write.csv(d, "mtcars.csv", row.names = FALSE); d <- read.csv("mtcars.csv")
m <- lm(mpg ~ disp + hp + wt + drat + qsec, data = d)
v <- vif(m); for (n in names(v)) out(paste0("mtcars_vif_", n), v[[n]])
fv <- fitted(m); bp <- bptest(m, ~ fv, studentize = FALSE); out("mtcars_bp_fitted", bp$statistic)
out("mtcars_bp_rhs", bptest(m, studentize = FALSE)$statistic)
for (x in c("disp", "hp", "wt", "drat", "qsec"))
  out(paste0("mtcars_bp_", x), bptest(m, as.formula(paste("~", x)), data = d, studentize = FALSE)$statistic)
bp <- bptest(m, ~ fv, studentize = TRUE); out("mtcars_bp_iid", bp$statistic)
r <- resettest(m, power = 2:4, type = "fitted"); out("mtcars_reset_F", r$statistic); out("mtcars_reset_df_r", r$parameter[2])
r <- resettest(m, power = 2:4, type = "regressor"); out("mtcars_reset_rhs_F", r$statistic); out("mtcars_reset_rhs_df", r$parameter[1])
Z <- model.matrix(~ (disp + hp + wt + drat + qsec)^2 + I(disp^2) + I(hp^2) + I(wt^2) + I(drat^2) + I(qsec^2), d)[, -1]
w <- list(statistic = nrow(d) * summary(lm(resid(m)^2 ~ Z))$r.squared, parameter = ncol(Z))
out("mtcars_white_chi2", w$statistic); out("mtcars_white_df", w$parameter)

# a time series with AR(1) errors
set.seed(20261205)
n <- 60
x1 <- round(rnorm(n, 10, 2), 3); x2 <- round(runif(n, 0, 5), 3)
e <- numeric(n); e[1] <- rnorm(1)
for (t in 2:n) e[t] <- 0.5 * e[t - 1] + rnorm(1)
y <- round(1 + 0.5 * x1 - 0.8 * x2 + e * (1 + x2 / 3), 3)
ts <- data.frame(t = 1:n, y = y, x1 = x1, x2 = x2)
write.csv(ts, "series.csv", row.names = FALSE)
m2 <- lm(y ~ x1 + x2, data = ts)
out("series_dw", dwtest(m2)$statistic)
for (p in 1:3) out(paste0("series_bg_chi2_", p), bgtest(m2, order = p, type = "Chisq")$statistic)
# Durbin's alternative test, small: the F test of the lagged residuals in bgtest's auxiliary regression
for (p in 1:2) out(paste0("series_durbinalt_F_", p), bgtest(m2, order = p, type = "F")$statistic)
fv2 <- fitted(m2); bp <- bptest(m2, ~ fv2, studentize = FALSE); out("series_bp_fitted", bp$statistic)
out("series_bp_x2", bptest(m2, ~ x2, data = ts, studentize = FALSE)$statistic)
out("series_bp_x2_iid", bptest(m2, ~ x2, data = ts, studentize = TRUE)$statistic)
v <- vif(m2); for (nm in names(v)) out(paste0("series_vif_", nm), v[[nm]])

# estat esize (Stata 13's estat_esize_13.ado): eta2 = q F / (q F + d), its limits from the
# noncentrality lambda with pf(F, q, d, lambda) = 0.975 / 0.025, limit = lambda / (lambda + q + d + 1);
# F of each term from car::Anova(type = 3) (partial F), of the model from summary(lm)
m3 <- lm(mpg ~ wt + qsec + factor(cyl), data = d)
a <- Anova(m3, type = 3)
fs <- summary(m3)$fstatistic
terms <- list(Model = c(fs[["value"]], fs[["numdf"]], fs[["dendf"]]),
              wt = c(a["wt", "F value"], a["wt", "Df"], a["Residuals", "Df"]),
              qsec = c(a["qsec", "F value"], a["qsec", "Df"], a["Residuals", "Df"]),
              cyl = c(a["factor(cyl)", "F value"], a["factor(cyl)", "Df"], a["Residuals", "Df"]))
ncp <- function(F, q, dd, p) {
  if (pf(F, q, dd) < p) return(NA)
  uniroot(function(l) pf(F, q, dd, ncp = l) - p, c(0, 1e4), tol = 1e-12)$root
}
for (nm in names(terms)) {
  F <- terms[[nm]][1]; q <- terms[[nm]][2]; dd <- terms[[nm]][3]
  out(paste0("esize_F_", nm), F)
  out(paste0("esize_eta2_", nm), q * F / (q * F + dd))
  lo <- ncp(F, q, dd, 0.975); hi <- ncp(F, q, dd, 0.025)
  out(paste0("esize_lb_", nm), if (is.na(lo)) NaN else lo / (lo + q + dd + 1))
  out(paste0("esize_ub_", nm), hi / (hi + q + dd + 1))
}
