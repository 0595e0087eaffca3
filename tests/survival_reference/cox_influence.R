# Reference values for predict's ccsnell, cmgale, ldisplace and lmax after stcox
# (tests/test_survival_predict_stcox_influence.py) on the lung data: survival::coxph's martingale
# and score residuals, the Cox-Snell residual d - martingale, the likelihood displacement
# s_i V s_i' and LMAX |z_i| (z the unit eigenvector of the largest eigenvalue of S V S'), V = vcov.
# One record a subject (Breslow and Efron ties) and two (split at 200 days; collapse = id sums a
# subject's records, partial = each record's own).
# Run from the repository root:
#   Rscript tests/survival_reference/cox_influence.R > tests/survival_reference/cox_influence.json
library(survival)
d <- read.csv("tests/survival_reference/lung.csv")
d$month <- ceiling(d$time / 30)
d$id <- seq_len(nrow(d))
influence <- function(S, V) {
  ld <- rowSums((S %*% V) * S)
  B <- S %*% V %*% t(S)
  z <- eigen(B, symmetric = TRUE)$vectors[, 1]
  list(ldisplace = unname(ld), lmax = unname(abs(z)))
}
out <- list()
for (ties in c("breslow", "efron")) {
  f <- coxph(Surv(month, died) ~ age + female, data = d, ties = ties)
  m <- unname(residuals(f, "martingale"))
  out[[ties]] <- c(list(b = unname(coef(f)), mgale = m, csnell = d$died - m),
                   influence(residuals(f, "score"), vcov(f)))
}
s <- survSplit(Surv(time, died) ~ age + female + id, data = d, cut = 200, episode = "ep")
f <- coxph(Surv(tstart, time, died) ~ age + female, data = s, ties = "breslow")
m <- unname(residuals(f, "martingale", collapse = s$id))
dead <- tapply(s$died, s$id, sum)
whole <- influence(residuals(f, "score", collapse = s$id), vcov(f))
part <- influence(residuals(f, "score"), vcov(f))
out[["split"]] <- list(b = unname(coef(f)), mgale = m, csnell = unname(dead) - m,
                       ldisplace = whole$ldisplace, lmax = whole$lmax,
                       ldisplace_partial = part$ldisplace, lmax_partial = part$lmax,
                       id = s$id, t = s$time)
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
