# Reference values for stcox (tests/test_survival_stcox.py): R's survival::coxph on the lung
# data (tests/survival_reference/lung.csv, written from survival::lung), Breslow and Efron
# ties, model-based and robust (Lin-Wei, no small-sample factor) variances, a counting-process
# fit with delayed entry and frequency weights.  Run: Rscript cox_lung.R > cox_lung.json
library(survival)
d <- read.csv("tests/survival_reference/lung.csv")
d$time_years <- d$time / 365.24
out <- list()
put <- function(name, f) {
  out[[name]] <<- list(b = unname(coef(f)), se = unname(sqrt(diag(vcov(f)))),
                       ll = f$loglik[2], ll0 = f$loglik[1])
}
put("breslow", coxph(Surv(time_years, died) ~ age + female, data = d, ties = "breslow"))
put("efron", coxph(Surv(time_years, died) ~ age + female, data = d, ties = "efron"))
put("breslow_robust", coxph(Surv(time_years, died) ~ age + female, data = d, ties = "breslow", robust = TRUE))
put("efron_robust", coxph(Surv(time_years, died) ~ age + female, data = d, ties = "efron", robust = TRUE))
# delayed entry at 30 days (records ending before excluded, as stset enter(time 30) does),
# time in days (many ties), frequency weights 1 + (row number mod 3)
e <- d[d$time > 30, ]
e$w <- 1 + (as.integer(rownames(e)) %% 3)
put("entry_fweight_breslow", coxph(Surv(rep(30, nrow(e)), time, died) ~ age + female + ph.ecog, data = e,
                                   ties = "breslow", weights = w))
x <- e[rep(seq_len(nrow(e)), e$w), ]
put("entry_fweight_efron", coxph(Surv(rep(30, nrow(x)), time, died) ~ age + female + ph.ecog, data = x,
                                 ties = "efron"))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
