# Reference values for twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3))
# on the multiple-record Melanoma data (melanoma_records.csv, finegray_records.R; stset t, id(id)
# failure(status==1)) (tests/test_survival_stcrreg_records.py).  thickness and age are constant
# within a subject, so every candidate model is the single-record one (stcrreg's split-record
# equivalence, checked there against crr): the powers by -2 ll of cmprsk::crr on the subjects,
# V crr's times N/(N-1) (N = 205 id clusters); fracpoly centres the terms at the mean of the
# scaled thickness over the 631 records of e(sample); twoway keeps at each distinct age the
# record with the smallest thickness.
library(cmprsk)
d <- read.csv("tests/survival_reference/melanoma.csv")
r <- read.csv("tests/survival_reference/melanoma_records.csv")
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
centre <- fp(mean(r$thickness / sc), best$p)
f <- fit(sweep(fp(z, best$p), 2, centre))
n <- nrow(d)
V <- f$var * n / (n - 1)
o <- order(r$age, r$thickness)
keep <- o[c(TRUE, diff(r$age[o]) != 0)]
X0 <- cbind(sweep(fp(r$thickness[keep] / sc, best$p), 2, centre), r$age[keep])
out <- list(powers = best$p, at = r$age[keep], xb = as.vector(X0 %*% f$coef),
            se = sqrt(rowSums((X0 %*% V) * X0)), b = unname(f$coef))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
