# slogit, dimension(1), as VGAM's reduced-rank multinomial logit (rrvglm, Rank = 1): with the last
# outcome the reference and the corner constraint on the first, slogit's b = -C, phi = A,
# theta = the intercepts (its SEs: VGAM's information, within 1e-4 of the observed one).  Rscript slogit.R ../mprobit_reference/mp.csv > values.txt
suppressMessages(library(VGAM))
d <- read.csv(commandArgs(TRUE)[1])
d$y <- factor(d$y)
f <- rrvglm(y ~ x1 + x2, multinomial, data = d, Rank = 1)
cat(sprintf("base3 ll %.10f\n", logLik(f)))
A <- f@constraints; A <- Coef(f)@A; C <- Coef(f)@C; b0 <- coef(f)[grep("Intercept", names(coef(f)))]
for (i in seq_len(nrow(C))) cat(sprintf("base3 %s %.10g\n", rownames(C)[i], -C[i, 1]))
for (i in seq_len(nrow(A))) cat(sprintf("base3 phi%d %.10g\n", i, A[i, 1]))
for (i in seq_along(b0)) cat(sprintf("base3 theta%d %.10g\n", i, b0[i]))
s <- summary(f)
se <- sqrt(diag(vcov(s)))
for (i in seq_along(se)) cat(sprintf("base3 se:%s %.10g\n", names(se)[i], se[i]))
