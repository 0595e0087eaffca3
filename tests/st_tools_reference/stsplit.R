# Reference values for stsplit/stjoin (tests/test_st_split.py): R's survival::survSplit on the
# lung data (tests/survival_reference/lung.csv; id = row number), split at 100 200 365 500 days
# (stsplit ep, at(100 200 365 500)) and every 90 days (stsplit ep, every(90)); the split
# records and survival::coxph (Breslow ties) on them, before and after the split, and with a
# time-varying effect of female by episode.  Run: Rscript stsplit.R > stsplit.json
library(survival)
d <- read.csv("tests/survival_reference/lung.csv")
d$id <- seq_len(nrow(d))
out <- list()
records <- function(s) {
  s <- s[order(s$id, s$tstop), ]
  list(id = s$id, t0 = s$tstart, t = s$tstop, d = s$died, ep = s$ep)
}
a <- survSplit(Surv(time, died) ~ ., data = d, cut = c(100, 200, 365, 500), episode = "k", start = "tstart",
               end = "tstop")
a$ep <- c(0, 100, 200, 365, 500)[a$k]
out$at <- records(a)
e <- survSplit(Surv(time, died) ~ ., data = d, cut = seq(90, 1080, 90), episode = "k", start = "tstart",
               end = "tstop")
e$ep <- 90 * (e$k - 1)
out$every <- records(e)
fit <- function(f) list(b = unname(coef(f)), se = unname(sqrt(diag(vcov(f)))), ll = f$loglik[2])
out$cox_before <- fit(coxph(Surv(time, died) ~ age + female, data = d, ties = "breslow"))
out$cox_at <- fit(coxph(Surv(tstart, tstop, died) ~ age + female, data = a, ties = "breslow"))
out$cox_every <- fit(coxph(Surv(tstart, tstop, died) ~ age + female, data = e, ties = "breslow"))
a$late <- as.numeric(a$ep >= 200)
a$female_late <- a$female * a$late
out$cox_tvc <- fit(coxph(Surv(tstart, tstop, died) ~ age + female + female_late, data = a, ties = "breslow"))
# at(failures): every record cut at the distinct failure times inside it
f <- survSplit(Surv(time, died) ~ ., data = d, cut = sort(unique(d$time[d$died == 1])), start = "tstart",
               end = "tstop")
out$failures_n <- nrow(f)
out$cox_failures <- fit(coxph(Surv(tstart, tstop, died) ~ age + female, data = f, ties = "breslow"))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE))
