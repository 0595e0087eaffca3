# Reference values for estat cv and estat size after svy (tests/test_survey_estat.py),
# computed with R's survey package: cv() is SE / estimate (times 100 here, Stata's CV (%));
# the subpopulation sizes are svyby totals of a constant.  Run: Rscript estat_reference.R
# (writes estat_values.csv next to this file).  Columns: case, name, value.
suppressMessages(library(survey))
here <- "."
args <- commandArgs(trailingOnly = FALSE)
file_arg <- sub("--file=", "", args[grep("--file=", args)])
if (length(file_arg)) here <- dirname(file_arg)
dat <- read.csv(file.path(here, "design.csv"))
dat <- dat[dat$stratum < 6, ]
dat$one <- 1
des <- svydesign(ids = ~psu, strata = ~stratum, weights = ~w, data = dat, nest = TRUE)
out <- list()
add <- function(case, v) out[[length(out) + 1]] <<- data.frame(case = case, name = names(v), value = unname(v))
m <- svymean(~y + x, des)
add("cv_mean", 100 * cv(m))
by <- svyby(~y, ~g, des, svymean)
add("cv_over_mean", setNames(100 * cv(by), paste0("y:", by$g)))
sizes <- svyby(~one, ~g, des, svytotal)
add("size_over", setNames(coef(sizes), paste0("y:", sizes$g)))
add("obs_over", setNames(as.numeric(table(dat$g)), paste0("y:", names(table(dat$g)))))
fit <- svyglm(y ~ x, design = des)
v <- 100 * SE(fit) / abs(coef(fit))
names(v) <- c("_cons", "x")
add("cv_regress", v)
tot <- svytotal(~y, des)
add("cv_total", setNames(100 * cv(tot), "y"))
write.csv(do.call(rbind, out), file.path(here, "estat_values.csv"), row.names = FALSE)
