# Reference values for predict after stcox (tests/test_survival_predict_stcox.py) on the lung
# data: survival::coxph's residuals (martingale, deviance, score, schoenfeld, dfbeta), the
# cumulative baseline hazard basehaz(centered = FALSE) and the Kalbfleisch-Prentice baseline
# survivor (survfit at x = 0, stype = 1, ctype = 1), each record's value in data order (the
# Schoenfeld residuals of the failures in order of time).
# Run from the repository root: Rscript tests/survival_reference/cox_predict.R > tests/survival_reference/cox_predict.json
library(survival)
d <- read.csv("tests/survival_reference/lung.csv")
d$month <- ceiling(d$time / 30)
d$id <- seq_len(nrow(d))
out <- list()
at <- function(times, values, t) sapply(t, function(u) { i <- which(times <= u); if (length(i)) values[max(i)] else 0 })
for (ties in c("breslow", "efron")) {
  f <- coxph(Surv(month, died) ~ age + female, data = d, ties = ties)
  bh <- basehaz(f, centered = FALSE)
  res <- list(b = unname(coef(f)),
              mgale = unname(residuals(f, "martingale")), deviance = unname(residuals(f, "deviance")),
              score = unname(residuals(f, "score")), dfbeta = unname(residuals(f, "dfbeta")),
              schoenfeld = unname(residuals(f, "schoenfeld")),
              basechazard = at(bh$time, bh$hazard, d$month))
  if (ties == "breslow") {
    s <- survfit(f, newdata = data.frame(age = 0, female = 0), stype = 1, ctype = 1)
    res$basesurv <- at(s$time, s$surv, d$month)
    res$basesurv[d$month < min(s$time)] <- 1
  }
  out[[ties]] <- res
}
# strata and an offset
d$off <- ifelse(is.na(d$wt.loss), 0, d$wt.loss / 100)
d$old <- as.integer(d$age >= 65)
f <- coxph(Surv(month, died) ~ age + female + strata(old) + offset(off), data = d, ties = "breslow")
out[["strata_offset"]] <- list(b = unname(coef(f)), mgale = unname(residuals(f, "martingale")),
                               score = unname(residuals(f, "score")))
# several records a subject (split at 200 days: (0, 200] and (200, time]): the residuals summed
# within subject
s <- survSplit(Surv(time, died) ~ age + female + id, data = d, cut = 200, episode = "ep")
f <- coxph(Surv(tstart, time, died) ~ age + female, data = s, ties = "breslow")
out[["split"]] <- list(b = unname(coef(f)), mgale = unname(residuals(f, "martingale", collapse = s$id)),
                       score = unname(residuals(f, "score", collapse = s$id)),
                       dfbeta = unname(residuals(f, "dfbeta", collapse = s$id)))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
