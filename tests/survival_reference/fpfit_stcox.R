# Reference values for twoway fpfitci age wt_loss, estcmd(stcox) on stset time, failure(died)
# (tests/test_survival_fpfit.py): fracpoly's st form -- age (the plot's y) the FP variable,
# scaled as fracpoly scales it (no shift: age > 0; divided by 10^floor(log10(range)) = 10), the
# degree-2 powers by the Cox deviance -2 ll with wt_loss linear, the terms centred at the mean
# of the scaled age; fracpred's x b and stdp at the observation twoway keeps at each distinct
# wt_loss (sorted by wt_loss and age: the smallest age).  Breslow ties; also efron.
library(survival)
d <- read.csv("tests/survival_reference/lung.csv")
d <- d[!is.na(d$wt.loss), ]
x <- d$age
source("tests/graphs_reference/fp_terms.R")  # S, terms(), the scaled z, search_powers()
out <- list()
for (ties in c("breslow", "efron")) {
  best <- search_powers(function(p) {
    X <- terms(z, p)
    -2 * coxph(Surv(d$time, d$died) ~ X + d$wt.loss, ties = ties)$loglik[2]
  }, tol = 1e-12, relative = TRUE)
  X <- terms(z, best$powers)
  centre <- terms(mean(z), best$powers)
  Xc <- sweep(X, 2, centre)
  f <- coxph(Surv(d$time, d$died) ~ Xc + d$wt.loss, ties = ties)
  o <- order(d$wt.loss, d$age)
  keep <- o[c(TRUE, diff(d$wt.loss[o]) != 0)]
  X0 <- cbind(Xc[keep, , drop = FALSE], d$wt.loss[keep])
  xb <- as.vector(X0 %*% coef(f))
  se <- sqrt(rowSums((X0 %*% vcov(f)) * X0))
  out[[ties]] <- list(powers = best$powers, at = d$wt.loss[keep], xb = xb, se = se, b = unname(coef(f)))
}
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
