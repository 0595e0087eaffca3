# Reference values for twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3))
# on stset time [fweight=w], failure(status==1), w = 1 + (row - 1) %% 3
# (tests/test_survival_stcrreg_weights.py): fpfit_stcrreg.R's search and fit on the Melanoma
# data expanded by the weights (crr has no weights), V crr's times N/(N-1), N the sum of the
# weights; the centring as below; twoway keeps at each distinct age the record with the smallest thickness.
library(cmprsk)
d0 <- read.csv("tests/survival_reference/melanoma.csv")
d <- d0[rep(seq_len(nrow(d0)), 1 + (seq_len(nrow(d0)) - 1) %% 3), ]
sc <- 10^floor(log10(max(d$thickness) - min(d$thickness)))
z <- d$thickness / sc
S <- c(-2, -1, -0.5, 0, 0.5, 1, 2, 3)
fp <- function(z, p) {
  t1 <- if (p[1] == 0) log(z) else z^p[1]
  t2 <- if (p[2] == p[1]) t1 * log(z) else if (p[2] == 0) log(z) else z^p[2]
  cbind(t1, t2)
}
fit <- function(X) crr(d$time, d$status, cbind(X, d$age), failcode = 1, cencode = 2, gtol = 1e-12, maxiter = 100)
best <- NULL
for (i in seq_along(S)) for (j in i:length(S)) {
  p <- c(S[i], S[j])
  dev <- -2 * fit(fp(z, p))$loglik
  if (is.null(best) || dev < best$dev - 1e-12 * abs(best$dev)) best <- list(p = p, dev = dev)
}
# the terms centred at the unweighted mean of the scaled thickness over the records, as mlm's
# fracpoly centres with every estcmd() and weight (fractional_polynomials.best_fp)
centre <- fp(mean(d0$thickness / sc), best$p)
f <- fit(sweep(fp(z, best$p), 2, centre))
n <- nrow(d)
V <- f$var * n / (n - 1)
o <- order(d0$age, d0$thickness)
keep <- o[c(TRUE, diff(d0$age[o]) != 0)]
X0 <- cbind(sweep(fp(d0$thickness[keep] / sc, best$p), 2, centre), d0$age[keep])
out <- list(powers = best$p, at = d0$age[keep], xb = as.vector(X0 %*% f$coef),
            se = sqrt(rowSums((X0 %*% V) * X0)), b = unname(f$coef))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
