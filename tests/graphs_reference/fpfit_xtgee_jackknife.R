# twoway fpfit estcmd(xtgee) estopts(vce(jackknife [, saving() reject()])) and with noconstant
# (tests/test_graphs_fpfit_xtgee_jackknife.py) on fpfit_grouped.json's data, binomial
# exchangeable GEE (../reference_values/gee_fit.R), panels g; each replicate refits the GEE
# without one panel (with fweights w = g %% 3 + 1: that panel's weight less one).
# - jackknife posts F, not chi2, so every deviance frac_dv reads is 0; with noconstant frac_154
#   skips the model without x (deviance missing) and keeps the first pair that fits and has no
#   power 1: (-2, -2) (degree(1): -2); the terms centred at the mean of z; no constant;
#   V = (m-1)/m sum (b_(g) - bbar)(b_(g) - bbar)' over the m usable replicates, df m - 1;
#   fweights: the replicates weighted by their panels' frequencies, times (F-1)/F, df F - 1;
# - with a constant fracpoly fails (the model without x ties too), and saving()'s file holds
#   the last candidate's replicates: (3, 3), on the uncentred terms and the constant;
# - reject(e(N) < 149) after dropping t == 4 in panels 1..8 (152 rows): the replicates that
#   leave out a panel of 4 (e(N) 148) are rejected, V from the 8 others.
# Run from this folder: Rscript fpfit_xtgee_jackknife.R
source("fpfit_grouped_setup.R")
lopo <- function(yy, X, gg, tt, w = NULL) {
  do.call(rbind, lapply(unique(gg), function(h) {
    if (is.null(w)) { r <- gg != h; wl <- NULL } else { wl <- w - (gg == h); r <- wl > 0; wl <- wl[r] }
    gee_fit_X(yy[r], X[r, , drop = FALSE], gg[r], tt[r], binomial(), "exchangeable", w = wl)$b }))
}
band <- function(X0, b, B, fh = NULL) {
  ok <- stats::complete.cases(B)
  Bk <- B[ok, , drop = FALSE]
  if (is.null(fh)) {
    m <- nrow(Bk); d <- sweep(Bk, 2, colMeans(Bk)); V <- (m - 1) / m * crossprod(d); df <- m - 1
  } else {
    fk <- fh[ok]; F <- sum(fk); d <- sweep(Bk, 2, colSums(Bk * fk) / F)
    V <- (F - 1) / F * crossprod(d * sqrt(fk)); df <- F - 1
  }
  list(xb = as.vector(X0 %*% b), se = sqrt(rowSums((X0 %*% V) * X0)), df_r = df)
}
noconstant_case <- function(bp, rows = rep(TRUE, length(y)), w = NULL, reject_n = NULL) {
  zz <- z[rows]; yy <- y[rows]; gg <- g[rows]; tt <- t[rows]
  centre <- terms(mean(zz), bp)
  X <- sweep(terms(zz, bp), 2, centre)
  b <- gee_fit_X(yy, X, gg, tt, binomial(), "exchangeable", w = if (is.null(w)) NULL else w[rows])$b
  B <- lopo(yy, X, gg, tt, if (is.null(w)) NULL else w[rows])
  if (!is.null(reject_n)) {  # e(N) of each replicate: the rows left
    n_left <- sapply(unique(gg), function(h) sum(gg != h))
    B[n_left < reject_n, ] <- NA
  }
  fh <- if (is.null(w)) NULL else sapply(unique(gg), function(h) w[rows][gg == h][1])
  at_r <- sort(unique(x[rows]))
  X0 <- sweep(terms(at_r / scale, bp), 2, centre, "-")
  c(list(powers = bp, at = at_r, b = b, replicates = B), band(matrix(X0, ncol = length(bp)), b, B, fh))
}
last_candidate <- function() {
  X <- cbind(terms(z, c(3, 3)), 1)
  list(b = gee_fit_X(y, X, g, t, binomial(), "exchangeable")$b, replicates = lopo(y, X, g, t))
}
out <- list(noconstant = noconstant_case(c(-2, -2)),
            noconstant_fw = noconstant_case(c(-2, -2), w = g %% 3 + 1),
            noconstant_degree1 = noconstant_case(-2),
            noconstant_reject = noconstant_case(c(-2, -2), rows = !(g <= 8 & t == 4), reject_n = 149),
            constant_last_candidate = last_candidate())
write_json(out, "fpfit_xtgee_jackknife.json", digits = 15, auto_unbox = TRUE)
