# Reference values for tests/test_graphs_fpfit_jackknife_weights.py: twoway fpfitci y x [fw=f]
# and [pw=p] with estopts(vce(jackknife)), [aw=p] with estopts(vce(jackknife, force)).  fracpoly regress hands its weights to regress
# (frac_wgt: [weight exp]) and regress's _vce_parserun to the jackknife prefix, which takes
# fweights and pweights (jackknife.ado; aweights only with force).  The powers: the pair of the
# smallest weighted residual sum of squares (regress's deviance for fixed weights is monotone in
# it), x scaled by 10^floor(log10(range)); the final fit's x b and its stdp at the distinct x are
# the same with fracpoly's centred terms (a linear reparameterisation of each replicate too).
# jackknife: fweights -- each replicate one copy less of an observation, V = (F-1)/F sum f_i
# (b_i - c)(b_i - c)', c the f-weighted mean of the replicates, F = sum f, e(df_r) = F - 1;
# pweights -- each observation left out, V = (n-1)/n sum (b_i - bbar)(b_i - bbar)',
# e(df_r) = n - 1; aweights (with jackknife's force) the same (their rescaling changes no b).  The band: x b -/+ invttail(e(df_r), .025) stdp.
# Run in this folder: Rscript fpfit_jackknife_weights.R > fpfit_jackknife_weights.json
source("fpfit_weights_data.R")  # n, x, y, f, p; S, terms(), z; wls()
rss <- function(D, w) sum(w * (y - D %*% wls(D, w))^2)
band <- function(w, kind) {
  bp <- best_pair(function(pp) rss(cbind(terms(z, pp), 1), w))
  D <- cbind(terms(z, bp), 1)
  b <- wls(D, w)
  if (kind == "fweight") {
    B <- t(sapply(1:n, function(r) { v <- w; v[r] <- v[r] - 1; wls(D, v) }))
    F <- sum(w)
    c <- colSums(B * w) / F
    C <- sweep(B, 2, c)
    V <- (F - 1) / F * crossprod(C * sqrt(w))
    df <- F - 1
  } else {
    B <- t(sapply(1:n, function(r) { v <- w; v[r] <- 0; wls(D, v) }))
    C <- sweep(B, 2, colMeans(B))
    V <- (n - 1) / n * crossprod(C)
    df <- n - 1
  }
  at <- sort(unique(x))
  X0 <- cbind(terms(at / scale, bp), 1)
  xb <- as.vector(X0 %*% b)
  se <- sqrt(rowSums((X0 %*% V) * X0))
  q <- qt(0.975, df)
  list(powers = bp, at = at, xb = xb, se = se, lower = xb - q * se, upper = xb + q * se, df = df)
}
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
out <- function(name, r) sprintf(paste0('  "%s": {"powers": [%s], "df_r": %s, "at": [%s], "xb": [%s], "se": [%s],',
                                        ' "lower": [%s], "upper": [%s]}'),
                                 name, num(r$powers), num(r$df), num(r$at), num(r$xb), num(r$se), num(r$lower),
                                 num(r$upper))
cat("{\n")
cat(sprintf('  "x": [%s],\n  "y": [%s],\n  "f": [%s],\n  "p": [%s],\n', num(x), num(y), num(f), num(p)))
cat(out("fweight", band(f, "fweight")), ",\n", sep = "")
cat(out("pweight", band(p, "pweight")), ",\n", sep = "")
cat(out("aweight", band(p, "aweight")), "\n", sep = "")
cat("}\n")
