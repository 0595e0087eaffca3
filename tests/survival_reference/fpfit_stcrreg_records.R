# Reference values for twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3))
# on the multiple-record Melanoma data (melanoma_records.csv, finegray_records.R; stset t, id(id)
# failure(status==1)) (tests/test_survival_stcrreg_records.py).  thickness and age are constant
# within a subject, so every candidate model is the single-record one (stcrreg's split-record
# equivalence, checked there against crr): the powers by -2 ll of cmprsk::crr on the subjects,
# V crr's times N/(N-1) (N = 205 id clusters); fracpoly centres the terms at the mean of the
# scaled thickness over the 631 records of e(sample); twoway keeps at each distinct age the
# record with the smallest thickness.
source("tests/survival_reference/fpfit_stcrreg_common.R")
d <- read.csv("tests/survival_reference/melanoma.csv")
r <- read.csv("tests/survival_reference/melanoma_records.csv")
sc <- 10^floor(log10(max(d$thickness) - min(d$thickness)))
fit <- function(X) crr(d$time, d$status, cbind(X, d$age), failcode = 1, cencode = 2, gtol = 1e-12, maxiter = 100)
p <- best_powers(d$thickness / sc, fit)
centre <- fp(mean(r$thickness / sc), p)
f <- fit(sweep(fp(d$thickness / sc, p), 2, centre))
n <- nrow(d)
keep <- kept_rows(r$age, r$thickness)
X0 <- cbind(sweep(fp(r$thickness[keep] / sc, p), 2, centre), r$age[keep])
out <- fracpred(p, r$age[keep], X0, f$coef, f$var * n / (n - 1))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
