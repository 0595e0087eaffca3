# Reference values for stcrreg's vce(jackknife) with stset pweights
# (tests/test_stcrreg_prefix_replicates.py): jackknife.ado reruns stcrreg with the st weights
# leaving one record out at a time and sums with (n-1)/n.  With integer pweights w the fit is
# crr's on the data expanded by w (docs/competing_risks.md: pweights give fweights'
# coefficients), so each replicate is the Fine and Gray fit on the expanded data without all w
# copies of the record left out: survival::finegray (each copy a subject of its own) + coxph.
#  MASS's Melanoma (melanoma.csv), w = 1 + (_n - 1) mod 3, stset time [pw=w], failure(status==1),
#  stcrreg age sex thickness ulcer, compete(status==3) vce(jackknife)
# Run from the worktree root:
#   Rscript tests/survival_reference/stcrreg_jackknife_pweights.R > tests/survival_reference/stcrreg_jackknife_pweights.json
library(survival)
ctl <- coxph.control(eps = 1e-12, iter.max = 100, timefix = FALSE)
ev <- function(status) factor(ifelse(status == 2, 0, ifelse(status == 1, 1, 2)), 0:2, c("censor", "melanoma", "other"))
d <- read.csv("tests/survival_reference/melanoma.csv")
d$record <- seq_len(nrow(d)); d$w <- 1 + (d$record - 1) %% 3
d$t0 <- 0; d$t <- d$time; d$event <- ev(d$status)
x <- d[rep(seq_len(nrow(d)), d$w), c("record", "t0", "t", "event", "age", "sex", "thickness", "ulcer")]
x$id <- seq_len(nrow(x))
fit <- function(s) {
  fg <- finegray(Surv(t0, t, event) ~ ., data = s[, c("id", "t0", "t", "event", "age", "sex", "thickness", "ulcer")],
                 id = id, etype = "melanoma", timefix = FALSE)
  unname(coef(coxph(Surv(fgstart, fgstop, fgstatus) ~ age + sex + thickness + ulcer, weights = fgwt, data = fg,
                    ties = "breslow", control = ctl)))
}
b <- fit(x)
B <- t(sapply(d$record, function(i) fit(x[x$record != i, ])))
n <- nrow(B)
D <- sweep(B, 2, colMeans(B))
cat(jsonlite::toJSON(list(b = b, V = unname((n - 1) / n * crossprod(D)), n = n), digits = 15, auto_unbox = TRUE,
                     pretty = TRUE))
