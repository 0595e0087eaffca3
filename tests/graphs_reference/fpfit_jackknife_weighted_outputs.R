# Reference values for tests/test_graphs_fpfit_jackknife_weighted_outputs.py: twoway fpfitci y x
# [fw=f] / [pw=p] / [aw=p] with estopts(vce(jackknife, saving(f, replace double) reject()))
# (aweights: with force).  fracpoly hands its weight to every regress it fits (frac_wgt's
# [weight exp]), and each regress's _vce_parserun to the jackknife prefix, so every fit -- the
# model without x, the 36 degree-2 candidates (terms of x scaled by 10^floor(log10(range)),
# uncentred, the constant last) and the final model on fracgen's Ix__1 Ix__2 (the terms centred
# at the unweighted mean of the scaled x: fracgen takes no weight) -- is a weighted jackknife:
# fweights (_loop_jknife_fw): replicate i the fit with f_i less one (a row of frequency 0 left
#   out); V = (F-1)/F sum_ok f_i (b_i - c)(b_i - c)', c the f-weighted mean of the usable
#   replicates, F their frequencies' sum, e(df_r) = F - 1;
# pweights (_loop_jknife_iw): replicate i the fit without row i (the others' weights times
#   n/(n-1), which changes no b); V = (n-1)/n sum_ok (b_i - bbar)(b_i - bbar)', bbar the usable
#   replicates' mean, e(df_r) = usable - 1;
# aweights with force (_loop_jknife): replicate i without row i, V = (G-1)/G sum_ok ..., G the
#   usable ones, e(df_r) = G - 1.
# reject(exp): a fit whose full-sample exp is true fails (r(9)), a replicate whose exp is true is
# left out (missing in the file, its __jk_multiplier too); fewer than two usable replicates (none
# with pweights) fail the fit.  A failing candidate is skipped; the surviving pair of the
# smallest weighted residual sum of squares is chosen.  The band: x b -/+ invttail(e(df_r), .025)
# stdp at the distinct x.  cluster(g): a replicate per cluster (sorted), fweights' f the cluster's.
# Run in this folder: Rscript fpfit_jackknife_weighted_outputs.R > fpfit_jackknife_weighted_outputs.json
source("fpfit_weights_data.R")  # n, x, y, f, p; S, terms(), z; wls()
g <- i %% 5  # cluster(g), with the fweights fc constant within each cluster
fc <- 1 + g
# the weighted jackknife of regress y on X (a constant added last); NULL when the fit fails
# groups: cluster()'s codes (a replicate per cluster, sorted; fweights constant within it)
jack <- function(X, w, kind, reject = function(b) FALSE, groups = 1:n) {
  D <- cbind(X, 1)
  b <- wls(D, w)
  if (reject(b)) return(NULL)
  units <- sort(unique(groups))
  G0 <- length(units)
  B <- t(sapply(units, function(g) {
    v <- w; r <- groups == g; v[r] <- if (kind == "fweight") v[r] - 1 else 0; wls(D, v) }))
  if (ncol(D) == 1) B <- matrix(B, ncol = 1)
  freq <- sapply(units, function(g) w[groups == g][1])
  ok <- !apply(B, 1, reject)
  if (sum(ok) < 2) return(NULL)
  Bok <- B[ok, , drop = FALSE]
  if (kind == "fweight") {
    F <- sum(freq[ok])
    C <- sweep(Bok, 2, colSums(Bok * freq[ok]) / F)
    V <- (F - 1) / F * crossprod(C * sqrt(freq[ok]))
    df <- F - 1
  } else {
    G <- sum(ok)
    C <- sweep(Bok, 2, colMeans(Bok))
    V <- (if (kind == "pweight") (G0 - 1) / G0 else (G - 1) / G) * crossprod(C)
    df <- G - 1
  }
  list(b = b, B = B, ok = ok, V = V, df_r = df, rss = sum(w * (y - D %*% b)^2))
}
search <- function(w, kind, reject, groups) {
  if (is.null(jack(matrix(0, n, 0), w, kind, reject, groups))) return(NULL)  # the model without x
  best <- Inf
  bp <- NULL
  for (a in seq_along(S)) for (c in a:length(S)) {
    pp <- c(S[a], S[c])
    fit <- jack(terms(z, pp), w, kind, reject, groups)
    if (!is.null(fit) && (is.null(bp) || fit$rss < best - 1e-12 * max(best, 1))) { best <- fit$rss; bp <- pp }
  }
  bp
}
final <- function(w, kind, reject = function(b) FALSE, groups = 1:n) {
  bp <- search(w, kind, reject, groups)
  centre <- terms(mean(z), bp)
  fit <- jack(sweep(terms(z, bp), 2, centre), w, kind, reject, groups)
  at <- sort(unique(x))
  X0 <- cbind(sweep(terms(at / scale, bp), 2, centre), 1)
  xb <- as.vector(X0 %*% fit$b)
  se <- sqrt(rowSums((X0 %*% fit$V) * X0))
  q <- qt(0.975, fit$df_r)
  list(powers = bp, b = fit$b, B = fit$B, ok = fit$ok, df_r = fit$df_r, at = at, xb = xb,
       lower = xb - q * se, upper = xb + q * se)
}
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
out <- function(name, r) sprintf(paste0('  "%s": {"powers": [%s], "b": [%s], "B1": [%s], "B2": [%s], "Bc": [%s],',
                                        ' "usable": [%s], "df_r": %s, "at": [%s], "xb": [%s], "lower": [%s],',
                                        ' "upper": [%s]}'),
                                 name, num(r$powers), num(r$b), num(r$B[, 1]), num(r$B[, 2]), num(r$B[, 3]),
                                 num(as.integer(r$ok)), num(r$df_r), num(r$at), num(r$xb), num(r$lower),
                                 num(r$upper))
# reject(_b[_cons] > c): as in fpfit_jackknife.R, a threshold that rejects some candidates on the
# full sample (their uncentred constant above it) and some replicates of the final fit; with
# fweights c = 4.52 also the best pair's fit (another pair is chosen), with pweights c = 4.535
above <- function(c) function(b) b[length(b)] > c
cat("{\n")
cat(sprintf('  "x": [%s],\n  "y": [%s],\n  "f": [%s],\n  "p": [%s],\n  "g": [%s],\n  "fc": [%s],\n', num(x), num(y),
            num(f), num(p), num(g), num(fc)))
cat(out("fweight", final(f, "fweight")), ",\n", sep = "")
cat(out("pweight", final(p, "pweight")), ",\n", sep = "")
cat(out("aweight", final(p, "aweight")), ",\n", sep = "")
cat(out("fweight_above", final(f, "fweight", above(4.52))), ",\n", sep = "")
cat(out("pweight_above", final(p, "pweight", above(4.535))), ",\n", sep = "")
# cluster(g) with fweights (_loop_jknife_fw): one copy of every row of the cluster less; the
# cluster's frequency its multiplier and its weight in V
cat(out("fweight_cluster", final(fc, "fweight", groups = g)), ",\n", sep = "")
# saving() without replace: the first fit (the model without x) writes the file, every later one
# fails (r(602)): fracpoly fails, the file holds the weighted mean of y without each copy/row
cat(sprintf('  "constant_only": {"fweight": [%s], "pweight": [%s]}\n',
            num(jack(matrix(0, n, 0), f, "fweight")$B[, 1]), num(jack(matrix(0, n, 0), p, "pweight")$B[, 1])))
cat("}\n")
