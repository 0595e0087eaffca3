# Reference values for tests/test_xthybrid.py::test_nlswork (skipped when /work/shared is absent):
#   xthybrid ln_wage union hours race, clusterid(idcode) test
# nlswork.dta's columns were written to CSV with pandas.read_stata (the path is the first
# argument); complete cases of the four variables, as xthybrid's marksample; B__x the cluster
# mean over that sample, W__x = x - B__x, R__race = race (constant within idcode).
# Run: Rscript nlswork_lme4.R nls.csv > nlswork_lme4.txt
suppressMessages(library(lme4))
d <- read.csv(commandArgs(TRUE)[1])
d <- d[complete.cases(d[, c("ln_wage", "union", "hours", "race")]), ]
for (x in c("union", "hours")) {
  d[[paste0("B__", x)]] <- ave(d[[x]], d$idcode)
  d[[paste0("W__", x)]] <- d[[x]] - d[[paste0("B__", x)]]
}
d$R__race <- d$race
fit <- lmer(ln_wage ~ R__race + W__union + W__hours + B__union + B__hours + (1 | idcode), data = d, REML = FALSE)
b <- fixef(fit); V <- as.matrix(vcov(fit))
for (n in names(b)) cat(sprintf("b %s %.10g\n", n, b[n]))
for (n in names(b)) cat(sprintf("se %s %.10g\n", n, sqrt(V[n, n])))
cat(sprintf("ll %.10g\n", as.numeric(logLik(fit))))
cat(sprintf("N %d\n", nrow(d)))
cat(sprintf("groups %d\n", length(unique(d$idcode))))
cat(sprintf("var_cons %.10g\n", as.data.frame(VarCorr(fit))$vcov[1]))
for (x in c("union", "hours")) {
  L <- setNames(rep(0, length(b)), names(b)); L[paste0("B__", x)] <- 1; L[paste0("W__", x)] <- -1
  w <- sum(L * b)^2 / as.numeric(t(L) %*% V %*% L)
  cat(sprintf("test %s %.10g %.10g\n", x, w, pchisq(w, 1, lower.tail = FALSE)))
}
