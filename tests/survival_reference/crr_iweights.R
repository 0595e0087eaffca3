# Reference values for stcrreg with stset iweights (tests/test_survival_stcrreg_iweights.py).
# stcrreg.ado treats fweights and iweights alike ("whole new subjects": _robust with iweights
# sqrt(w), M the subjects' weights summed), so iweights iw = c fw, c = 1/4 and
# fw = 1 + (row - 1) %% 3, follow from R's cmprsk::crr on MASS's Melanoma data expanded by fw
# (each record repeated fw times; crr has no weights):
#   b   the same (the estimating equations, the risk-set ratios and the weighted censoring
#       Kaplan-Meier do not change when every weight is multiplied by c);
#   V   crr's variance / c times M/(M-1), M = c N (the Hessian is c times the expanded data's,
#       the sum of w u u' c times theirs);
#   ll  c ll_crr - c log(c) D, D the expanded data's failures (every S0 is c times theirs);
#   the baseline cumulative subhazard the same (sum d_k / S0_k: both c times theirs).
# Run from the worktree root:
#   Rscript tests/survival_reference/crr_iweights.R > tests/survival_reference/crr_iweights.json
library(cmprsk)
d <- read.csv("tests/survival_reference/melanoma.csv")
fw <- 1 + (seq_len(nrow(d)) - 1) %% 3
e <- d[rep(seq_len(nrow(d)), fw), ]
cw <- 1 / 4
N <- nrow(e)
M <- cw * N
D <- sum(e$status == 1)
out <- list(c = cw, N = M, N_fail = cw * D, N_compete = cw * sum(e$status == 3), N_censor = cw * sum(e$status == 2))
put <- function(name, f) {
  out[[name]] <<- list(b = unname(f$coef), se = unname(sqrt(diag(f$var) / cw * M / (M - 1))),
                       ll = cw * f$loglik - cw * log(cw) * D,
                       times = unname(f$uftime), basecsh = unname(cumsum(f$bfitj)))
}
put("iw", crr(e$time, e$status, cbind(age = e$age, sex = e$sex, thickness = e$thickness),
              failcode = 1, cencode = 2, gtol = 1e-12, maxiter = 100))
# with tvc(ulcer) texp(ln(_t)) as well
put("iw_tvc", crr(e$time, e$status, cbind(age = e$age, sex = e$sex), cov2 = cbind(ulcer = e$ulcer),
                  tf = function(uft) cbind(log(uft)), failcode = 1, cencode = 2, gtol = 1e-12, maxiter = 100))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
