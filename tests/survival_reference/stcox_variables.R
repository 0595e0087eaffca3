# Reference values for stcox's variable-writing options (mgale() esr() schoenfeld() scaledsch()
# basechazard(); tests/test_survival_stcox_variables.py) on the lung data: survival::coxph's
# residuals record by record (never collapsed: cox knows no stset id()), the scaled Schoenfeld
# residuals (b + d V r, coxph's residuals(type = "scaledsch")) and basehaz(centered = FALSE).
# Run from the repository root:
#   Rscript tests/survival_reference/stcox_variables.R > tests/survival_reference/stcox_variables.json
library(survival)
d <- read.csv("tests/survival_reference/lung.csv")
d$month <- ceiling(d$time / 30)
d$id <- seq_len(nrow(d))
at <- function(times, values, t) sapply(t, function(u) { i <- which(times <= u); if (length(i)) values[max(i)] else 0 })
out <- list()
for (ties in c("breslow", "efron")) {
  f <- coxph(Surv(month, died) ~ age + female, data = d, ties = ties)
  bh <- basehaz(f, centered = FALSE)
  out[[ties]] <- list(b = unname(coef(f)), mgale = unname(residuals(f, "martingale")),
                      score = unname(residuals(f, "score")), schoenfeld = unname(residuals(f, "schoenfeld")),
                      scaledsch = unname(residuals(f, "scaledsch")), basechazard = at(bh$time, bh$hazard, d$month))
}
# several records a subject (split at 200 days): each record's own residuals
s <- survSplit(Surv(time, died) ~ age + female + id, data = d, cut = 200, episode = "ep")
f <- coxph(Surv(tstart, time, died) ~ age + female, data = s, ties = "breslow")
out[["split"]] <- list(id = s$id, tstart = s$tstart, time = s$time, died = s$died,
                       mgale = unname(residuals(f, "martingale")), score = unname(residuals(f, "score")))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE))
