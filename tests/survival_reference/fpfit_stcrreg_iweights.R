# Reference values for twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3))
# on stset time [iweight=w], failure(status==1), w = (1 + (row - 1) %% 3) / 4
# (tests/test_survival_stcrreg_iweights.py), from fpfit_stcrreg_fweights.R's search and fit
# with fweights 4 w (crr on the expanded data, read from fpfit_stcrreg_fweights.json) by
# crr_iweights.R's rules for iweights c fw, c = 1/4: the same powers, b and line; the band's
# stdp from V crr's / c times M/(M-1), M = c N the sum of the iweights, where the fweights'
# stdp took V crr's times N/(N-1).
# Run from the worktree root, after fpfit_stcrreg_fweights.R:
#   Rscript tests/survival_reference/fpfit_stcrreg_iweights.R > tests/survival_reference/fpfit_stcrreg_iweights.json
d <- read.csv("tests/survival_reference/melanoma.csv")
n <- sum(1 + (seq_len(nrow(d)) - 1) %% 3)
cw <- 1 / 4
m <- cw * n
out <- jsonlite::fromJSON("tests/survival_reference/fpfit_stcrreg_fweights.json")
out$se <- out$se * sqrt((m / (m - 1)) / cw / (n / (n - 1)))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
