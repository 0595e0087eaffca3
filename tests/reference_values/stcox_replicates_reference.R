# stcox's vce(jackknife) (mlmcli.commands.estimation.stcox_replicates) against leave-one-out
# refits with survival::coxph.  Data: st_replicates_subjects.csv (40 subjects, 54 records;
# stset t1, id(pid) failure(died) makes the records (t0, t1]).  The jackknife V is
# (n-1)/n * sum (b_i - mean b_i)(b_i - mean b_i)' (mse: deviations from the full-sample b).
# Run here: Rscript stcox_replicates_reference.R  ->  stcox_replicates_reference.json
library(survival)
s <- read.csv("st_replicates_subjects.csv")
jk <- function(B, center = colMeans(B)) {
  n <- nrow(B); D <- sweep(B, 2, center)
  (n - 1) / n * crossprod(D)
}
se <- function(V) sqrt(diag(V))
ctl <- coxph.control(eps = 1e-12, iter.max = 100)
out <- list()
fit_id <- function(d, ties) coef(coxph(Surv(t0, t1, died) ~ x + grp, d, ties = ties, control = ctl))
for (ties in c("breslow", "efron")) {
  B <- t(sapply(unique(s$pid), function(j) fit_id(s[s$pid != j, ], ties)))
  b <- fit_id(s, ties)
  out[[paste0("id_", ties)]] <- list(b = unname(b), se = unname(se(jk(B))), se_mse = unname(se(jk(B, b))))
}
# without id(): each record its own subject, (0, t1], left out one at a time
fit_rec <- function(d) coef(coxph(Surv(t1, died) ~ x + grp, d, ties = "breslow", control = ctl))
B <- t(sapply(seq_len(nrow(s)), function(i) fit_rec(s[-i, ])))
out$records_breslow <- list(b = unname(fit_rec(s)), se = unname(se(jk(B))))
# strata(grp) with id(): subjects left out
fit_st <- function(d) coef(coxph(Surv(t0, t1, died) ~ x + strata(grp), d, ties = "breslow", control = ctl))
B <- matrix(sapply(unique(s$pid), function(j) fit_st(s[s$pid != j, ])), ncol = 1)
out$strata_breslow <- list(b = unname(fit_st(s)), se = unname(se(jk(B))))
cat(jsonlite::toJSON(out, digits = NA, auto_unbox = TRUE), file = "stcox_replicates_reference.json")
