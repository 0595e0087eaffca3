# Reference values for svy brr|jackknife|sdr: mlogit (tests/test_survey_replicate_mlogit.py):
# R's survey package (withReplicates) over nnet's multinom refitted with each replicate's
# weights, on the replicate weights replicate_reference.R wrote to replicate_design.csv.
# Run: Rscript mlogit_replicate_reference.R  (writes mlogit_replicate_values.csv).
# Columns: case, name (Stata's outcome:coefficient), estimate, se.
suppressMessages({library(survey); library(nnet)})
here <- "."
args <- commandArgs(trailingOnly = FALSE)
file_arg <- sub("--file=", "", args[grep("--file=", args)])
if (length(file_arg)) here <- dirname(file_arg)
dat <- read.csv(file.path(here, "replicate_design.csv"))
dat$o <- factor(1 + (dat$y > 2.5) + (dat$y > 4))  # outcome 1 the base, as baseoutcome(1)
fit_coef <- function(w, data) {
  data$.w <- w / mean(w)  # multinom's optimiser converges better on weights near 1
  f <- multinom(o ~ x, data = data, weights = .w, trace = FALSE, reltol = 1e-15, abstol = 1e-15,
                maxit = 2000)
  cf <- coef(f)
  v <- c(cf["2", "x"], cf["2", "(Intercept)"], cf["3", "x"], cf["3", "(Intercept)"])
  names(v) <- c("2:x", "2:_cons", "3:x", "3:_cons")
  v
}
rep_design <- function(prefix, type, mse, ...) {
  svrepdesign(data = dat, repweights = paste0("^", prefix, "[0-9]+$"), weights = ~w, type = type,
              combined.weights = TRUE, mse = mse, ...)
}
out <- list()
for (case in c("brr", "sdr", "jk1")) {
  d <- switch(case, brr = rep_design("brr", "BRR", FALSE), sdr = rep_design("sdr", "successive-difference", FALSE),
              jk1 = rep_design("jko", "JK1", FALSE))
  r <- withReplicates(d, fit_coef)
  est <- coef(r)
  out[[case]] <- data.frame(case = case, name = names(est), estimate = unname(est),
                            se = unname(sqrt(diag(as.matrix(vcov(r))))))
}
write.csv(do.call(rbind, out), file.path(here, "mlogit_replicate_values.csv"), row.names = FALSE)
