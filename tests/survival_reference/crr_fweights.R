# Reference values for stcrreg with stset fweights (tests/test_survival_stcrreg_tvc.py): R's
# cmprsk::crr on MASS's Melanoma data expanded by the frequency weights fw = 1 + (row - 1) %% 3
# (each record repeated fw times) -- stcrreg on the weighted data must give crr's coefficients,
# log pseudolikelihood and variance (times N/(N-1), N the sum of the weights).
# Run from the worktree root: Rscript tests/survival_reference/crr_fweights.R > tests/survival_reference/crr_fweights.json
library(cmprsk)
d <- read.csv("tests/survival_reference/melanoma.csv")
fw <- 1 + (seq_len(nrow(d)) - 1) %% 3
e <- d[rep(seq_len(nrow(d)), fw), ]
out <- list()
put <- function(name, f) {
  out[[name]] <<- list(b = unname(f$coef), se = unname(sqrt(diag(f$var))), ll = f$loglik, N = nrow(e),
                       times = unname(f$uftime), basecsh = unname(cumsum(f$bfitj)))
}
put("fw", crr(e$time, e$status, cbind(age = e$age, sex = e$sex, thickness = e$thickness),
              failcode = 1, cencode = 2, gtol = 1e-12, maxiter = 100))
# with tvc(ulcer) texp(ln(_t)) as well
put("fw_tvc", crr(e$time, e$status, cbind(age = e$age, sex = e$sex), cov2 = cbind(ulcer = e$ulcer),
                  tf = function(uft) cbind(log(uft)), failcode = 1, cencode = 2, gtol = 1e-12, maxiter = 100))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
