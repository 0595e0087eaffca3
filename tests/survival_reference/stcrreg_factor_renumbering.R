# Reference values for stcrreg's vce(bootstrap, cluster(h) idcluster(k) group(g)) over a factor
# variable of its model, stcrreg age i.g, compete(status==3)
# (tests/test_st_factor_renumbering.py): the Fine and Gray fit of each replicate by
# survival::finegray + coxph (stcrreg_jackknife.R shows they give stcrreg's estimates), on mlm's
# own draws (stcrreg_factor_renumbering_draws.csv, written by stcrreg_renumbering_draws.py),
# g renumbered by _loop_bs's group() rule (1, 2, ... over the distinct (copy number, g)).
# A replicate enters V only when its e(b) columns are the full fit's (bootstrap's _check_omit and
# _loop_bs's captured _b[]): here g's numbers 1..10 (cluster 1 drawn exactly once); any other is NA.
# Data: MASS's Melanoma (melanoma.csv), h = 1 + mod(_n - 1, 9), g = h but 10 on the even rows of
# h == 1; stset time, failure(status==1).  Columns: age, 2.g .. 10.g.
# Run from the worktree root:
#   Rscript tests/survival_reference/stcrreg_factor_renumbering.R > tests/survival_reference/stcrreg_factor_renumbering.json
library(survival)
ctl <- coxph.control(eps = 1e-12, iter.max = 100, timefix = FALSE)
d <- read.csv("tests/survival_reference/melanoma.csv")
n <- nrow(d)
d$h <- 1 + (seq_len(n) - 1) %% 9
d$g <- ifelse(d$h == 1 & seq_len(n) %% 2 == 0, 10, d$h)
draws <- read.csv("tests/survival_reference/stcrreg_factor_renumbering_draws.csv")
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
  if (!(length(unique(s$g)) == 10 && all(sort(unique(s$g)) == 1:10))) return(rep(NA, 10))
  s$event <- factor(ifelse(s$status == 1, 1, ifelse(s$status == 3, 2, 0)), 0:2, c("censor", "fail", "other"))
  s$id <- seq_len(nrow(s))
  s$gf <- factor(s$g, levels = 1:10)
  g <- finegray(Surv(time, event) ~ ., data = s[, c("id", "time", "event", "age", "gf")], id = id,
                etype = "fail", timefix = FALSE)
  unname(coef(coxph(Surv(fgstart, fgstop, fgstatus) ~ age + gf, weights = fgwt, data = g,
                    ties = "breslow", control = ctl)))
}
out <- list(group_g = unname(t(sapply(sort(unique(draws$rep)), function(r) {
  w <- draws[draws$rep == r, ]
  s <- d[w$row, ]
  s$g <- group_numbers(w$h, w$copy, s$g)
  fg(s)
}))))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE, na = "null"))
