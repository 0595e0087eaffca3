# Reference values for twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3))
# on stset time, failure(status==1) (tests/test_survival_stcrreg.py): fracpoly's st form --
# thickness (the plot's y) the FP variable, scaled as fracpoly scales it (no shift: thickness > 0;
# divided by 10^floor(log10(range)) = 10), the degree-2 powers by the deviance -2 ll of
# cmprsk::crr (Fine and Gray) with age linear, the terms centred at the mean of the scaled
# thickness; fracpred's x b and stdp at the observation twoway keeps at each distinct age
# (sorted by age and thickness: the smallest thickness); stcrreg's V is crr's times N/(N-1).
library(cmprsk)
d <- read.csv("tests/survival_reference/melanoma.csv")
x <- d$thickness
source("tests/graphs_reference/fp_terms.R")  # S, terms(), the scaled z, search_powers()
fit <- function(X) crr(d$time, d$status, cbind(X, d$age), failcode = 1, cencode = 2, gtol = 1e-12, maxiter = 100)
best <- search_powers(function(p) -2 * fit(terms(z, p))$loglik, tol = 1e-12, relative = TRUE)
Xc <- sweep(terms(z, best$powers), 2, terms(mean(z), best$powers))
f <- fit(Xc)
n <- nrow(d)
V <- f$var * n / (n - 1)
o <- order(d$age, d$thickness)
keep <- o[c(TRUE, diff(d$age[o]) != 0)]
X0 <- cbind(Xc[keep, , drop = FALSE], d$age[keep])
out <- list(powers = best$powers, at = d$age[keep], xb = as.vector(X0 %*% f$coef),
            se = sqrt(rowSums((X0 %*% V) * X0)), b = unname(f$coef))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
