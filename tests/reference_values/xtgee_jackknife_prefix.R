# jackknife [, cluster(c)]: xtgee (tests/test_xtgee_jackknife_prefix.py): the prefix typed leaves
# out one observation, or one cluster of c, at a time and refits the GEE on the panels that
# remain (xtgee's vce(jackknife) is the prefix with cluster(panelvar); _vce_parserun ..., panel).
# b_(k) the refit without cluster k, V = (n-1)/n sum (b_(k) - bbar)(b_(k) - bbar)' (mse: around
# the full-sample b); with fweights (constant within c) one copy of cluster k less, V the
# replicates weighted by their frequencies, (F-1)/F, df F - 1 (jackknife.ado's _loop_jknife_fw).
# geepack::geeglm for the independence structure (the GLM's b), gee_fit.R's GEE (Stata's moment
# estimators) for the exchangeable one.  Run from this folder: Rscript xtgee_jackknife_prefix.R
suppressMessages({library(geepack); library(jsonlite)})
source("gee_fit.R")
set.seed(20261203)
G <- 12; Tn <- 4
id <- rep(seq_len(G), each = Tn); t <- rep(seq_len(Tn), G)
x <- round(rnorm(G * Tn), 3)
u <- rep(rnorm(G, sd = 0.8), each = Tn)
yb <- as.numeric(runif(G * Tn) < plogis(-0.3 + 0.9 * x + u))
yg <- round(1 + 0.7 * x + u + rnorm(G * Tn), 3)
c5 <- (id + t) %% 5          # clusters that cut the panels
v <- ceiling(id / 3)         # clusters of whole panels
f <- v %% 2 + 1              # fweights, constant within v
jk <- function(B, b, mse = FALSE, fr = NULL) {
  fr <- if (is.null(fr)) rep(1, nrow(B)) else fr
  F <- sum(fr); centre <- if (mse) b else colSums(B * fr) / F
  d <- sweep(B, 2, centre)
  list(b = unname(b), V = unname((F - 1) / F * crossprod(d * sqrt(fr))), df_r = F - 1)
}
indep <- function(yv, r, fam, w = NULL) {
  d <- data.frame(y = yv[r], x = x[r], id = id[r], w = if (is.null(w)) 1 else w[r])
  unname(coef(geeglm(y ~ x, id = id, data = d, family = fam, weights = w, corstr = "independence")))
}
all_rows <- rep(TRUE, G * Tn)
out <- list(data = list(id = id, t = t, x = x, yb = yb, yg = yg, c5 = c5, v = v, f = f))
# jackknife, cluster(c5): xtgee yb x, family(binomial) corr(independent)
B <- t(sapply(sort(unique(c5)), function(k) indep(yb, c5 != k, binomial())))
out$binomial_cluster <- jk(B, indep(yb, all_rows, binomial()))
# jackknife: xtgee yb x, family(binomial) corr(independent)
B <- t(sapply(seq_len(G * Tn), function(k) indep(yb, seq_len(G * Tn) != k, binomial())))
out$binomial_observations <- jk(B, indep(yb, all_rows, binomial()))
# jackknife, cluster(c5) mse: xtgee yg x, corr(exchangeable)
exch <- function(r) gee_fit_X(yg[r], cbind(1, x[r]), id[r], t[r], gaussian(), "exchangeable")$b
B <- t(sapply(sort(unique(c5)), function(k) exch(c5 != k)))
out$gaussian_exchangeable_mse <- jk(B, exch(all_rows), mse = TRUE)
# jackknife, cluster(v): xtgee yg x [fw=f], corr(independent)
B <- t(sapply(sort(unique(v)), function(k) { wl <- f - (v == k); r <- wl > 0
  d <- data.frame(y = yg[r], x = x[r], id = id[r], w = wl[r])
  unname(coef(geeglm(y ~ x, id = id, data = d, weights = w, corstr = "independence"))) }))
out$gaussian_fweights <- jk(B, indep(yg, all_rows, gaussian(), w = f), fr = sapply(sort(unique(v)), function(k) f[v == k][1]))
write_json(out, "xtgee_jackknife_prefix.json", digits = 15, auto_unbox = TRUE, matrix = "rowmajor")
