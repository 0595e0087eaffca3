# Reference values for tests/test_graphs_fpfit_grouped_maximize.py: twoway fpfitci y x,
# estcmd(clogit) estopts(group(g) iterate(#) | from(...)) on fpfit_grouped.json's data.
# survival's clogit (method "exact", coxph's Newton-Raphson from 0, as ml's) stopped after
# two Newton steps gives each fit's b_2 and its log likelihood (fracpoly's search by -2 ll
# of those), the final model's b_2 on the centred terms; V the inverse information at that b
# (coxph(init = b, iter.max = 0)'s vcov).  "from": iterate(0) from(Ix__1=.3 Ix__2=-.2, skip):
# every candidate stays at 0 (all tie: the first pair, -2 -2, is kept), the final model at the
# values given.  Run in this folder: Rscript fpfit_clogit_maximize.R > fpfit_clogit_maximize.json
suppressMessages(library(survival))
library(jsonlite)
d <- fromJSON("fpfit_grouped.json")
x <- d$x; y <- d$y; g <- d$g
source("fp_terms.R")
at <- sort(unique(x))
# k Newton steps from init (0): each coxph(iter.max = 1) is one step from its init (coxph's own
# count of iter.max above 1 differs from ml's), iter.max = 0 evaluates ll and V at init
fit_k <- function(X, k, init = rep(0, ncol(X))) {
  one <- function(b, steps) suppressWarnings(clogit(y ~ X + strata(g), method = "exact", iter.max = steps,
                                                     init = b))
  f <- one(init, 0)
  for (i in seq_len(k)) f <- one(coef(f), 1)
  f
}
search <- function(k) {
  best <- Inf
  for (i in seq_along(S)) for (j in i:length(S)) {
    p <- c(S[i], S[j]); dv <- -2 * fit_k(terms(z, p), k)$loglik[2]
    if (dv < best - 1e-9) { best <- dv; bp <- p }
  }
  bp
}
band <- function(bp, b) {
  centre <- terms(mean(z), bp)
  X <- sweep(terms(z, bp), 2, centre)
  V <- vcov(fit_k(X, 0, init = b))
  X0 <- sweep(terms(at / scale, bp), 2, centre)
  list(powers = bp, xb = as.vector(X0 %*% b), se = sqrt(rowSums((X0 %*% V) * X0)))
}
bp <- search(2)
centre <- terms(mean(z), bp)
b2 <- unname(coef(fit_k(sweep(terms(z, bp), 2, centre), 2)))
full <- unname(coef(fit_k(sweep(terms(z, bp), 2, centre), 25)))
out <- list(at = at, iterate2 = c(band(bp, b2), list(b = b2, b_converged = full)),
            from = band(c(-2, -2), c(.3, -.2)))
cat(toJSON(out, digits = 15, auto_unbox = TRUE))
