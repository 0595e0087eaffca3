# Reference values for `predict ..., reffects reses(...)` after `mixed` (tests/test_predict_reses.py).
# Run: Rscript tests/reference_values/reses_reference.R  (writes reses_reference.json next to it)
#
# Stata's conventions (mlmcli/mixed/blups.py docstring; [ME] mixed postestimation, Methods and formulas):
#  - after ML the standard error of a BLUP is the conditional SD given the estimates, which is what
#    lme4's ranef(condVar = TRUE) reports (sqrt of the diagonal of its "postVar" array);
#  - after REML it is the comparative SE: sqrt(diag Var(b~ - b)), the random-effects block of the
#    inverse of Henderson's mixed-model equations times sigma^2, which adds the uncertainty of beta^.
#    lme4 does not report this, so it is computed here from getME()'s X, Z, Lambda and sigma.
suppressMessages({library(lme4); library(jsonlite); library(Matrix)})
data(sleepstudy, package = "lme4")

blups <- function(fit) {
  re <- ranef(fit, condVar = TRUE)$Subject
  pv <- attr(re, "postVar")                 # q x q x groups
  cond <- t(sqrt(apply(pv, 3, diag)))         # groups x q
  X <- getME(fit, "X"); Z <- getME(fit, "Z"); L <- getME(fit, "Lambda"); s2 <- sigma(fit)^2
  # Henderson's equations in the spherical metric u = Lambda^-1 b: [X'X X'ZL; L'Z'X L'Z'ZL + I]
  ZL <- Z %*% L
  M <- rbind(cbind(crossprod(X), crossprod(X, ZL)), cbind(crossprod(ZL, X), crossprod(ZL) + Diagonal(ncol(ZL))))
  Minv <- solve(as.matrix(M))
  p <- ncol(X); idx <- (p + 1):nrow(M)
  Vb <- as.matrix(L %*% Minv[idx, idx] %*% t(L)) * s2    # Var(b~ - b), b = Lambda u
  q <- ncol(re)
  comp <- matrix(sqrt(diag(Vb)), ncol = q, byrow = TRUE)  # Z's columns: per group, terms inner
  list(groups = rownames(re), terms = colnames(re), modes = unname(as.matrix(re)),
       se_conditional = unname(cond), se_comparative = comp, sigma = sigma(fit))
}
out <- list(
  lme4_version = as.character(packageVersion("lme4")),
  data = "lme4::sleepstudy (= ../shared/data/sleepstudy.dta)",
  model = "Reaction ~ Days + (Days | Subject)",
  ml = blups(lmer(Reaction ~ Days + (Days | Subject), sleepstudy, REML = FALSE)),
  reml = blups(lmer(Reaction ~ Days + (Days | Subject), sleepstudy, REML = TRUE)))
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
write_json(out, file.path(here, "reses_reference.json"), digits = 12, auto_unbox = TRUE, pretty = TRUE)
