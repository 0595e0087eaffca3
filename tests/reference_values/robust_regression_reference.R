# Independent values for qreg and fpfit estcmd(qreg) (tests/test_qreg_rreg.py): quantreg's
# rq(method = "br") (Barrodale-Roberts simplex) on the manual's auto data (auto_subset.csv: price,
# mpg, weight, length, foreign of Stata's auto.dta) and the fractional-polynomial search by the
# sum of check-function deviations (frac_dv's N ln(sum_adev/sum_rdev) is monotone in it).
# R's summary.rq standard errors use other sparsity estimates than Stata's (rank-based "iid",
# Powell "ker"); Stata's own numbers from [R] qreg and [R] rreg are in the test file.
# Run: Rscript robust_regression_reference.R  (writes robust_regression_reference.json)
suppressMessages({library(quantreg); library(jsonlite)})
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
auto <- read.csv(file.path(here, "auto_subset.csv"))
out <- list()
for (tau in c(0.25, 0.5, 0.75)) {
  fit <- suppressWarnings(rq(price ~ weight + length + foreign, tau = tau, data = auto, method = "br"))
  out[[sprintf("qreg_%g", tau)]] <- list(coef = unname(coef(fit)[c(2, 3, 4, 1)]),
                                          sum_adev = sum(fit$rho))
}
# fracpoly's powers, degree 2
S <- c(-2, -1, -0.5, 0, 0.5, 1, 2, 3)
pw <- function(z, p) if (p == 0) log(z) else z^p
fp_design <- function(z, p1, p2) {
  a <- pw(z, p1)
  b <- if (p1 == p2) pw(z, p2) * log(z) else pw(z, p2)
  cbind(a, b)
}
z <- auto$weight / 1000  # fracpoly's scaling (a power of 10) changes no fitted value
best <- NULL
for (i in seq_along(S)) for (j in i:length(S)) {
  X <- fp_design(z, S[i], S[j])
  fit <- suppressWarnings(rq(auto$price ~ X, tau = 0.5, method = "br"))
  if (is.null(best) || sum(fit$rho) < best$rho - 1e-9) best <- list(p = c(S[i], S[j]), rho = sum(fit$rho), fit = fit)
}
at <- sort(unique(auto$weight))
X0 <- cbind(1, fp_design(at / 1000, best$p[1], best$p[2]))
out$fpfit_qreg <- list(powers = best$p, sum_adev = best$rho, at = at, xb = as.vector(X0 %*% coef(best$fit)))
writeLines(toJSON(out, digits = 15, auto_unbox = TRUE), file.path(here, "robust_regression_reference.json"))
