# Reference values for stcrreg with stset iweights (tests/test_survival_stcrreg_iweights.py).
# stcrreg.ado treats fweights and iweights alike ("whole new subjects": _robust with iweights
# sqrt(w), M the subjects' weights summed), so iweights iw = c fw, c = 1/4 and
# fw = 1 + (row - 1) %% 3, follow from R's cmprsk::crr on MASS's Melanoma data expanded by fw
# (crr_fweights.R's fits, read from crr_fweights.json; crr has no weights):
#   b   the same (the estimating equations, the risk-set ratios and the weighted censoring
#       Kaplan-Meier do not change when every weight is multiplied by c);
#   V   crr's variance / c times M/(M-1), M = c N (the Hessian is c times the expanded data's,
#       the sum of w u u' c times theirs);
#   ll  c ll_crr - c log(c) D, D the expanded data's failures (every S0 is c times theirs);
#   the baseline cumulative subhazard the same (sum d_k / S0_k: both c times theirs).
# Run from the worktree root, after crr_fweights.R:
#   Rscript tests/survival_reference/crr_iweights.R > tests/survival_reference/crr_iweights.json
d <- read.csv("tests/survival_reference/melanoma.csv")
fw <- 1 + (seq_len(nrow(d)) - 1) %% 3
crr_fw <- jsonlite::fromJSON("tests/survival_reference/crr_fweights.json")
cw <- 1 / 4
M <- cw * sum(fw)
D <- sum(fw[d$status == 1])
out <- list(c = cw, N = M, N_fail = cw * D, N_compete = cw * sum(fw[d$status == 3]),
            N_censor = cw * sum(fw[d$status == 2]))
for (key in c("fw", "fw_tvc")) {
  f <- crr_fw[[key]]
  out[[sub("fw", "iw", key)]] <- list(b = f$b, se = f$se / sqrt(cw) * sqrt(M / (M - 1)),
                                      ll = cw * f$ll - cw * log(cw) * D, times = f$times, basecsh = f$basecsh)
}
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
