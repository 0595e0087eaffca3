# The policy-diffusion melogit of the real-world corpus (anon-policy-diffusion/split_models.do,
# first half) fitted by lme4::glmer, as a whole process.
# usage: Rscript bench/r/glmer_policy.R sample.dta nAGQ
# sample.dta: the estimation sample written by bench/bench_me_policy.py (years that predict
# failure perfectly already left out, as melogit leaves them out).
# Prints: fit seconds, log likelihood, the fixed effects and the random-effects covariance.
suppressMessages(library(lme4))
args <- commandArgs(trailingOnly = TRUE)
d <- as.data.frame(haven::read_dta(args[1]))
d$year <- factor(d$year)
d$policyno <- factor(d$policyno)
nagq <- as.integer(args[2])
f <- adoption ~ initiative + init_sigs + std_latnt_decay + std_nbrs_lag + std_pop + std_masssociallib_est +
  unified + duration + durationsq + durationcb + std_income + std_bowen_1 + std_bowen_2 + change_pop +
  change_inc + party_change + year + (1 + std_masssociallib_est | policyno)
t <- system.time(m <- glmer(f, data = d, family = binomial, nAGQ = nagq))[["elapsed"]]
cat(sprintf("nAGQ %d fit %.2f ll %.6f\n", nagq, t, as.numeric(logLik(m))))
cat("beta", format(fixef(m)[1:4], digits = 8), "\n")
print(VarCorr(m), comp = "Variance")
