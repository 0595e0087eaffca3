# Independent values for fpfit's predopts(dresid) after estcmd(qreg) and estcmd(rreg)
# (tests/test_graphs_fpfit_dresid_robust.py).  frac_chk gives both commands fracpoly's dist 0
# (normal), for which fracpred.ado's residual is y - xb at e(sample)'s rows, times
# sqrt(w / mean w) with weights (the mean over e(sample) in the data twoway__fpfit_serset keeps:
# one observation per distinct x, the smallest y there).
# qreg: quantreg's rq (method "br") on every FP2 pair, the smallest sum of (weighted) check-function
# deviations winning (frac_dv's N ln(sum_adev/sum_rdev) is monotone in it).
# rreg: its e(sample) leaves out the rows whose Cook's D > 1 in least squares on the final terms
# (rreg.ado's screening): lm's cooks.distance for every FP2 pair on the auto data with one price
# made a gross outlier at the heaviest car.
# Run in this folder: Rscript fpfit_dresid_robust.R  (writes fpfit_dresid_robust.json)
suppressMessages({library(quantreg); library(jsonlite)})
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
auto <- read.csv(file.path(here, "..", "reference_values", "auto_subset.csv"))
x <- auto$weight
source("fp_terms.R")  # S, terms(), z = weight / 1000 (run from this folder)
fp_design <- function(z, p1, p2) terms(z, c(p1, p2))
first_rows <- function(x, y) {
  o <- order(x, y)
  o[c(TRUE, diff(x[o]) != 0)]
}
out <- list()
qreg_dresid <- function(w) {
  best <- NULL
  for (i in seq_along(S)) for (j in i:length(S)) {
    X <- fp_design(z, S[i], S[j])
    fit <- suppressWarnings(rq(auto$price ~ X, tau = 0.5, method = "br", weights = w))
    rho <- sum(w * abs(fit$residuals) / 2)
    if (is.null(best) || rho < best$rho - 1e-9) best <- list(p = c(S[i], S[j]), rho = rho, fit = fit)
  }
  first <- first_rows(auto$weight, auto$price)
  r <- auto$price[first] - fitted(best$fit)[first]
  kept <- w[first]
  list(powers = best$p, at = auto$weight[first], dresid = unname(r * sqrt(kept / mean(kept))))
}
out$qreg <- qreg_dresid(rep(1, nrow(auto)))
out$qreg_fw <- qreg_dresid(1 + (seq_len(nrow(auto)) %% 3))
# rreg: the outlier and the rows Cook's D puts out of the sample for each pair
outlier <- auto
heaviest <- which.max(outlier$weight)
outlier$price[heaviest] <- 60000
cooks <- list()
for (i in seq_along(S)) for (j in i:length(S)) {
  X <- fp_design(z, S[i], S[j])
  d <- cooks.distance(lm(outlier$price ~ X))
  cooks[[sprintf("%g %g", S[i], S[j])]] <- which(d > 1) - 1  # 0-based rows
}
out$rreg <- list(outlier_row = heaviest - 1, outlier_price = 60000, out_of_sample = cooks)
writeLines(toJSON(out, digits = 15, auto_unbox = FALSE), file.path(here, "fpfit_dresid_robust.json"))
