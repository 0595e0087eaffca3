# Reference values for stcrreg (tests/test_survival_stcrreg.py): R's cmprsk::crr (Fine and Gray's
# subdistribution hazards, Breslow ties, the censoring Kaplan-Meier at left limits, the variance
# with the censoring term psi and no small-sample factor) on MASS's Melanoma data
# (tests/survival_reference/melanoma.csv, written here from MASS::Melanoma: status 1 died of
# melanoma, 2 alive (censored), 3 died of other causes).
# Run from the worktree root: Rscript tests/survival_reference/crr_melanoma.R > tests/survival_reference/crr_melanoma.json
library(cmprsk)
d <- MASS::Melanoma
write.csv(d, "tests/survival_reference/melanoma.csv", row.names = FALSE)
out <- list()
put <- function(name, f, x0 = NULL) {
  r <- list(b = unname(f$coef), se = unname(sqrt(diag(f$var))), ll = f$loglik,
            times = unname(f$uftime), basecsh = unname(cumsum(f$bfitj)), converged = f$converged)
  if (!is.null(x0)) {
    p <- predict(f, cov1 = x0)
    r$cif_times <- unname(p[, 1]); r$cif <- unname(p[, -1, drop = FALSE])
  }
  out[[name]] <<- r
}
X <- cbind(age = d$age, sex = d$sex, thickness = d$thickness, ulcer = d$ulcer)
put("melanoma", crr(d$time, d$status, X, failcode = 1, cencode = 2, gtol = 1e-12, maxiter = 100),
    x0 = rbind(c(50, 1, 2, 1), c(60, 0, 1, 0)))
put("thickness", crr(d$time, d$status, cbind(thickness = d$thickness), failcode = 1, cencode = 2, gtol = 1e-12, maxiter = 100))
# the other cause as the event of interest, melanoma deaths competing
put("other", crr(d$time, d$status, cbind(age = d$age, sex = d$sex), failcode = 3, cencode = 2, gtol = 1e-12, maxiter = 100))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
