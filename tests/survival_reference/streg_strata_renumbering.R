# Reference values for streg's vce(bootstrap, cluster() idcluster()/group()) over its strata()
# variable or the factor of ancillary(i.v) (tests/test_st_bootstrap_renumbering_streg_strata.py):
# the Weibull AFT fit (streg's distribution(weibull) time) of each replicate by survival::survreg,
# on mlm's own draws (streg_strata_renumbering_draws.csv, written by
# streg_strata_renumbering_draws.py), each replicate's data renumbered here by bsample's and
# _loop_bs's rules:
#   idcluster(v): v = 1, 2, ... over the drawn copies ordered by (cluster drawn, copy);
#   group(v) beside idcluster(k): v = 1, 2, ... over the distinct (copy number, v).
# A replicate enters V only when its columns are the full fit's (mlmcli/survival/
# st_factor_renumbering.py: strata(v) xi's _Sv_k dummies, k the levels but the lowest;
# ancillary(i.v) one column per level); any other is NA here (missing in Stata's bootstrap).
# Data: lung.csv, stset time, failure(died); h = 1 + mod(_n, 7); g = h, but 8 on the even rows
# of h == 1 (levels 1..8).
# strata(s) is i.s in the _t equation and in ln_p: survreg's factor(s) + strata(s) (a scale per
# stratum), ln_p = -log(scale); streg's columns: _t: age, s2..sL, _cons; ln_p: s2..sL, _cons.
# ancillary(i.g): survreg's strata(g) alone; columns _t: age, _cons; ln_p: g2..g8, _cons.
# Run from the worktree root:
#   Rscript tests/survival_reference/streg_strata_renumbering.R > tests/survival_reference/streg_strata_renumbering.json
library(survival)
d <- read.csv("tests/survival_reference/lung.csv")
n <- nrow(d)
d$h <- 1 + seq_len(n) %% 7
d$g <- ifelse(d$h == 1 & seq_len(n) %% 2 == 0, 8, d$h)
draws <- read.csv("tests/survival_reference/streg_strata_renumbering_draws.csv")
ctl <- survreg.control(maxiter = 200, rel.tolerance = 1e-13)
copy_numbers <- function(cl, copy) {
  key <- unique(data.frame(cl = cl, copy = copy))
  key <- key[order(key$cl, key$copy), ]
  key$n <- seq_len(nrow(key))
  key$n[match(paste(cl, copy), paste(key$cl, key$copy))]
}
group_numbers <- function(cl, copy, v) {
  k <- copy_numbers(cl, copy)
  key <- unique(data.frame(k = k, v = v))
  key <- key[order(key$k, key$v), ]
  match(paste(k, v), paste(key$k, key$v))
}
same <- function(a, b) length(a) == length(b) && all(a == b)
strata_fit <- function(s, levels) {  # xi's suffixes: the levels but the lowest
  if (!same(sort(unique(s$s))[-1], levels[-1])) return(rep(NA, 2 * length(levels) + 1))
  f <- survreg(Surv(time, died) ~ age + factor(s) + strata(s), data = s, dist = "weibull", control = ctl)
  b <- coef(f); lnp <- -log(f$scale)
  c(b["age"], b[-(1:2)], b[1], lnp[-1] - lnp[1], lnp[1])
}
anc_fit <- function(s, levels) {  # i.g: the same levels
  if (!same(sort(unique(s$g)), levels)) return(rep(NA, length(levels) + 2))
  f <- survreg(Surv(time, died) ~ age + strata(g), data = s, dist = "weibull", control = ctl)
  b <- coef(f); lnp <- -log(f$scale)
  c(b["age"], b[1], lnp[-1] - lnp[1], lnp[1])
}
case <- function(name, fit) {
  w0 <- draws[draws$case == name, ]
  unname(t(sapply(sort(unique(w0$rep)), function(r) {
    w <- w0[w0$rep == r, ]
    fit(d[w$row, ], w)
  })))
}
out <- list(
  strata_sex_idcluster_sex = case("sex", function(s, w) {
    s$s <- copy_numbers(w$cluster, w$copy); strata_fit(s, c(1, 2)) }),
  strata_g_group_g = case("h", function(s, w) {
    s$s <- group_numbers(w$cluster, w$copy, s$g); strata_fit(s, 1:8) }),
  ancillary_g_group_g = case("h", function(s, w) {
    s$g <- group_numbers(w$cluster, w$copy, s$g); anc_fit(s, 1:8) })
)
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE, na = "null"))
