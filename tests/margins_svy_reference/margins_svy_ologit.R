# Reference values for tests/test_margins_after_svy.py (mgs79): `margins, predict(outcome(2))`
# after `svy: ologit yo x i.g` (vce(delta)): survey::svyolr fits the ordered logit with the
# design's (linearized) variance; the margin of Pr(yo == 2) averaged over the sample with the
# pweights and its delta-method SE from svyolr's vcov are computed here.
# Data: the test's ologit data (README.md).  Run: Rscript margins_svy_ologit.R /tmp/ologit.csv
suppressMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
d$g <- factor(d$g)
d$yo <- factor(d$yo)
for (with_fpc in c(FALSE, TRUE)) {
  des <- if (with_fpc) svydesign(ids = ~psu, strata = ~strata, weights = ~w, fpc = ~fpc, data = d, nest = TRUE) else
    svydesign(ids = ~psu, strata = ~strata, weights = ~w, data = d, nest = TRUE)
  fit <- svyolr(yo ~ x + g, design = des)
  X <- model.matrix(~ x + g, d)[, -1]
  eta <- drop(X %*% coef(fit)[colnames(X)])
  z <- fit$zeta
  w <- d$w
  W <- sum(w)
  p2 <- plogis(z[2] - eta) - plogis(z[1] - eta)
  m <- sum(w * p2) / W
  f1 <- dlogis(z[1] - eta)
  f2 <- dlogis(z[2] - eta)
  grad <- c(colSums(X * (w * -(f2 - f1))) / W, sum(w * -f1) / W, sum(w * f2) / W)
  V <- vcov(fit)[c(colnames(X), names(z)), c(colnames(X), names(z))]
  cat(sprintf("ologit fpc=%s margin=%.12f se=%.12f\n", with_fpc, m, sqrt(drop(t(grad) %*% V %*% grad))))
}
