# Reference values for svy's two-stage linearized variance (tests/test_survey_multistage.py):
# R's survey package, svydesign(ids = ~psu + ssu, fpc = ~fpc + fpc2), whose svyrecvar adds the
# second stage's variance times the first stage's sampling fraction (Stata's formula).
# Design: design.csv without stratum 6; ssu = 1 + (row number mod 3) within each PSU (every PSU
# has the three), fpc2 = 5 SSUs in each PSU's population.  Run: Rscript multistage_reference.R
# (writes multistage_values.csv).  Columns: case, name, estimate, se.
suppressMessages(library(survey))
here <- "."
args <- commandArgs(trailingOnly = FALSE)
file_arg <- sub("--file=", "", args[grep("--file=", args)])
if (length(file_arg)) here <- dirname(file_arg)
dat <- read.csv(file.path(here, "design.csv"))
dat <- dat[dat$stratum < 6, ]
dat$ssu <- 1 + (seq_len(nrow(dat)) %% 3)
dat$fpc2 <- 5
d2 <- svydesign(ids = ~psu + ssu, strata = ~stratum, fpc = ~fpc + fpc2, weights = ~w, nest = TRUE, data = dat)
d1 <- svydesign(ids = ~psu + ssu, strata = ~stratum, weights = ~w, nest = TRUE, data = dat)  # no stage-1 fpc
out <- list()
add <- function(case, est, V) {
  n <- names(est)
  n[n == "(Intercept)"] <- "_cons"
  out[[length(out) + 1]] <<- data.frame(case = case, name = n, estimate = unname(est),
                                        se = unname(sqrt(diag(as.matrix(V)))))
}
m <- svymean(~y + x, d2); add("two_stage_mean", coef(m), vcov(m))
t <- svytotal(~y, d2); add("two_stage_total", coef(t), vcov(t))
f <- svyglm(y ~ x, design = d2); add("two_stage_regress", coef(f), vcov(f))
m <- svymean(~y + x, d1); add("no_fpc1_mean", coef(m), vcov(m))
write.csv(do.call(rbind, out), file.path(here, "multistage_values.csv"), row.names = FALSE)
