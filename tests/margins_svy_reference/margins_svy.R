# Reference values for tests/test_margins_after_svy.py (mgs79): Stata's
# `margins g, vce(unconditional)` after `svy: logit y x i.g` -- the predictive margin of each
# level of g and its design-based linearized SE.  R's survey package fits the model (svyglm)
# and takes the design variance (svytotal over strata, PSUs, fpc) of each margin's influence
#   z_i = w_i (p_i - m)/W + J (-H)^-1 w_i (y_i - mu_i) x_i,  J = dm/db,
# so the fit, the predictions and the variance engine are R's.  (survey::svypredmeans, printed
# too, drops the cross term between the two parts: its SEs are not Stata's.)
# Data: the test fixture, written by the Python lines in README.md.
# Run: Rscript margins_svy.R /tmp/ref.csv > values.txt
suppressMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
d$g <- factor(d$g)
for (with_fpc in c(FALSE, TRUE)) {
  des <- if (with_fpc) svydesign(ids = ~psu, strata = ~strata, weights = ~w, fpc = ~fpc, data = d, nest = TRUE) else
    svydesign(ids = ~psu, strata = ~strata, weights = ~w, data = d, nest = TRUE)
  fit <- svyglm(y ~ x + g, design = des, family = quasibinomial())
  X <- model.matrix(fit)
  b <- coef(fit)
  mu <- drop(plogis(X %*% b))
  w <- d$w
  H <- t(X) %*% (X * (w * mu * (1 - mu)))
  IF <- (X * (w * (d$y - mu))) %*% solve(H)
  for (lev in levels(d$g)) {
    Xl <- X
    Xl[, "g2"] <- as.numeric(lev == "2")
    Xl[, "g3"] <- as.numeric(lev == "3")
    p <- drop(plogis(Xl %*% b))
    m <- sum(w * p) / sum(w)
    J <- colSums(Xl * (w * p * (1 - p))) / sum(w)
    z <- w * (p - m) / sum(w) + drop(IF %*% J)
    # svytotal weights its variable: z / w has the weighted total sum(z)
    v <- vcov(svytotal(~zw, update(des, zw = z / w)))
    cat(sprintf("fpc=%s level=%s margin=%.12f se=%.12f\n", with_fpc, lev, m, sqrt(v[1, 1])))
  }
  pm <- svypredmeans(svyglm(y ~ x, design = des, family = quasibinomial()), ~g)
  cat(sprintf("svypredmeans fpc=%s level=%s margin=%.12f se=%.12f\n", with_fpc, names(coef(pm)), coef(pm),
              SE(pm)), sep = "")
}
