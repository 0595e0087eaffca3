# lme4's counterpart of `melogit hi ses || school:` on samples/data/hsb.dta (hi = mathach > 13),
# as a whole process for farm-bench (bench/README.md, "Start-up of the estimation commands").
# glmer's nAGQ = 7 is mode-curvature adaptive quadrature; melogit's default is 7-point
# mean-variance adaptive: the same integral, the log likelihoods agree to ~1e-4.
# usage: Rscript bench/r/hsb_melogit.R samples/data/hsb.dta
suppressMessages(library(lme4))
d <- as.data.frame(haven::read_dta(commandArgs(trailingOnly = TRUE)[1]))
d$hi <- as.numeric(d$mathach > 13)
d$school <- factor(d$school)
m <- glmer(hi ~ ses + (1 | school), data = d, family = binomial, nAGQ = 7)
print(summary(m))
cat(sprintf("ll %.6f\n", as.numeric(logLik(m))))
