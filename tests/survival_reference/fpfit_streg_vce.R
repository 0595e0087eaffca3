# Reference values for twoway fpfitci age wt_loss, estcmd(streg) estopts(distribution(D) vce(opg|jackknife))
# on stset time, failure(died) (tests/test_fpfit_streg.py), as fpfit_streg_distributions.R: the
# powers by -2 ll of survreg's fits (vce() leaves fracpoly's search alone), then
# - weibull vce(opg): survreg's fit taken to streg's log relative-hazard metric (b = -beta/scale,
#   ln p = -ln scale), each record's score of d (x b + ln p + (p-1) ln t) - exp(x b) t^p written
#   out, V = (sum s s')^-1 (ml's vce(opg)); the band x b -/+ z stdp;
# - lognormal vce(jackknife): survreg refitted leaving out each record (no id(): the records are
#   the clusters), V = (n-1)/n sum (b_i - bbar)(b_i - bbar)', the band with t(n-1).
# Run from the worktree root: Rscript tests/survival_reference/fpfit_streg_vce.R > tests/survival_reference/fpfit_streg_vce.json
library(survival)
d <- read.csv("tests/survival_reference/lung.csv")
d <- d[!is.na(d$wt.loss), ]
x <- d$age
source("tests/graphs_reference/fp_terms.R")  # S, terms(), the scaled z, search_powers()
o <- order(d$wt.loss, d$age)
keep <- o[c(TRUE, diff(d$wt.loss[o]) != 0)]
n <- nrow(d)
ctl <- survreg.control(rel.tolerance = 1e-12, maxiter = 100)
search <- function(dn) {
  best <- search_powers(function(p) {
    X <- terms(z, p)  # (terms() inside a formula would be R's own)
    -2 * survreg(Surv(d$time, d$died) ~ X + d$wt.loss, dist = dn)$loglik[2]
  }, tol = 1e-12, relative = TRUE)
  sweep(terms(z, best$powers), 2, terms(mean(z), best$powers))
}
# weibull, opg
Xc <- search("weibull")
f <- survreg(Surv(d$time, d$died) ~ Xc + d$wt.loss, dist = "weibull", control = ctl)
p <- 1 / f$scale
X <- cbind(Xc, d$wt.loss, 1)
b <- -coef(f)[c(2:length(coef(f)), 1)] * p
H <- exp(drop(X %*% b)) * d$time^p
sc <- cbind(X * (d$died - H), d$died * (1 + p * log(d$time)) - H * p * log(d$time))
V <- solve(crossprod(sc))[1:ncol(X), 1:ncol(X)]
X0 <- X[keep, ]
opg <- list(xb = as.vector(X0 %*% b), se = sqrt(rowSums((X0 %*% V) * X0)))
# lognormal, jackknife
Xc <- search("lognormal")
fit <- function(rows) coef(survreg(Surv(d$time[rows], d$died[rows]) ~ Xc[rows, ] + d$wt.loss[rows],
                                   dist = "lognormal", control = ctl))
b <- fit(seq_len(n))
R <- t(sapply(seq_len(n), function(i) fit(-i)))
D <- sweep(R, 2, colMeans(R))
V <- (n - 1) / n * crossprod(D)
X0 <- cbind(1, Xc[keep, , drop = FALSE], d$wt.loss[keep])
jk <- list(xb = as.vector(X0 %*% b), se = sqrt(rowSums((X0 %*% V) * X0)), df_r = n - 1)
cat(jsonlite::toJSON(list(at = d$wt.loss[keep], weibull_opg = opg, lognormal_jackknife = jk),
                     digits = 15, auto_unbox = TRUE, pretty = TRUE))
