# Reference values for stcrreg's vce(bootstrap, cluster(h) idcluster()/group()) over a variable
# stset reads (tests/test_stcrreg_stset_rerun.py): stcrreg.ado's ParseCompete reruns stset
# (failure(compete()) then stset's own failure()) on each replicate's data, so a renumbered time
# variable, origin() or enter() variable gives that replicate new _t and _t0; a record the rerun
# leaves out (_st == 0) has _d missing, which ParseCompete's `_d & touse` takes as a competing
# event and its check `touse & cvar & _d` as also failed: r(459), the replicate missing (NA here).
# Each replicate's Fine and Gray fit by survival::finegray + coxph (Breslow ties; delayed entry:
# finegray's (start, stop] form, the model docs/competing_risks.md "Delayed entry" takes), on
# mlm's own draws (stcrreg_renumbering_draws.csv, written by stcrreg_renumbering_draws.py),
# renumbered by bsample's and _loop_bs's rules:
#   idcluster(v): v = 1, 2, ... over the drawn copies ordered by (cluster drawn, copy);
#   group(v) beside idcluster(k): v = 1, 2, ... over the distinct (copy number, v).
# Data: MASS's Melanoma (melanoma.csv), h = 1 + mod(_n - 1, 9); stcrreg age thickness,
# compete(status==3) after
#   group_time:          stset time, failure(status==1)                  group(time)
#   idcluster_origin:    stset tt, failure(status==1) origin(time o)     idcluster(o), o = 0
#   group_origin_status: stset tt, failure(status==1) origin(time o2)    group(o2), o2 = status
#   group_exit:          stset tr, failure(status==1) exit(time xt)      group(xt), xt = _n,
#                        tr = tt / 30 (a record ending after its new exit is censored there)
#   group_if:            stset tt if ki <= 205, failure(status==1)       group(ki), ki = _n
#                        (a replicate with more than 205 drawn records leaves one out: NA)
# with tt = time + (_n - 1) * 0.001: shifting the copies by their numbers would otherwise make ties
# between records of other outcomes, where finegray's weights and stcrreg's (crr's) differ a little
# (stcrreg_renumbering.R's note); with tt no two records of a replicate share a time but the
# copies of one record, which share its outcome too.
#   group_entry:         stset time, failure(status==1) enter(time ent)  group(ent),
#                        ent = cond(mod(_n, 3) == 0, time/2, 0)
# Run from the worktree root:
#   Rscript tests/survival_reference/stcrreg_stset_rerun.R > tests/survival_reference/stcrreg_stset_rerun.json
library(survival)
ctl <- coxph.control(eps = 1e-12, iter.max = 100, timefix = FALSE)
d <- read.csv("tests/survival_reference/melanoma.csv")
d$row <- seq_len(nrow(d))
d$tt <- d$time + (d$row - 1) * 0.001
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
  # s: t0, t (the rerun stset's _t0, _t), status; a record with t <= t0 left out: r(459)
  if (any(s$t <= s$t0)) return(c(NA, NA))
  s$event <- factor(ifelse(s$status == 1, 1, ifelse(s$status == 3, 2, 0)), 0:2, c("censor", "fail", "other"))
  s$id <- seq_len(nrow(s))
  g <- finegray(Surv(t0, t, event) ~ ., data = s[, c("id", "t0", "t", "event", "age", "thickness")], id = id,
                etype = "fail", timefix = FALSE)
  unname(coef(coxph(Surv(fgstart, fgstop, fgstatus) ~ age + thickness, weights = fgwt, data = g,
                    ties = "breslow", control = ctl)))
}
case <- function(rebuild) {
  t(sapply(sort(unique(draws$rep)), function(r) {
    w <- draws[draws$rep == r, ]
    s <- d[w$row, ]
    s$t0 <- 0
    s$t <- s$time
    fg(rebuild(s, w))
  }))
}
out <- list(
  plain = case(function(s, w) s),
  group_time = case(function(s, w) { s$t <- group_numbers(w$h, w$copy, s$time); s }),
  idcluster_origin = case(function(s, w) { s$t <- s$tt - copy_numbers(w$h, w$copy); s }),
  group_origin_status = case(function(s, w) { s$t <- s$tt - group_numbers(w$h, w$copy, s$status); s }),
  group_entry = case(function(s, w) {
    ent <- ifelse(s$row %% 3 == 0, s$time / 2, 0)
    s$t0 <- group_numbers(w$h, w$copy, ent); s }),
  group_exit = case(function(s, w) {
    tr <- s$tt / 30
    e <- group_numbers(w$h, w$copy, s$row)
    s$status[tr > e] <- 2  # censored at the exit
    s$t <- pmin(tr, e); s }),
  group_if = case(function(s, w) {
    s$t <- s$tt
    if (any(group_numbers(w$h, w$copy, s$row) > 205)) s$t0 <- s$t  # left out: r(459)
    s })
)
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE, na = "null"))
