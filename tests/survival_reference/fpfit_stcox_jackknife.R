# Reference values for twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(jackknife ...))
# (tests/test_graphs_fpfit_cox_replicates.py): fracpoly's st form as in fpfit_stcox_extras.R (age
# scaled by 10 the FP variable, degree 2 by the Cox deviance, wt_loss linear, the terms centred at
# the mean of the scaled age); the final model refitted leaving out one record (one grp with
# cluster(grp), one id with shared(id)) at a time; V = (G-1)/G sum (b_g - bbar)(b_g - bbar)' (mse:
# about b), e(df_r) = G - 1; at the observation twoway keeps at each distinct wt_loss: x b and its
# jackknife stdp.
#   plain        coxph(Surv(time, died) ~ x1 + x2 + wt.loss), ties = "breslow"
#   cluster_grp  vce(jackknife, cluster(grp)), grp = 1 + row %% 20 of lung.csv (missing on rows 5, 6:
#                jackknife's markout drops them from every fit, not from fracpoly's scaling and
#                centring), one grp left out at a time
#   tvc          coxph(... + tt(sex), tt = function(x, t, ...) x * t); the replicates cover the tvc coefficient
#   shared       kidney data: twoway fpfitci age female, estopts(shared(id) vce(jackknife)); each replicate
#                the gamma frailty fit (coxph's EM, its own theta^) without one id (fpfit_stcox_shared.R)
# Run from the repository root:
#   Rscript tests/survival_reference/fpfit_stcox_jackknife.R > tests/survival_reference/fpfit_stcox_jackknife.json
library(survival)
jack <- function(R, b) {
  G <- nrow(R); m <- colMeans(R)
  list(V = (G - 1) / G * crossprod(sweep(R, 2, m)), Vmse = (G - 1) / G * crossprod(sweep(R, 2, b)), df_r = G - 1)
}
out <- list()
lung <- read.csv("tests/survival_reference/lung.csv")
lung$grp <- 1 + seq_len(nrow(lung)) %% 20
lung$grp[c(5, 6)] <- NA
lung <- lung[!is.na(lung$wt.loss), ]
for (case in c("plain", "cluster_grp", "tvc")) {
  d <- if (case == "cluster_grp") lung[!is.na(lung$grp), ] else lung
  # frac_xo's scale and fracgen's centring: over fracpoly's sample (every row with wt.loss: grp is
  # the prefix's markout, not fracpoly's), the fits on d
  x <- lung$age
  source("tests/graphs_reference/fp_terms.R")
  zbar <- mean(z)
  z <- d$age / scale
  fit <- function(X, dd = d) {
    dd$x1 <- X[, 1]; dd$x2 <- X[, 2]
    if (case == "tvc") coxph(Surv(time, died) ~ x1 + x2 + wt.loss + tt(sex), data = dd, ties = "breslow",
                             tt = function(x, t, ...) x * t)
    else coxph(Surv(time, died) ~ x1 + x2 + wt.loss, data = dd, ties = "breslow")
  }
  best <- search_powers(function(p) -2 * fit(terms(z, p))$loglik[2], tol = 1e-12, relative = TRUE)
  Xc <- sweep(terms(z, best$powers), 2, terms(zbar, best$powers))
  b <- coef(fit(Xc))
  units <- if (case == "cluster_grp") sort(unique(d$grp)) else seq_len(nrow(d))
  R <- t(sapply(units, function(u) {
    keep <- if (case == "cluster_grp") d$grp != u else seq_len(nrow(d)) != u
    coef(fit(Xc[keep, , drop = FALSE], d[keep, ]))
  }))
  j <- jack(R, b)
  o <- order(d$wt.loss, d$age)
  keep <- o[c(TRUE, diff(d$wt.loss[o]) != 0)]
  X0 <- cbind(Xc[keep, , drop = FALSE], d$wt.loss[keep])
  out[[case]] <- list(powers = best$powers, at = d$wt.loss[keep], xb = as.vector(X0 %*% b[1:3]),
                      se = sqrt(rowSums((X0 %*% j$V[1:3, 1:3]) * X0)),
                      se_mse = sqrt(rowSums((X0 %*% j$Vmse[1:3, 1:3]) * X0)), df_r = j$df_r)
}
d <- read.csv("tests/survival_reference/kidney.csv")
x <- d$age
source("tests/graphs_reference/fp_terms.R")
ctl <- coxph.control(eps = 1e-12, toler.chol = 1e-15, iter.max = 200, outer.max = 200)
fit <- function(X, dd = d) {
  dd$x1 <- X[, 1]; dd$x2 <- X[, 2]
  coxph(Surv(time, status) ~ x1 + x2 + female + frailty(id, distribution = "gamma", sparse = FALSE, eps = 1e-10),
        data = dd, ties = "breslow", control = ctl)
}
best <- search_powers(function(p) -2 * fit(terms(z, p))$history[[1]]$c.loglik, tol = 1e-12, relative = TRUE)
Xc <- sweep(terms(z, best$powers), 2, terms(mean(z), best$powers))
b <- coef(fit(Xc))[1:3]
ids <- sort(unique(d$id))
R <- t(sapply(ids, function(u) coef(fit(Xc[d$id != u, , drop = FALSE], d[d$id != u, ]))[1:3]))
j <- jack(R, b)
o <- order(d$female, d$age)
keep <- o[c(TRUE, diff(d$female[o]) != 0)]
X0 <- cbind(Xc[keep, , drop = FALSE], d$female[keep])
out$shared <- list(powers = best$powers, at = d$female[keep], xb = as.vector(X0 %*% b),
                   se = sqrt(rowSums((X0 %*% j$V) * X0)), se_mse = sqrt(rowSums((X0 %*% j$Vmse) * X0)),
                   df_r = j$df_r)
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
