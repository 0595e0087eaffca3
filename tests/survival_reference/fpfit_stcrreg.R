# Reference values for twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3))
# on stset time, failure(status==1) (tests/test_survival_stcrreg.py): fracpoly's st form --
# thickness (the plot's y) the FP variable, scaled as fracpoly scales it (no shift: thickness > 0;
# divided by 10^floor(log10(range)) = 10), the degree-2 powers by the deviance -2 ll of
# cmprsk::crr (Fine and Gray) with age linear, the terms centred at the mean of the scaled
# thickness; fracpred's x b and stdp at the observation twoway keeps at each distinct age
# (sorted by age and thickness: the smallest thickness); stcrreg's V is crr's times N/(N-1).
# predopts(for(thickness) [stdp]), for(age): fracpred's pcalc/vcalc over the variable's own
# terms (e(V) has no row after the terms and age: no constant added).
# Run from the worktree root (fpfit_stcrreg_common.R holds the search).
source("tests/survival_reference/fpfit_stcrreg_common.R")
d <- read.csv("tests/survival_reference/melanoma.csv")
z <- d$thickness / 10^floor(log10(max(d$thickness) - min(d$thickness)))
fit <- function(X) crr(d$time, d$status, cbind(X, d$age), failcode = 1, cencode = 2, gtol = 1e-12, maxiter = 100)
p <- best_powers(z, fit)
Xc <- sweep(fp(z, p), 2, fp(mean(z), p))
f <- fit(Xc)
n <- nrow(d)
keep <- kept_rows(d$age, d$thickness)
out <- fracpred(p, d$age[keep], cbind(Xc[keep, , drop = FALSE], d$age[keep]), f$coef, f$var * n / (n - 1))
I <- Xc[keep, , drop = FALSE]; V <- f$var * n / (n - 1); k <- ncol(I)
out$for_thickness <- as.vector(I %*% f$coef[1:k])
out$for_thickness_se <- sqrt(rowSums((I %*% V[1:k, 1:k]) * I))
out$for_age <- d$age[keep] * f$coef[k + 1]
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
