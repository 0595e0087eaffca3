# Fit the benchmark's random-intercept logit with lme4::glmer, as a whole process.
# usage: Rscript bench/r/glmer_fit.R data.csv|data.dta nAGQ
# Prints: nAGQ, fit seconds, log likelihood, coefficients and the random-intercept SD.
suppressMessages(library(lme4))
args <- commandArgs(trailingOnly = TRUE)
d <- if (grepl("[.]dta$", args[1])) as.data.frame(haven::read_dta(args[1])) else read.csv(args[1])
d$g <- factor(d$g)
nagq <- as.integer(args[2])
t <- system.time(m <- glmer(y ~ x1 + x2 + (1 | g), data = d, family = binomial, nAGQ = nagq))[["elapsed"]]
cat(sprintf("nAGQ %d fit %.2f ll %.6f\n", nagq, t, as.numeric(logLik(m))))
cat("beta", format(fixef(m), digits = 10), "\n")
cat("sd", format(attr(VarCorr(m)$g, "stddev"), digits = 10), "\n")
