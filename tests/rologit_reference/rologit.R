# rologit as rologit.ado fits it: coxph stratified by group, time = max(pref) - pref + 1 over the
# ranked rows, unranked rows (pref == 0) censored at max + 2.  Rscript rologit.R rank.csv > values.txt
library(survival)
d0 <- read.csv(commandArgs(TRUE)[1])
run <- function(tag, d, ties) {
  fail <- as.numeric(d$pref != 0)
  top <- max(d$pref[fail == 1])
  d$y <- ifelse(fail == 1, top - d$pref + 1, top + 2)
  d$fail <- fail
  f <- coxph(Surv(y, fail) ~ x1 + x2 + strata(grp), d, ties = ties)
  b <- coef(f); s <- sqrt(diag(vcov(f)))
  cat(sprintf("%s ll %.10f %.10f\n", tag, f$loglik[2], f$loglik[1]))
  for (i in seq_along(b)) cat(sprintf("%s %s %.10g %.10g\n", tag, names(b)[i], b[i], s[i]))
}
run("full", d0, "breslow")
d1 <- d0
d1$pref[d1$pref == 1 & d1$alt == 1] <- 0   # incomplete rankings
d1$pref[d1$pref == 3 & d1$grp == 2] <- 2   # a tie
run("breslow", d1, "breslow")
run("efron", d1, "efron")
# vce(robust): cox's cluster(group) sandwich; R's robust SE without Stata's G/(G-1) factor
d <- d0
fail <- as.numeric(d$pref != 0); top <- max(d$pref[fail == 1])
d$y <- ifelse(fail == 1, top - d$pref + 1, top + 2); d$fail <- fail
f <- coxph(Surv(y, fail) ~ x1 + x2 + strata(grp), d, ties = "breslow", cluster = grp)
s <- sqrt(diag(vcov(f)))
for (i in seq_along(s)) cat(sprintf("robust %s %.10g %.10g\n", names(s)[i], coef(f)[i], s[i]))
d$cl <- ceiling(d$grp / 4)
f <- coxph(Surv(y, fail) ~ x1 + x2 + strata(grp), d, ties = "breslow", cluster = cl)
s <- sqrt(diag(vcov(f)))
for (i in seq_along(s)) cat(sprintf("cluster %s %.10g %.10g\n", names(s)[i], coef(f)[i], s[i]))
