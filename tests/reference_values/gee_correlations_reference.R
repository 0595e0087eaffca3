# Reference values for tests/test_gee_correlations.py (Rscript gee_correlations_reference.R in
# tests/reference_values): gee_fit.R's independent GEE fit (Fisher scoring from the
# independence GLM fit, R's family objects, the moment estimators of [XT] xtgee's Methods and
# formulas) of each structure, family, link and option on gee_panels.csv; balanced panels
# use t - 1, "force" fits each panel's observations as consecutive (the unbalanced panels
# have gaps).
suppressMessages(library(jsonlite))
d <- read.csv("gee_panels.csv")
d <- d[order(d$id, d$t), ]
d$yg <- exp(d$y / 2)
d$yk <- d$yb + (d$yc > 1) + (d$x > 0)
d$w <- (d$id %% 3) + 1

source("gee_fit.R")

bal <- d[d$balanced == 1, ]
unb <- d[d$balanced == 0, ]
fixedR <- matrix(c(1, .5, .3, .1, .5, 1, .5, .3, .3, .5, 1, .5, .1, .3, .5, 1), 4, 4)
out <- list(
  gaussian_ar1 = gee_fit(bal, "y", gaussian(), "ar", 1, scale_phi = TRUE),
  gaussian_ar2_force = gee_fit(unb, "y", gaussian(), "ar", 2, force = TRUE, scale_phi = TRUE),
  poisson_stationary2 = gee_fit(bal, "yc", poisson(), "stationary", 2),
  poisson_nonstationary2_force = gee_fit(unb, "yc", poisson(), "nonstationary", 2, force = TRUE),
  binomial_nonstationary1 = gee_fit(bal, "yb", binomial(), "nonstationary", 1),
  gaussian_fixed = gee_fit(bal, "y", gaussian(), "fixed", fixedR = fixedR, scale_phi = TRUE),
  gamma_exchangeable = gee_fit(unb, "yg", Gamma(), "exchangeable", scale_phi = TRUE),
  gamma_log_ar1 = gee_fit(bal, "yg", Gamma(link = "log"), "ar", 1, scale_phi = TRUE),
  igaussian_log_exchangeable = gee_fit(unb, "yg", inverse.gaussian(link = "log"), "exchangeable", scale_phi = TRUE),
  nbinomial_half_exchangeable = gee_fit(unb, "yc", nbfam(0.5), "exchangeable"),
  binomial3_ar1 = gee_fit(bal, "yk", binomial(), "ar", 1, trials = rep(3, nrow(bal))),
  poisson_sqrt_exchangeable = gee_fit(unb, "yc", poisson(link = "sqrt"), "exchangeable"),
  gaussian_nmp_rgf = gee_fit(unb, "y", gaussian(), "exchangeable", nmp = TRUE, rgf = TRUE, scale_phi = TRUE),
  poisson_fweight = gee_fit(unb, "yc", poisson(), "exchangeable", w = unb$w, wkind = "fweight"),
  poisson_pweight = gee_fit(unb, "yc", poisson(), "exchangeable", w = unb$w, wkind = "pweight")
)
write(toJSON(list(source = "gee_correlations_reference.R on gee_panels.csv", coefficient_order = c("_cons", "x", "z"),
                  fits = out), digits = 15, auto_unbox = TRUE, pretty = TRUE, matrix = "rowmajor"),
      "gee_correlations_reference.json")
