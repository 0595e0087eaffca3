# Reference values for estat phtest and estat concordance after stcox
# (tests/test_stcox_phtest.py, tests/test_estat_concordance.py) on the lung data, month = ceil(time/30).
# phtest: Grambsch and Therneau's test written out from the published formula (Grambsch and
# Therneau 1994; the cox.zph of survival before 3.0): on the failures, x = g(t) - mean g(t),
# r the Schoenfeld residuals (residuals(f, "schoenfeld")), d the number of failures,
#   covariate j: rho = cor(s_j, g), s = b + d r V_model (the scaled residuals);
#                chi2 = (x' s_j)^2 / (d V_jj x'x)
#   global:      u = x' r, chi2 = u' V u d / x'x
# with V f$var (the robust variance with robust = TRUE times n/(n-1), as estat phtest uses e(V); the scaled
# residuals keep the model-based f$naive.var).  g: t, log t, rank(t) (average ranks), 1 - S(t-)
# with S the Kaplan-Meier estimate (left continuous), t^2.
# concordance: survival::concordance(f) counts (concordant, discordant, tied.x), Harrell's C
# and, for K, Gönen and Heller's formula 2/(n(n-1)) sum_{i<j} 1/(1 + exp(-|xb_i - xb_j|)).
# Run from the repository root: Rscript tests/survival_reference/cox_phtest.R > tests/survival_reference/cox_phtest.json
library(survival)
d <- read.csv("tests/survival_reference/lung.csv")
d$month <- ceiling(d$time / 30)
d$ecog <- d$ph.ecog
gt <- function(f, r, V, Vm, t) {
  km <- survfit(f$y ~ 1)  # the Kaplan-Meier estimate on the fit's sample (e(sample))
  s_left <- function(t) sapply(t, function(u) { i <- which(km$time < u); if (length(i)) km$surv[max(i)] else 1 })
  dcount <- nrow(r)
  out <- list()
  for (tf in c("time", "log", "rank", "km", "square")) {
    g <- switch(tf, time = t, log = log(t), rank = rank(t), km = 1 - s_left(t), square = t^2)
    x <- g - mean(g)
    s <- sweep(dcount * r %*% Vm, 2, coef(f), "+")
    chi2 <- c((x %*% s)^2) / (diag(V) * dcount * sum(x^2))
    u <- c(x %*% r)
    out[[tf]] <- list(rho = unname(c(cor(x, s))), chi2 = unname(chi2),
                      global = c(u %*% V %*% u) * dcount / sum(x^2))
  }
  out
}
res <- list()
for (ties in c("breslow", "efron")) {
  f <- coxph(Surv(month, died) ~ age + female, data = d, ties = ties)
  r <- residuals(f, "schoenfeld")
  res[[ties]] <- gt(f, r, f$var, f$var, as.numeric(rownames(r)))
}
f <- coxph(Surv(month, died) ~ age + female, data = d, ties = "efron", robust = TRUE)
r <- residuals(f, "schoenfeld")
# Stata multiplies the robust variance by n/(n - 1) (stcox's default adjustment), coxph does not
res[["robust"]] <- gt(f, r, f$var * nrow(d) / (nrow(d) - 1), f$naive.var, as.numeric(rownames(r)))
f <- coxph(Surv(month, died) ~ age + female + strata(ecog), data = d, ties = "breslow")
r <- residuals(f, "schoenfeld")
res[["strata"]] <- gt(f, r, f$var, f$var, as.numeric(rownames(r)))
conc <- function(f) {
  k <- concordance(f)
  list(C = unname(k$concordance), concordant = unname(k$count["concordant"]),
       discordant = unname(k$count["discordant"]), tied = unname(k$count["tied.x"]))
}
f <- coxph(Surv(month, died) ~ age + female, data = d, ties = "breslow")
xb <- c(as.matrix(d[, c("age", "female")]) %*% coef(f))
dif <- abs(outer(xb, xb, "-"))
n <- length(xb)
res[["concordance"]] <- conc(f)
res[["concordance"]]$K <- sum((1 / (1 + exp(-dif)))[upper.tri(dif)]) * 2 / (n * (n - 1))
f <- coxph(Surv(month, died) ~ age + female + strata(ecog), data = d, ties = "breslow")
res[["concordance_strata"]] <- conc(f)
cat(jsonlite::toJSON(res, digits = NA, auto_unbox = TRUE, pretty = TRUE))
