# twoway fpfit estcmd(clogit) and estcmd(xtgee) (tests/test_graphs_fpfit_grouped.py): fracpoly's
# degree-2 search and fracpred's x b / stdp, computed with survival::clogit (the exact
# conditional likelihood, stratified by g) and geepack::geeglm (binomial logit, independence
# working correlation, the sandwich variance: frac_dv's deviance -e(chi2), the Wald chi2 of the
# two FP terms). Run from this folder: Rscript fpfit_grouped.R
library(survival)
library(geepack)
library(jsonlite)
set.seed(7)
n <- 160
g <- rep(1:40, each = 4)
t <- rep(1:4, 40)
x <- round(runif(n, 1, 12), 2)
y <- as.numeric(runif(n) < plogis(-2.5 + 0.9 * log(x) + 0.15 * x + rep(rnorm(40, 0, .7), each = 4)))
y[g %in% c(3, 17)] <- 0  # groups whose outcome does not vary: clogit drops them
source("fp_terms.R")
at <- sort(unique(x))
first <- order(x, y)[!duplicated(x[order(x, y)])]  # twoway's row at each distinct x

search <- function(dev_of) {
  best <- Inf
  for (i in seq_along(S)) for (j in i:length(S)) {
    p <- c(S[i], S[j]); d <- dev_of(terms(z, p))
    if (d < best - 1e-9) { best <- d; bp <- p }
  }
  bp
}
# clogit
cl_dev <- function(X) -2 * clogit(y ~ X + strata(g), method = "exact")$loglik[2]
bp <- search(cl_dev)
centre <- terms(mean(z), bp)
X <- sweep(terms(z, bp), 2, centre)
fit <- clogit(y ~ X + strata(g), method = "exact")
X0 <- sweep(terms(at / scale, bp), 2, centre)
informative <- tapply(y, g, function(v) any(v != v[1]))
drawn <- informative[as.character(g[first])]
clogit_ref <- list(powers = bp, at = at, xb = as.vector(X0 %*% coef(fit)),
                   se = sqrt(rowSums((X0 %*% vcov(fit)) * X0)), drawn = as.vector(drawn))
# xtgee: binomial logit, independence, robust
wald <- function(X, keep = 2:3) {
  f <- geeglm(y ~ X, id = g, family = binomial, corstr = "independence")
  b <- coef(f)[keep]; V <- f$geese$vbeta[keep, keep]
  -as.numeric(t(b) %*% solve(V, b))
}
bp2 <- search(wald)
Xr <- terms(z, bp2)
f <- geeglm(y ~ Xr, id = g, family = binomial, corstr = "independence")
X0 <- cbind(1, terms(at / scale, bp2))
xtgee_ref <- list(powers = bp2, at = at, xb = as.vector(X0 %*% coef(f)),
                  se = sqrt(rowSums((X0 %*% f$geese$vbeta) * X0)))
write_json(list(x = x, y = y, g = g, t = t, clogit = clogit_ref, xtgee = xtgee_ref), "fpfit_grouped.json",
           digits = 15, auto_unbox = TRUE)
