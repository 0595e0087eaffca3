# Reference values for dfuller and pperron (tests/test_unit_root.py).  Run: Rscript unit_root.R
#  - Z(t): urca::ur.df (the t statistic of z.lag.1; lags = lagged differences)
#  - Phillips-Perron: urca::ur.pp (use.lag) for Z(t) and Z(rho) with a constant, and the
#    same formulas written out in R for the trend and no-constant cases
#  - p-values: plm:::padf(p.approx = "MacKinnon1994"), MacKinnon's (1994) response surface
#  - critical values: Fuller's table as urca::ur.df holds it (sizes 25, 50, 100, 250, 500, Inf),
#    interpolated linearly in the number of observations with approx()
library(urca); library(plm); library(jsonlite)
d <- read.csv("series.csv")
tau_tab <- list(
  nc = rbind(c(-2.66, -1.95, -1.6), c(-2.62, -1.95, -1.61), c(-2.6, -1.95, -1.61), c(-2.58, -1.95, -1.62),
             c(-2.58, -1.95, -1.62), c(-2.58, -1.95, -1.62)),
  c = rbind(c(-3.75, -3, -2.63), c(-3.58, -2.93, -2.6), c(-3.51, -2.89, -2.58), c(-3.46, -2.88, -2.57),
            c(-3.44, -2.87, -2.57), c(-3.43, -2.86, -2.57)),
  ct = rbind(c(-4.38, -3.6, -3.24), c(-4.15, -3.5, -3.18), c(-4.04, -3.45, -3.15), c(-3.99, -3.43, -3.13),
             c(-3.98, -3.42, -3.13), c(-3.96, -3.41, -3.12)))
# the normalised-bias table (Fuller 1976, table 8.5.1; Hamilton 1994, table B.5 case 1, 2, 4)
rho_tab <- list(
  nc = rbind(c(-11.9, -7.3, -5.3), c(-12.9, -7.7, -5.5), c(-13.3, -7.9, -5.6), c(-13.6, -8.0, -5.7),
             c(-13.7, -8.0, -5.7), c(-13.8, -8.1, -5.7)),
  c = rbind(c(-17.2, -12.5, -10.2), c(-18.9, -13.3, -10.7), c(-19.8, -13.7, -11.0), c(-20.3, -14.0, -11.2),
            c(-20.5, -14.0, -11.2), c(-20.7, -14.1, -11.3)),
  ct = rbind(c(-22.5, -17.9, -15.6), c(-25.7, -19.8, -16.8), c(-27.4, -20.7, -17.5), c(-28.4, -21.3, -18.0),
             c(-28.9, -21.5, -18.1), c(-29.5, -21.8, -18.3)))
cv <- function(tab, n) sapply(1:3, function(j) approx(c(25, 50, 100, 250, 500, 1e9), tab[, j],
                                                       xout = min(max(n, 25), 1e9), rule = 2)$y)
cv_fix <- function(tab, n) if (n > 500) tab[6, ] else cv(tab, n)
adf <- function(x, type, lags) {
  r <- ur.df(x, type = type, lags = lags)
  tau <- r@teststat[1]; n <- length(r@res)
  kind <- c(none = "nc", drift = "c", trend = "ct")[[type]]
  p <- if (kind == "nc") NA else plm:::padf(tau, exo = c(c = "intercept", ct = "trend")[[kind]],
                                           p.approx = "MacKinnon1994")[1]
  list(Zt = tau, N = n, cv = cv_fix(tau_tab[[kind]], n), p = as.numeric(p))
}
pp <- function(x, kind, lags) {  # levels on the lag (and trend t - 1), Newey-West long-run variance
  n <- length(x); y <- x[-1]; yl <- x[-n]; tt <- (2:n) - 1
  X <- switch(kind, nc = cbind(yl), c = cbind(yl, 1), ct = cbind(yl, tt, 1))
  m <- lm(y ~ X - 1); u <- resid(m); T <- length(u)
  rho <- coef(m)[1]; se <- sqrt(diag(vcov(m)))[1]; s <- summary(m)$sigma
  g0 <- sum(u^2) / T; lam <- g0
  for (i in seq_len(lags)) lam <- lam + 2 * (1 - i / (lags + 1)) * sum(u[-(1:i)] * u[1:(T - i)]) / T
  z <- T * se / s
  Zrho <- T * (rho - 1) - z^2 * (lam - g0) / 2
  Zt <- (rho - 1) / se * sqrt(g0 / lam) - .5 * (lam - g0) * z / sqrt(lam)
  p <- if (kind == "nc") NA else plm:::padf(Zt, exo = c(c = "intercept", ct = "trend")[[kind]],
                                            p.approx = "MacKinnon1994")[1]
  list(Zt = unname(Zt), Zrho = unname(Zrho), N = T, cvt = cv_fix(tau_tab[[kind]], T),
       cvrho = cv_fix(rho_tab[[kind]], T), p = as.numeric(p))
}
ref <- list(df_z = adf(d$z, "drift", 0), df_z_lags2 = adf(d$z, "drift", 2), df_z_trend1 = adf(d$z, "trend", 1),
            df_s_nocons = adf(d$s, "none", 0), df_s_drift = adf(d$s, "drift", 0),
            pp_z = pp(d$z, "c", 3), pp_z_trend = pp(d$z, "ct", 3), pp_s_nocons = pp(d$s, "nc", 2),
            pp_s_lags5 = pp(d$s, "c", 5))
# dfuller, drift: Z(t) against Student's t on the regression's df
ref$df_s_drift$p <- pt(ref$df_s_drift$Zt, ref$df_s_drift$N - 2)
ref$df_s_drift$cv <- qt(c(.01, .05, .10), ref$df_s_drift$N - 2)
# urca's own Phillips-Perron (constant, use.lag = 3) for the cross-check of pp()
up <- ur.pp(d$z, type = "Z-tau", model = "constant", use.lag = 3)
ua <- ur.pp(d$z, type = "Z-alpha", model = "constant", use.lag = 3)
ref$urca_pp_z <- list(Zt = up@teststat[1], Zrho = ua@teststat[1])
writeLines(toJSON(ref, digits = NA, auto_unbox = TRUE, pretty = TRUE), "unit_root.json")
