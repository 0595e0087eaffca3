# Reference values for stcrreg's vce(jackknife) (tests/test_stcrreg_replicates.py): the
# leave-one-subject-out Fine and Gray fits, each by survival::finegray (the censoring Kaplan-Meier
# re-estimated without the subject) and coxph on its data (cmprsk is not installed here; the
# existing tests show finegray + coxph give crr's and stcrreg's estimates), and jackknife.ado's
# variance (n-1)/n sum (b_i - mean b)(b_i - mean b)' (mse: about the full-sample b).
#  single:  MASS's Melanoma (tests/survival_reference/melanoma.csv), stset time, failure(status==1),
#           stcrreg age sex thickness ulcer, compete(status==3): one record a subject
#  records: the same split at 500, 1000, 2500 (tests/survival_reference/melanoma_records.csv),
#           stset t, id(id) failure(status==1), stcrreg age sex tk, compete(status==3): a subject's
#           records left out together
# Run from the worktree root: Rscript tests/survival_reference/stcrreg_jackknife.R > tests/survival_reference/stcrreg_jackknife.json
library(survival)
ctl <- coxph.control(eps = 1e-12, iter.max = 100, timefix = FALSE)
fgfit <- function(s, f) {
  fg <- finegray(Surv(t0, t, event) ~ ., data = s, id = id, etype = "melanoma", timefix = FALSE)
  unname(coef(coxph(f, weights = fgwt, data = fg, ties = "breslow", control = ctl)))
}
ev <- function(status) factor(ifelse(status == 2, 0, ifelse(status == 1, 1, 2)), 0:2, c("censor", "melanoma", "other"))
jack <- function(s, f) {
  b <- fgfit(s, f)
  ids <- sort(unique(s$id))
  B <- t(sapply(ids, function(i) fgfit(s[s$id != i, ], f)))
  n <- length(ids)
  m <- colMeans(B)
  D <- sweep(B, 2, m)
  E <- sweep(B, 2, b)
  list(b = b, V = unname((n - 1) / n * crossprod(D)), V_mse = unname((n - 1) / n * crossprod(E)),
       replicates = unname(B), n = n)
}
d <- read.csv("tests/survival_reference/melanoma.csv")
d$id <- seq_len(nrow(d)); d$t0 <- 0; d$t <- d$time; d$event <- ev(d$status)
single <- d[, c("id", "t0", "t", "event", "age", "sex", "thickness", "ulcer")]
r <- read.csv("tests/survival_reference/melanoma_records.csv")
r$event <- ev(r$status)
records <- r[, c("id", "t0", "t", "event", "age", "sex", "tk")]
out <- list(single = jack(single, Surv(fgstart, fgstop, fgstatus) ~ age + sex + thickness + ulcer),
            records = jack(records, Surv(fgstart, fgstop, fgstatus) ~ age + sex + tk))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
