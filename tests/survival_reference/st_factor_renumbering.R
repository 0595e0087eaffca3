# Reference values for bootstrap's cluster() idcluster(k) group(g) over a factor of streg's
# ancillary() (i.g#i.sex, ib(freq).g), streg's strata(g) with _dta[omit], and stcox's main equation
# (i.g#i.sex, ib(freq).g) (tests/test_st_factor_renumbering.py): each replicate refitted by
# survival::survreg (Weibull AFT, streg's distribution(weibull) time) or survival::coxph (Breslow),
# on mlm's own draws (streg_strata_renumbering_draws.csv, case "h": 40 replicates with cluster(h)),
# g renumbered by _loop_bs's group() rule (1, 2, ... over the distinct (copy number, g)).
# A replicate enters V only when its e(b) columns are the full fit's (bootstrap's _check_omit and
# _loop_bs's captured _b[]: mlmcli/survival/st_factor_renumbering.py); here, independently:
#   i.g#i.sex: the same levels of g and sex and the same cells present (the base cell 1 1);
#   ib(freq).f: the same levels and the same most frequent level (the lowest of ties);
#   strata(f) with _dta[omit]: xi drops the most frequent level (the lowest of ties): the same
#     levels but the dropped one (a replicate's f has no f[omit]: it is a new variable).
# Any other replicate is NA (missing in Stata's bootstrap).
# Data: lung.csv, stset time, failure(died); h = 1 + mod(_n, 7); g = h, but 8 on the even rows
# of h == 1 (levels 1..8); f = h (levels 1..7 of 32, 33, 33, 33, 33, 32, 32 rows: level 2 the first
# of the most frequent), renumbered by group(f) (a replicate's f is its copy number: its base is 2
# when the first copy drawn has 32 rows and the second 33).
# The ib(freq) and _dta[omit] cases renumber f, the i.g#i.sex cases g.
# Run from the worktree root:
#   Rscript tests/survival_reference/st_factor_renumbering.R > tests/survival_reference/st_factor_renumbering.json
library(survival)
d <- read.csv("tests/survival_reference/lung.csv")
n <- nrow(d)
d$h <- 1 + seq_len(n) %% 7
d$g <- ifelse(d$h == 1 & seq_len(n) %% 2 == 0, 8, d$h)
d$f <- d$h
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
freq_level <- function(v) { tab <- table(v); as.numeric(names(tab)[which.max(tab)]) }
cells <- function(s) sort(unique(10 * s$g + s$sex))
full_cells <- cells(d)
full_base <- freq_level(d$f)
cell_ok <- function(s) same(sort(unique(s$g)), 1:8) && same(cells(s), full_cells)
freq_ok <- function(s) same(sort(unique(s$f)), 1:7) && freq_level(s$f) == full_base
anc_cells <- function(s) {  # ln_p: a scale per cell; columns every cell but 1 1, then _cons
  if (!cell_ok(s)) return(rep(NA, length(full_cells) + 2))
  s$cell <- 10 * s$g + s$sex
  f <- survreg(Surv(time, died) ~ age + strata(cell), data = s, dist = "weibull", control = ctl)
  b <- coef(f); lnp <- -log(f$scale)
  c(b["age"], b[1], lnp[-1] - lnp[1], lnp[1])
}
anc_freq <- function(s) {  # ln_p: 1.f, 3.f .. 7.f against the base 2, then _cons
  if (!freq_ok(s)) return(rep(NA, 9))
  f <- survreg(Surv(time, died) ~ age + strata(f), data = s, dist = "weibull", control = ctl)
  b <- coef(f); lnp <- -log(f$scale)
  c(b["age"], b[1], lnp[-2] - lnp[2], lnp[2])
}
strata_dta_omit <- function(s) {  # _t: age, _Sf_1, _Sf_3.._Sf_7, _cons; ln_p: the same dummies, _cons
  if (!freq_ok(s)) return(rep(NA, 15))
  s$ff <- relevel(factor(s$f), ref = "2")
  f <- survreg(Surv(time, died) ~ age + ff + strata(ff), data = s, dist = "weibull", control = ctl)
  b <- coef(f); lnp <- -log(f$scale)  # strata(f)'s scales in f's level order (2 first)
  c(b["age"], b[-(1:2)], b[1], lnp[-1] - lnp[1], lnp[1])
}
cox_cells <- function(s) {  # age, then the cells but 1 1 (g, then sex)
  if (!cell_ok(s)) return(rep(NA, length(full_cells)))
  X <- sapply(full_cells[-1], function(c) as.numeric(10 * s$g + s$sex == c))
  f <- coxph(Surv(s$time, s$died) ~ s$age + X, ties = "breslow", control = coxph.control(eps = 1e-12, iter.max = 100))
  unname(coef(f))
}
cox_freq <- function(s) {  # age, 1.f, 3.f .. 7.f
  if (!freq_ok(s)) return(rep(NA, 7))
  X <- sapply(setdiff(1:7, 2), function(k) as.numeric(s$f == k))
  f <- coxph(Surv(s$time, s$died) ~ s$age + X, ties = "breslow", control = coxph.control(eps = 1e-12, iter.max = 100))
  unname(coef(f))
}
case <- function(fit) {
  w0 <- draws[draws$case == "h", ]
  unname(t(sapply(sort(unique(w0$rep)), function(r) {
    w <- w0[w0$rep == r, ]
    s <- d[w$row, ]
    s$g <- group_numbers(w$cluster, w$copy, s$g)
    s$f <- group_numbers(w$cluster, w$copy, s$f)
    fit(s)
  })))
}
out <- list(
  full_cells = full_cells, full_base = full_base,
  ancillary_cells = case(anc_cells),
  ancillary_freq = case(anc_freq),
  strata_dta_omit = case(strata_dta_omit),
  stcox_cells = case(cox_cells),
  stcox_freq = case(cox_freq)
)
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE, na = "null"))
