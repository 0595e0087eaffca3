# Reference values for twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3))
# on stset time [fweight=w], failure(status==1), w = 1 + (row - 1) %% 3
# (tests/test_survival_stcrreg_weights.py): fpfit_stcrreg.R's search and fit on the Melanoma
# data expanded by the weights (crr has no weights), V crr's times N/(N-1), N the sum of the
# weights; the terms centred at the unweighted mean of the scaled thickness over the records,
# as mlm's fracpoly centres with every estcmd() and weight (fractional_polynomials.best_fp);
# twoway keeps at each distinct age the record with the smallest thickness.
source("tests/survival_reference/fpfit_stcrreg_common.R")
d0 <- read.csv("tests/survival_reference/melanoma.csv")
d <- d0[rep(seq_len(nrow(d0)), 1 + (seq_len(nrow(d0)) - 1) %% 3), ]
sc <- 10^floor(log10(max(d$thickness) - min(d$thickness)))
fit <- function(X) crr(d$time, d$status, cbind(X, d$age), failcode = 1, cencode = 2, gtol = 1e-12, maxiter = 100)
p <- best_powers(d$thickness / sc, fit)
centre <- fp(mean(d0$thickness / sc), p)
f <- fit(sweep(fp(d$thickness / sc, p), 2, centre))
n <- nrow(d)
keep <- kept_rows(d0$age, d0$thickness)
X0 <- cbind(sweep(fp(d0$thickness[keep] / sc, p), 2, centre), d0$age[keep])
out <- fracpred(p, d0$age[keep], X0, f$coef, f$var * n / (n - 1))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
