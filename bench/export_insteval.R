# Export lme4's InstEval to a Stata .dta (for bench/bench_whole.py case B).
# usage: Rscript bench/export_insteval.R OUT.dta
# Factors become integer codes (s, d: the factor codes 1..K; service 0/1; y 1..5).
suppressMessages({library(lme4); library(haven)})
out <- commandArgs(trailingOnly = TRUE)[1]
data(InstEval, package = "lme4")
d <- data.frame(s = as.integer(InstEval$s), d = as.integer(InstEval$d),
                service = as.integer(InstEval$service) - 1L,
                studage = as.integer(as.character(InstEval$studage)),
                lectage = as.integer(InstEval$lectage),
                dept = as.integer(InstEval$dept), y = as.integer(InstEval$y))
write_dta(d, out)
