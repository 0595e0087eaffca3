# Reference values for stcrreg on multiple records per subject (tests/test_survival_stcrreg_records.py):
# MASS's Melanoma data (tests/survival_reference/melanoma.csv) split at analysis times 500, 1000
# and 2500 (each piece (t0, t]; the earlier pieces of a subject censored, status 2), with a
# covariate that changes between a subject's records, tk = thickness * (1 + (t0 >= 1000)).
# survival::finegray (the subjects failed of the competing event kept in the risk sets with
# their last record's covariates, weighted by the censoring Kaplan-Meier) and coxph on its data
# give the coefficients and the log pseudolikelihood (coxph's robust variance has no term for
# the estimated censoring distribution: not compared).
# Run from the worktree root: Rscript tests/survival_reference/finegray_records.R > tests/survival_reference/finegray_records.json
library(survival)
d <- read.csv("tests/survival_reference/melanoma.csv")
d$id <- seq_len(nrow(d))
d$died <- as.numeric(d$status != 2)
s <- survSplit(Surv(time, died) ~ ., data = d, cut = c(500, 1000, 2500), start = "t0", end = "t", event = "ev")
s$status <- ifelse(s$ev == 0, 2, s$status)
s$tk <- s$thickness * (1 + (s$t0 >= 1000))
s$event <- factor(ifelse(s$status == 2, 0, ifelse(s$status == 1, 1, 2)), 0:2, c("censor", "melanoma", "other"))
fg <- finegray(Surv(t0, t, event) ~ age + sex + thickness + ulcer + tk, data = s, id = id, etype = "melanoma", timefix = FALSE)
out <- list()
put <- function(name, f) out[[name]] <<- list(b = unname(coef(f)), ll = f$loglik[2], nrec = nrow(s))
put("tk", coxph(Surv(fgstart, fgstop, fgstatus) ~ age + sex + tk, weights = fgwt, data = fg, ties = "breslow",
                control = coxph.control(eps = 1e-12, iter.max = 100, timefix = FALSE)))
# the same split with constant covariates (stcrreg must give crr's single-record values)
put("constant", coxph(Surv(fgstart, fgstop, fgstatus) ~ age + sex + thickness + ulcer, weights = fgwt, data = fg,
                      ties = "breslow", control = coxph.control(eps = 1e-12, iter.max = 100, timefix = FALSE)))
write.csv(s[, c("id", "t0", "t", "status", "age", "sex", "thickness", "ulcer", "tk")],
          "tests/survival_reference/melanoma_records.csv", row.names = FALSE)
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
