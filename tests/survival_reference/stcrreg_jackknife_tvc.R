# Reference values for stcrreg's vce(jackknife) with tvc() and with constraints()
# (tests/test_stcrreg_replicates_tvc.py): the leave-one-subject-out Fine and Gray fits, each by
# survival::finegray (the censoring Kaplan-Meier re-estimated without the subject) and coxph on
# its data, and jackknife.ado's variance (n-1)/n sum (b_i - mean b)(b_i - mean b)'.
#  tvc:         MASS's Melanoma (melanoma.csv), stset time, failure(status==1),
#               stcrreg age sex thickness ulcer, compete(status==3) tvc(thickness): coxph's tt()
#               (thickness times the failure time, texp(_t)'s default) on finegray's data
#  constrained: constraint 1 sex = .4, stcrreg age sex thickness ulcer, compete(status==3)
#               constraints(1): sex's coefficient held at .4 (an offset .4 sex), the others fitted
# Run from the worktree root:
#   Rscript tests/survival_reference/stcrreg_jackknife_tvc.R > tests/survival_reference/stcrreg_jackknife_tvc.json
library(survival)
ctl <- coxph.control(eps = 1e-12, iter.max = 100, timefix = FALSE)
ev <- function(status) factor(ifelse(status == 2, 0, ifelse(status == 1, 1, 2)), 0:2, c("censor", "melanoma", "other"))
d <- read.csv("tests/survival_reference/melanoma.csv")
d$id <- seq_len(nrow(d)); d$t0 <- 0; d$t <- d$time; d$event <- ev(d$status)
d <- d[, c("id", "t0", "t", "event", "age", "sex", "thickness", "ulcer")]
fg <- function(s) finegray(Surv(t0, t, event) ~ ., data = s, id = id, etype = "melanoma", timefix = FALSE)
fit_tvc <- function(s) {
  f <- coxph(Surv(fgstart, fgstop, fgstatus) ~ age + sex + thickness + ulcer + tt(thickness), weights = fgwt,
             data = fg(s), ties = "breslow", tt = function(x, t, ...) x * t, control = ctl)
  unname(coef(f))
}
fit_cns <- function(s) {
  f <- coxph(Surv(fgstart, fgstop, fgstatus) ~ age + thickness + ulcer + offset(0.4 * sex), weights = fgwt,
             data = fg(s), ties = "breslow", control = ctl)
  b <- unname(coef(f))
  c(b[1], 0.4, b[2], b[3])
}
jack <- function(fitter) {
  b <- fitter(d)
  B <- t(sapply(d$id, function(i) fitter(d[d$id != i, ])))
  n <- nrow(B)
  D <- sweep(B, 2, colMeans(B))
  list(b = b, V = unname((n - 1) / n * crossprod(D)), n = n)
}
out <- list(tvc = jack(fit_tvc), constrained = jack(fit_cns))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
