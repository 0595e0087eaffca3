# Reference values for twoway fpfitci age wt_loss, estcmd(stcox) on stset time, failure(died)
# (tests/test_survival_fpfit.py): fracpoly's st form -- age (the plot's y) the FP variable,
# scaled as fracpoly scales it (no shift: age > 0; divided by 10^floor(log10(range)) = 10), the
# degree-2 powers by the Cox deviance -2 ll with wt_loss linear, the terms centred at the mean
# of the scaled age; fracpred's x b and stdp at the observation twoway keeps at each distinct
# wt_loss (sorted by wt_loss and age: the smallest age).  Breslow ties; also efron.
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
out <- list()
for (ties in c("breslow", "efron")) {
  best <- NULL
  for (i in seq_along(S)) for (j in i:length(S)) {
    p <- c(S[i], S[j]); X <- fp(z, p)
    f <- coxph(Surv(d$time, d$died) ~ X + d$wt.loss, ties = ties)
    dev <- -2 * f$loglik[2]
    if (is.null(best) || dev < best$dev - 1e-12 * abs(best$dev)) best <- list(p = p, dev = dev)
  }
  X <- fp(z, best$p)
  centre <- fp(mean(z), best$p)
  Xc <- sweep(X, 2, centre)
  f <- coxph(Surv(d$time, d$died) ~ Xc + d$wt.loss, ties = ties)
  o <- order(d$wt.loss, d$age)
  keep <- o[c(TRUE, diff(d$wt.loss[o]) != 0)]
  X0 <- cbind(Xc[keep, , drop = FALSE], d$wt.loss[keep])
  xb <- as.vector(X0 %*% coef(f))
  se <- sqrt(rowSums((X0 %*% vcov(f)) * X0))
  out[[ties]] <- list(powers = best$p, at = d$wt.loss[keep], xb = xb, se = se, b = unname(coef(f)))
}
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
