# Reference values for twoway fpfit/fpfitci age wt_loss, estcmd(stcox) estopts(...) with stcox's
# own options (tests/test_graphs_fpfit_stcox.py), fracpoly's st form as in fpfit_stcox.R: age
# (the plot's y) the FP variable scaled by 10, the degree-2 powers by the Cox deviance with
# wt_loss linear, the terms centred at the mean of the scaled age; at the observation twoway keeps
# at each distinct wt_loss (the smallest age): fracpred's x b (offset included), its stdp, for(age)
# (the centred terms times their b), for(wt_loss) (wt_loss b), and dresid (coxph refitted on x b
# with the same strata and offset, or ties = "exact" for exactp, its deviance residuals).  After
# tvc(sex) e(V)'s row after the terms and wt_loss is tvc:sex's, which fracpred's vcalc reads as the
# constant's: for(age) stdp is sqrt(Ix' V Ix + V[s, s] + 2 Ix' V[., s]) (for_age_se_tvc_row).
#   strata(sex) offset(off), off = sex / 2      coxph(... + strata(sex) + offset(off))
#   exactp                                      coxph(..., ties = "exact")
#   tvc(sex)                                    coxph(... + tt(sex), tt = function(x, t, ...) x * t)
#   stset [fweight = fw], fw = 1 + row %% 3     coxph(..., weights = fw)
#   stset [iweight = iw], iw non-integer        coxph(..., weights = iw), V its inverse information
#                                               (naive.var: with non-integer weights vcov() is robust)
# Run from the repository root:
#   Rscript tests/survival_reference/fpfit_stcox_extras.R > tests/survival_reference/fpfit_stcox_extras.json
library(survival)
d <- read.csv("tests/survival_reference/lung.csv")
d$off <- d$sex / 2
d$fw <- 1 + seq_len(nrow(d)) %% 3
d$iw <- 0.55 + ((seq_len(nrow(d)) * 7) %% 10) / 8
d <- d[!is.na(d$wt.loss), ]
x <- d$age
source("tests/graphs_reference/fp_terms.R")  # S, terms(), the scaled z, search_powers()
fit <- function(X, case) {
  d$x1 <- X[, 1]; d$x2 <- X[, 2]
  switch(case,
    strata_offset = coxph(Surv(time, died) ~ x1 + x2 + wt.loss + strata(sex) + offset(off), data = d,
                          ties = "breslow"),
    exactp = coxph(Surv(time, died) ~ x1 + x2 + wt.loss, data = d, ties = "exact"),
    tvc = coxph(Surv(time, died) ~ x1 + x2 + wt.loss + tt(sex), data = d, ties = "breslow",
                tt = function(x, t, ...) x * t),
    fweight = coxph(Surv(time, died) ~ x1 + x2 + wt.loss, data = d, ties = "breslow", weights = fw),
    iweight = coxph(Surv(time, died) ~ x1 + x2 + wt.loss, data = d, ties = "breslow", weights = iw))
}
out <- list()
o <- order(d$wt.loss, d$age)
keep <- o[c(TRUE, diff(d$wt.loss[o]) != 0)]
for (case in c("strata_offset", "exactp", "tvc", "fweight", "iweight")) {
  best <- search_powers(function(p) -2 * fit(terms(z, p), case)$loglik[2], tol = 1e-12, relative = TRUE)
  Xc <- sweep(terms(z, best$powers), 2, terms(mean(z), best$powers))
  f <- fit(Xc, case)
  b <- coef(f)[1:3]; V <- (if (is.null(f$naive.var)) vcov(f) else f$naive.var)[1:3, 1:3]
  X0 <- cbind(Xc[keep, , drop = FALSE], d$wt.loss[keep])
  off <- if (case == "strata_offset") d$off else 0 * d$off
  res <- list(powers = best$powers, at = d$wt.loss[keep], b = unname(b),
              xb = as.vector(X0 %*% b) + off[keep], se = sqrt(rowSums((X0 %*% V) * X0)),
              for_age = as.vector(X0[, 1:2] %*% b[1:2]), for_age_se = sqrt(rowSums((X0[, 1:2] %*% V[1:2, 1:2]) * X0[, 1:2])),
              for_x = X0[, 3] * b[3])
  if (case == "tvc") {
    Vf <- vcov(f); I <- X0[, 1:2]
    res$for_age_se_tvc_row <- sqrt(rowSums((I %*% Vf[1:2, 1:2]) * I) + Vf[4, 4] + 2 * as.vector(I %*% Vf[1:2, 4]))
  }
  if (case == "strata_offset") {
    d$eta <- as.vector(cbind(Xc, d$wt.loss) %*% b) + d$off
    f2 <- coxph(Surv(time, died) ~ eta + strata(sex) + offset(off), data = d, ties = "breslow")
    res$dresid <- unname(residuals(f2, "deviance"))[keep]
  }
  if (case == "exactp") {  # the refit with ties = "exact": coxph's residuals use Breslow's increments
    d$eta <- as.vector(cbind(Xc, d$wt.loss) %*% b)
    f2 <- coxph(Surv(time, died) ~ eta, data = d, ties = "exact")
    res$dresid <- unname(residuals(f2, "deviance"))[keep]
  }
  out[[case]] <- res
}
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
