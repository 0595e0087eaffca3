# Reference values for tests/test_graphs_fpfit_ml_weighted_jackknife.py: twoway fpfitci y x [weight],
# estcmd(poisson|logit|glm) estopts(vce(jackknife ...)) with pweights and fweights.  fracpoly's search by
# the weighted deviance (R's glm with prior weights: fracpoly hands the weight to every fit); the final
# model's V is jackknife.ado's weighted one (mlmcli.replicate_variance):
# - pweights (_loop_jknife_iw): replicate i is the weighted fit without observation i (the others'
#   weights times n/(n-1) change no b), V = (n-1)/n sum (b_(i) - bbar)(b_(i) - bbar)', e(df_r) = n - 1
#   (cluster(g): the fit without cluster k, n the clusters);
# - fweights (_loop_jknife_fw): replicate i has observation i's frequency less one (cluster(g): every
#   row of cluster k one copy less, its frequency constant within it), V = (F-1)/F sum f_i (b_(i) -
#   bw)(b_(i) - bw)', bw = sum f_i b_(i) / F, e(df_r) = F - 1;
# the band x b -/+ qt(.975, e(df_r)) stdp.
# Run in this folder: Rscript fpfit_ml_weighted_jackknife.R > fpfit_ml_weighted_jackknife.json
suppressMessages(library(jsonlite))
set.seed(20261203)
n <- 60
x <- round(runif(n, 0.5, 6), 1)
g <- rep(1:10, length.out = n)
y <- rpois(n, exp(0.3 + 0.5 * log(x)))
yb <- as.numeric(y >= 3)
w <- 1 + seq_len(n) %% 3       # varies within g
wc <- 1 + g %% 3               # constant within g
source("fp_terms.R")
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
at <- sort(unique(x))
band <- function(yy, fam, wt, kind, groups) {
  bp <- search_powers(function(p) deviance(suppressWarnings(
    glm(yy ~ terms(z, p), family = fam, weights = wt, control = ctl))))$powers
  X <- cbind(1, terms(z, bp))
  fit1 <- function(keep, ww) coef(suppressWarnings(glm(yy[keep] ~ X[keep, ] - 1, family = fam, weights = ww,
                                                       control = ctl)))
  b <- fit1(rep(TRUE, n), wt)
  ks <- sort(unique(groups))
  if (kind == "pweight") {
    B <- t(sapply(ks, function(k) fit1(groups != k, wt[groups != k])))
    m <- nrow(B); V <- (m - 1) / m * crossprod(sweep(B, 2, colMeans(B))); df_r <- m - 1
  } else {
    B <- t(sapply(ks, function(k) { ww <- wt - (groups == k); keep <- ww > 0; fit1(keep, ww[keep]) }))
    f <- sapply(ks, function(k) wt[groups == k][1]); Fs <- sum(f)
    D <- sweep(B, 2, colSums(B * f) / Fs)
    V <- (Fs - 1) / Fs * crossprod(D * sqrt(f)); df_r <- Fs - 1
  }
  X0 <- cbind(1, terms(at / scale, bp))
  list(powers = bp, xb = as.vector(X0 %*% b), se = sqrt(rowSums((X0 %*% V) * X0)), df_r = df_r)
}
out <- list(x = x, y = y, g = g, w = w, wc = wc, at = at,
            poisson_pweight = band(y, poisson(), w, "pweight", seq_len(n)),
            poisson_fweight = band(y, poisson(), w, "fweight", seq_len(n)),
            poisson_pweight_cluster = band(y, poisson(), w, "pweight", g),
            poisson_fweight_cluster = band(y, poisson(), wc, "fweight", g),
            logit_pweight = band(yb, binomial(), w, "pweight", seq_len(n)),
            glm_gaussian_pweight = band(y, gaussian(), w, "pweight", seq_len(n)))
cat(toJSON(out, digits = I(17), auto_unbox = TRUE))
