# Reference values for tests/test_regress_jackknife_iweights_rounding.py: regress [iw], vce(jackknife)
# with the default count where replicates' rescaled iweight sums are whole numbers only up to
# rounding. jackknife.ado's _loop_jknife_iw gives replicate g the others' iweights times k/(k-1)
# (`gen double`, (w k)/(k-1) in double), regress posts e(N) = the integer part of their sum, added in
# double precision one observation after another (a left fold: R's sum() accumulates in long double,
# so Reduce(`+`) instead) in the loop's data order (jackknife.ado's `sort touse strata cluster subuse,
# stable`: by cluster, data order within; when the data were sorted, then `sort sortvars, stable`);
# g is kept when that is int(e(N)) of the full sample less
# g's observations. V over the kept replicates as _jk_sum's iweights: m = (k-1)/k, G kept,
# df = round(G m), V = df/(df+1) m sum (b_g - bbar)(b_g - bbar)'.
# Run: Rscript jackknife_iweights_rounding.R > jackknife_iweights_rounding.json
n <- 12
x <- 1:n
z <- (x * 7) %% 5
y <- x / 3 + x %% 2 + z^2 / 7
w_obs <- c(2, 2, 2, 2, 1, 3, 2, 1, 2, 3, 2, 2)           # mean 2: rows of weight 2 sum to 24 up to rounding
w_cl <- c(0.5, 2, 2, 1.5, 2, 2.5, 2.5, 2, 0.5, 2.5, 2.5, 1.5)
c <- x %% 4                                              # clusters 1 2 3 0 1 2 3 0 ...: not contiguous
w_sorted <- c(1.5, 1, 2.5, 2, 2.5, 1.5, 1, 2.5, 3, 1, 1, 2.5)
v <- as.numeric(x > 6)                                   # the data sorted by v: the loop sorts by c, then by v
order <- c(2, 3, 1)                                      # regress's order: x, z, _cons
fold <- function(v) Reduce(`+`, v, accumulate = FALSE)   # double precision, in order
jackknife <- function(w, unit, sortvar = rep(0, n)) {
  rows <- order(sortvar, unit, seq_len(n))               # the loop's order: by unit, data order within
  ids <- sort(unique(unit))
  k <- length(ids)
  n0 <- floor(fold(w))
  B <- t(sapply(ids, function(g) coef(lm(y ~ x + z, weights = w, subset = unit != g))))
  sums <- sapply(ids, function(g) {
    r <- rows[unit[rows] != g]
    fold(w[r] * k / (k - 1))
  })
  sizes <- sapply(ids, function(g) sum(unit == g))
  kept <- floor(sums) == n0 - sizes
  sums_data_order <- sapply(ids, function(g) fold(w[unit != g] * k / (k - 1)))
  m <- (k - 1) / k
  Bk <- B[kept, , drop = FALSE]
  G <- nrow(Bk)
  df <- floor(G * m + 0.5)
  D <- sweep(Bk, 2, colMeans(Bk))
  V <- df / (df + 1) * m * crossprod(D)
  list(kept = which(kept), kept_data_order = which(floor(sums_data_order) == n0 - sizes),
       V = unname(V[order, order]), df = df, b = unname(coef(lm(y ~ x + z, weights = w))[order]))
}
obs <- jackknife(w_obs, x)
clu <- jackknife(w_cl, c)
sorted <- jackknife(w_sorted, c, v)
unsorted <- jackknife(w_sorted, c)
# regress [iw] alone: e(N) the integer part of the in-order double sum, e(df_r) = e(N) - 3
plain_N <- sapply(c(1, 9), function(i) floor(fold(w_obs[-i] * 12 / 11)))
cat(jsonlite::toJSON(list(
  y = y, x = x, z = z, c = c, w_obs = w_obs, w_cl = w_cl,
  obs_kept = obs$kept, obs_V = obs$V, obs_df = obs$df, obs_b = obs$b,
  cl_kept = clu$kept, cl_kept_data_order = clu$kept_data_order, cl_V = clu$V, cl_df = clu$df,
  sorted_kept = sorted$kept, sorted_kept_unsorted = unsorted$kept, sorted_V = sorted$V, sorted_df = sorted$df,
  w_sorted = w_sorted, v = v, plain_N = plain_N
), digits = NA, auto_unbox = TRUE))
