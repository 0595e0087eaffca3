# Reference values for twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3))
# on stset time [iweight=w], failure(status==1), w = (1 + (row - 1) %% 3) / 4
# (tests/test_survival_stcrreg_iweights.py): fpfit_stcrreg_fweights.R's search and fit on the
# Melanoma data expanded by 4 w (crr has no weights), with crr_iweights.R's rules for iweights
# c fw, c = 1/4: the same powers and b, V crr's / c times M/(M-1), M = c N the sum of the
# iweights; twoway keeps at each distinct age the record with the smallest thickness.
# Run from the worktree root:
#   Rscript tests/survival_reference/fpfit_stcrreg_iweights.R > tests/survival_reference/fpfit_stcrreg_iweights.json
source("tests/survival_reference/fpfit_stcrreg_common.R")
d0 <- read.csv("tests/survival_reference/melanoma.csv")
d <- d0[rep(seq_len(nrow(d0)), 1 + (seq_len(nrow(d0)) - 1) %% 3), ]
cw <- 1 / 4
sc <- 10^floor(log10(max(d$thickness) - min(d$thickness)))
fit <- function(X) crr(d$time, d$status, cbind(X, d$age), failcode = 1, cencode = 2, gtol = 1e-12, maxiter = 100)
p <- best_powers(d$thickness / sc, fit)
centre <- fp(mean(d0$thickness / sc), p)
f <- fit(sweep(fp(d$thickness / sc, p), 2, centre))
m <- cw * nrow(d)
keep <- kept_rows(d0$age, d0$thickness)
X0 <- cbind(sweep(fp(d0$thickness[keep] / sc, p), 2, centre), d0$age[keep])
out <- fracpred(p, d0$age[keep], X0, f$coef, f$var / cw * m / (m - 1))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
