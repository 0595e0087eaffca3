# Reference values for tests/test_xthybrid.py: the hybrid and CRE models xthybrid fits, computed
# independently with lme4 from the same data (hybrid_data.csv) and the same generated regressors:
# B__x = cluster mean of x, W__x = x - B__x (hybrid), D__x = cluster mean and W__x = x (cre),
# R__z = z (z does not vary within clusters).  Maximum likelihood (REML = FALSE), as meglm.
# Run: Rscript hybrid_lme4.R > hybrid_lme4.txt
suppressMessages(library(lme4))
d <- read.csv("hybrid_data.csv")
for (x in c("x1", "x2")) {
  d[[paste0("B__", x)]] <- ave(d[[x]], d$id)
  d[[paste0("W__", x)]] <- d[[x]] - d[[paste0("B__", x)]]
}
d$R__z <- d$z
out <- function(tag, fit, wald_pairs) {
  b <- fixef(fit); V <- as.matrix(vcov(fit))
  for (n in names(b)) cat(sprintf("%s b %s %.10g\n", tag, n, b[n]))
  for (n in names(b)) cat(sprintf("%s se %s %.10g\n", tag, n, sqrt(V[n, n])))
  cat(sprintf("%s ll %.10g\n", tag, as.numeric(logLik(fit))))
  k <- attr(logLik(fit), "df")
  cat(sprintf("%s aic %.10g\n", tag, -2 * as.numeric(logLik(fit)) + 2 * k))
  cat(sprintf("%s bic %.10g\n", tag, -2 * as.numeric(logLik(fit)) + log(nrow(d)) * k))
  s <- setdiff(names(b), "(Intercept)")
  cat(sprintf("%s chi2 %.10g\n", tag, t(b[s]) %*% solve(V[s, s]) %*% b[s]))
  vc <- as.data.frame(VarCorr(fit))
  cat(sprintf("%s var_cons %.10g\n", tag, vc$vcov[1]))
  for (p in wald_pairs) {
    L <- setNames(rep(0, length(b)), names(b)); L[p[1]] <- 1; if (length(p) > 1) L[p[2]] <- -1
    w <- sum(L * b)^2 / as.numeric(t(L) %*% V %*% L)
    cat(sprintf("%s test %s %.10g\n", tag, p[1], pchisq(w, 1, lower.tail = FALSE)))
  }
}
hyb <- lmer(y ~ R__z + W__x1 + W__x2 + B__x1 + B__x2 + (1 | id), data = d, REML = FALSE)
out("gauss", hyb, list(c("B__x1", "W__x1"), c("B__x2", "W__x2")))
cat(sprintf("gauss var_e %.10g\n", sigma(hyb)^2))
d2 <- d; d2$W__x1 <- d$x1; d2$W__x2 <- d$x2; d2$D__x1 <- d$B__x1; d2$D__x2 <- d$B__x2
cre <- lmer(y ~ R__z + W__x1 + W__x2 + D__x1 + D__x2 + (1 | id), data = d2, REML = FALSE)
out("cre", cre, list(c("D__x1"), c("D__x2")))
# bernoulli/logit: adaptive Gauss-Hermite with many points (meglm: 7-point mvaghermite)
lg <- glmer(yb ~ R__z + W__x1 + W__x2 + B__x1 + B__x2 + (1 | id), data = d, family = binomial,
            nAGQ = 30, control = glmerControl(optimizer = "bobyqa"))
out("logit", lg, list(c("B__x1", "W__x1"), c("B__x2", "W__x2")))
