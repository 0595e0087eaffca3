# Reference for tests/test_st_bootstrap_renumbering.py: R's coxph (Breslow) on lung with the
# renumbered st variables' shapes the tests refit -- delayed entry at a copy-like number
# (t0 = 1 + (row mod 7), exits time + 10) and every record a failure -- to check the tests' own
# numpy Cox (at risk at t_j when t0 < t_j <= t).
library(survival)
library(jsonlite)
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
lung <- read.csv(file.path(here, "lung.csv"))
n <- nrow(lung)
t0 <- 1 + (seq_len(n) %% 7)
t <- lung$time + 10
entry <- coxph(Surv(t0, t, died) ~ age, data = lung, ties = "breslow")
all_fail <- coxph(Surv(t0, t, rep(1, n)) ~ age + sex, data = lung, ties = "breslow")
out <- list(entry = unname(coef(entry)), all_fail = unname(coef(all_fail)))
write_json(out, file.path(here, "st_renumbering_cox.json"), digits = NA, auto_unbox = FALSE)
