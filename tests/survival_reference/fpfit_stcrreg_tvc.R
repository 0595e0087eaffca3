# Reference values for twoway fpfitci thickness age, estcmd(stcrreg)
# estopts(compete(status==3) tvc(sex) texp(ln(_t))) on stset time, failure(status==1)
# (tests/test_survival_stcrreg_tvc.py): as fpfit_stcrreg.R -- fracpoly's st form, thickness
# scaled by 10, the degree-2 powers by -2 ll of cmprsk::crr with age linear -- every fit with
# crr's cov2 = sex and tf = log(t) (stcrreg's tvc(sex) texp(ln(_t))); fracpred's x b and stdp
# the main equation's (the FP terms and age) at the observation twoway keeps at each age;
# stcrreg's V is crr's times N/(N-1).
library(cmprsk)
d <- read.csv("tests/survival_reference/melanoma.csv")
z <- d$thickness / 10^floor(log10(max(d$thickness) - min(d$thickness)))
S <- c(-2, -1, -0.5, 0, 0.5, 1, 2, 3)
fp <- function(z, p) {
  t1 <- if (p[1] == 0) log(z) else z^p[1]
  t2 <- if (p[2] == p[1]) t1 * log(z) else if (p[2] == 0) log(z) else z^p[2]
  cbind(t1, t2)
}
fit <- function(X) crr(d$time, d$status, cbind(X, d$age), cov2 = cbind(sex = d$sex), tf = function(uft) cbind(log(uft)),
                       failcode = 1, cencode = 2, gtol = 1e-12, maxiter = 100)
best <- NULL
for (i in seq_along(S)) for (j in i:length(S)) {
  p <- c(S[i], S[j])
  dev <- -2 * fit(fp(z, p))$loglik
  if (is.null(best) || dev < best$dev - 1e-12 * abs(best$dev)) best <- list(p = p, dev = dev)
}
Xc <- sweep(fp(z, best$p), 2, fp(mean(z), best$p))
f <- fit(Xc)
n <- nrow(d)
V <- (f$var * n / (n - 1))[1:3, 1:3]
o <- order(d$age, d$thickness)
keep <- o[c(TRUE, diff(d$age[o]) != 0)]
X0 <- cbind(Xc[keep, , drop = FALSE], d$age[keep])
out <- list(powers = best$p, at = d$age[keep], xb = as.vector(X0 %*% f$coef[1:3]),
            se = sqrt(rowSums((X0 %*% V) * X0)), b = unname(f$coef))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
