# Reference values for twoway fpfitci age wt_loss, estcmd(streg) estopts(distribution(weibull))
# on stset time, failure(died) (tests/test_survival_fpfit.py): as fpfit_stcox.R, the model
# streg's Weibull (survreg's AFT fit re-expressed in the hazard metric b = -a / sigma, the
# delta-method variance), with a constant; fracpred's x b includes _cons.  Also the time metric.
library(survival)
d <- read.csv("tests/survival_reference/lung.csv")
d <- d[!is.na(d$wt.loss), ]
z <- d$age / 10^floor(log10(max(d$age) - min(d$age)))
S <- c(-2, -1, -0.5, 0, 0.5, 1, 2, 3)
fp <- function(z, p) {
  t1 <- if (p[1] == 0) log(z) else z^p[1]
  t2 <- if (p[2] == p[1]) t1 * log(z) else if (p[2] == 0) log(z) else z^p[2]
  cbind(t1, t2)
}
best <- NULL
for (i in seq_along(S)) for (j in i:length(S)) {
  p <- c(S[i], S[j]); X <- fp(z, p)
  f <- survreg(Surv(d$time, d$died) ~ X + d$wt.loss, dist = "weibull")
  dev <- -2 * f$loglik[2]
  if (is.null(best) || dev < best$dev - 1e-12 * abs(best$dev)) best <- list(p = p, dev = dev)
}
Xc <- sweep(fp(z, best$p), 2, fp(mean(z), best$p))
f <- survreg(Surv(d$time, d$died) ~ Xc + d$wt.loss, dist = "weibull")
a <- coef(f); V <- vcov(f); k <- length(a); s <- f$scale
o <- order(d$wt.loss, d$age)
keep <- o[c(TRUE, diff(d$wt.loss[o]) != 0)]
X0 <- cbind(1, Xc[keep, , drop = FALSE], d$wt.loss[keep])   # survreg's order: (Intercept) first
J <- cbind(-diag(k) / s, a / s)
Vb <- (J %*% V %*% t(J))
ph <- list(xb = as.vector(X0 %*% (-a / s)), se = sqrt(rowSums((X0 %*% Vb) * X0)))
aft <- list(xb = as.vector(X0 %*% a), se = sqrt(rowSums((X0 %*% V[1:k, 1:k]) * X0)))
out <- list(powers = best$p, at = d$wt.loss[keep], hazard = ph, time = aft)
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
