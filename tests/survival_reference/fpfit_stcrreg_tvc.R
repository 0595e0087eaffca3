# Reference values for twoway fpfitci thickness age, estcmd(stcrreg)
# estopts(compete(status==3) tvc(sex) texp(ln(_t))) on stset time, failure(status==1)
# (tests/test_survival_stcrreg_tvc.py): as fpfit_stcrreg.R -- fracpoly's st form, thickness
# scaled by 10, the degree-2 powers by -2 ll of cmprsk::crr with age linear -- every fit with
# crr's cov2 = sex and tf = log(t) (stcrreg's tvc(sex) texp(ln(_t))); fracpred's x b and stdp
# the main equation's (the FP terms and age) at the observation twoway keeps at each age;
# stcrreg's V is crr's times N/(N-1).
source("tests/survival_reference/fpfit_stcrreg_common.R")
d <- read.csv("tests/survival_reference/melanoma.csv")
z <- d$thickness / 10^floor(log10(max(d$thickness) - min(d$thickness)))
fit <- function(X) crr(d$time, d$status, cbind(X, d$age), cov2 = cbind(sex = d$sex), tf = function(uft) cbind(log(uft)),
                       failcode = 1, cencode = 2, gtol = 1e-12, maxiter = 100)
p <- best_powers(z, fit)
Xc <- sweep(fp(z, p), 2, fp(mean(z), p))
f <- fit(Xc)
n <- nrow(d)
keep <- kept_rows(d$age, d$thickness)
out <- fracpred(p, d$age[keep], cbind(Xc[keep, , drop = FALSE], d$age[keep]), f$coef[1:3],
                (f$var * n / (n - 1))[1:3, 1:3])
out$b <- unname(f$coef)
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
