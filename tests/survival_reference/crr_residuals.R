# Reference values for predict's esr and schoenfeld after stcrreg
# (tests/test_survival_stcrreg_predict_residuals.py) on MASS's Melanoma data
# (tests/survival_reference/melanoma.csv): survival::finegray's weighted counting-process data
# fitted by coxph (Breslow ties): its b (Fine and Gray's), the score residuals weighted and summed
# by subject (the efficient score residuals, the censoring distribution treated as known) and
# the Schoenfeld residuals of the failures of interest (in order of time).
# Run from the worktree root:
#   Rscript tests/survival_reference/crr_residuals.R > tests/survival_reference/crr_residuals.json
library(survival)
d <- read.csv("tests/survival_reference/melanoma.csv")
d$id <- seq_len(nrow(d))
d$ev <- factor(ifelse(d$status == 2, 0, d$status), levels = c(0, 1, 3))
fg <- finegray(Surv(time, ev) ~ age + sex + thickness + ulcer + id, data = d, etype = "1")
f <- coxph(Surv(fgstart, fgstop, fgstatus) ~ age + sex + thickness + ulcer, weights = fgwt, data = fg,
           ties = "breslow")
esr <- rowsum(residuals(f, type = "score", weighted = TRUE), fg$id)
sch <- residuals(f, type = "schoenfeld")
out <- list(b = unname(coef(f)), esr = unname(esr), schoenfeld = unname(sch),
            schoenfeld_time = unname(as.numeric(rownames(sch))))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
