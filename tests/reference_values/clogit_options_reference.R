# Reference values for tests/test_clogit_options.py (Rscript clogit_options_reference.R in
# tests/reference_values).  clogit's weights, offset and robust/cluster variance on
# conditional_panels.csv:
# - an independent exact conditional logit: each group's likelihood by enumerating the
#   subsets of its size-k case sets (combn), Newton-Raphson on sum_g w_g l_g;
# - the robust variance V M V with M = c/(c-1) sum_j u_j u_j', u_j the weighted group
#   scores summed by cluster (each group its own cluster by default);
# - survival::clogit(..., method = "breslow", cluster = id) (R has no robust variance for the
#   exact method) on the groups with exactly one case (where exact,
#   Breslow and Efron coincide): R's robust variance is V M V without the c/(c-1) factor;
#   its SEs are recorded to show that, and the enumeration's without the factor match them.
suppressMessages({library(survival); library(jsonlite)})
d <- read.csv("conditional_panels.csv")
d$w <- (d$id %% 3) + 1
d$c <- ceiling(d$id / 5)
d$o <- d$x1 / 2
tot <- tapply(d$yb, d$id, sum); n <- tapply(d$yb, d$id, length)
informative <- as.numeric(names(tot)[tot > 0 & tot < n])
d <- d[d$id %in% informative, ]

source("clogit_enumeration.R")

one <- d[d$id %in% as.numeric(names(tot)[tot == 1]), ]
cx <- clogit(yb ~ x1 + x2 + strata(id), data = one, method = "breslow", cluster = id)
out <- list(
  robust = fit(d, c("x1", "x2"), robust = TRUE),
  cluster = fit(d, c("x1", "x2"), cluster = d$c, robust = TRUE),
  fweight = fit(d, c("x1", "x2"), w = d$w, wkind = "fweight", robust = TRUE),
  pweight = fit(d, c("x1", "x2"), w = d$w, wkind = "pweight", robust = TRUE),
  offset = fit(d, c("x2"), off = d$o),
  one_case = fit(one, c("x1", "x2"), robust = TRUE),
  one_case_coxph = list(b = unname(coef(cx)), se_robust = unname(sqrt(diag(cx$var))))
)
out$fweight$N <- sum(d$w)
write(toJSON(list(source = "clogit_options_reference.R on conditional_panels.csv", fits = out), digits = 15,
             auto_unbox = TRUE, pretty = TRUE), "clogit_options_reference.json")
