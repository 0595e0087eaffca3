# Reference values for stcrreg's vce(bootstrap, cluster(h) idcluster()/group()) over a variable it
# reads (tests/test_st_bootstrap_renumbering_streg_stcrreg.py): the Fine and Gray fit of each
# replicate by survival::finegray + coxph (cmprsk is not installed here; stcrreg_jackknife.R
# shows finegray + coxph give stcrreg's estimates), on mlm's own draws
# (stcrreg_renumbering_draws.csv, written by stcrreg_renumbering_draws.py), each replicate's data
# renumbered here by bsample's and _loop_bs's rules:
#   idcluster(v): v = 1, 2, ... over the drawn copies ordered by (cluster drawn, copy);
#   group(v) beside idcluster(k): v = 1, 2, ... over the distinct (copy number, v).
# Data: MASS's Melanoma (melanoma.csv), h = 1 + mod(_n - 1, 9); stset time, failure(status==1);
# stcrreg age thickness, compete(status==3) (or compete(cr==3), cr a copy of status).  stcrreg.ado
# reruns stset (ParseCompete), so the replicate's failure is the renumbered status == 1, the
# competing event the renumbered compete() variable == 3; a record both: r(459), that replicate
# missing (left out of B here: NA rows).
# TIES: with status renumbered, the copies of one subject share its time but not its outcome; on
# such ties finegray's weights and stcrreg's (crr's) differ a little (replicate 1 of
# idcluster_status: finegray age 0.0156454, stcrreg 0.0156242; with the times made distinct,
# time + (_n - 1) * 0.001, both give 0.01565141 and 0.07897273), so the test compares those cases
# at 1% and checks them exactly against stcrreg refits of the renumbered data.
# Run from the worktree root: Rscript tests/survival_reference/stcrreg_renumbering.R > tests/survival_reference/stcrreg_renumbering.json
library(survival)
ctl <- coxph.control(eps = 1e-12, iter.max = 100, timefix = FALSE)
d <- read.csv("tests/survival_reference/melanoma.csv")
draws <- read.csv("tests/survival_reference/stcrreg_renumbering_draws.csv")
copy_numbers <- function(h, copy) {
  key <- unique(data.frame(h = h, copy = copy))
  key <- key[order(key$h, key$copy), ]
  key$n <- seq_len(nrow(key))
  key$n[match(paste(h, copy), paste(key$h, key$copy))]
}
group_numbers <- function(h, copy, v) {
  k <- copy_numbers(h, copy)
  key <- unique(data.frame(k = k, v = v))
  key <- key[order(key$k, key$v), ]
  match(paste(k, v), paste(key$k, key$v))
}
fg <- function(s) {
  if (any(s$fail & s$comp)) return(c(NA, NA))  # ParseCompete's r(459)
  s$event <- factor(ifelse(s$fail, 1, ifelse(s$comp, 2, 0)), 0:2, c("censor", "fail", "other"))
  s$id <- seq_len(nrow(s))
  g <- finegray(Surv(time, event) ~ ., data = s[, c("id", "time", "event", "age", "thickness")], id = id,
                etype = "fail", timefix = FALSE)
  unname(coef(coxph(Surv(fgstart, fgstop, fgstatus) ~ age + thickness, weights = fgwt, data = g,
                    ties = "breslow", control = ctl)))
}
case <- function(rebuild) {
  t(sapply(sort(unique(draws$rep)), function(r) {
    w <- draws[draws$rep == r, ]
    s <- d[w$row, ]
    fg(rebuild(s, w))
  }))
}
out <- list(
  plain = case(function(s, w) { s$fail <- s$status == 1; s$comp <- s$status == 3; s }),
  idcluster_status = case(function(s, w) { v <- copy_numbers(w$h, w$copy); s$fail <- v == 1; s$comp <- v == 3; s }),
  group_status = case(function(s, w) { v <- group_numbers(w$h, w$copy, s$status); s$fail <- v == 1; s$comp <- v == 3; s }),
  idcluster_thickness = case(function(s, w) {
    s$thickness <- copy_numbers(w$h, w$copy); s$fail <- s$status == 1; s$comp <- s$status == 3; s }),
  idcluster_cr = case(function(s, w) { s$fail <- s$status == 1; s$comp <- copy_numbers(w$h, w$copy) == 3; s })
)
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE, na = "null"))
