# Reference values for tests/test_regress_jackknife_nodrop_fweights.py: regress [fw], vce(jackknife,
# nodrop nocount) when if/in rows outside e(sample) have a missing or zero frequency (jackknife.ado:
# the replicates are the first r(N) if/in rows -- r(N) the rows with a frequency --, each one copy
# less; a missing frequency posts b with a missing multiplier, left out of V; a zero frequency
# less one fails regress, posting missing values; a row with a missing y is b).
# Run: Rscript jackknife_nodrop_fweights.R > jackknife_nodrop_fweights.json
n <- 14
x <- c(3.1, 1.2, 4.4, 2.8, 5.0, 0.7, 3.9, 2.2, 4.1, 1.9, 3.3, 2.5, 4.8, 1.1)
y <- c(2.0, 1.1, 3.9, 2.4, 4.6, 0.2, NA, 2.5, 3.3, 1.0, 3.0, 2.2, 4.4, 0.9)
fw <- c(2, 1, 3, NA, 1, 2, 2, 0, 1, 3, 2, 1, 1, 2)
inrange <- 1:13  # in 1/13: row 14 is outside; rows 4 (missing fw), 7 (missing y), 8 (zero fw) are not in e(sample)
# zero_missing: row 7 (missing y) with a zero frequency too -- its replicate's regress gets -1 there
# and fails as row 8's does ([P] mark: the weight of every if/in row is checked before markout drops
# the rows with missing values), posting missing values.
jackknife <- function(fw) {
  sample <- inrange[!is.na(y[inrange]) & !is.na(fw[inrange]) & fw[inrange] > 0]
  wls <- function(f) {
    keep <- sample[f[sample] > 0]
    coef(lm(y[keep] ~ x[keep], weights = f[keep]))[c(2, 1)]
  }
  b <- wls(fw)
  nrep <- sum(!is.na(fw[inrange]))  # summarize's r(N): the if/in rows with a frequency
  B <- matrix(NA, nrep, 2)
  mult <- rep(NA, nrep)
  for (j in seq_len(nrep)) {
    r <- inrange[j]
    if (!is.na(fw[r]) && fw[r] == 0) next  # regress fails: missing values posted
    f <- fw
    if (!is.na(f[r])) f[r] <- f[r] - 1
    B[j, ] <- wls(f)
    mult[j] <- fw[r]
  }
  usable <- !is.na(B[, 1]) & !is.na(mult)
  F <- sum(mult[usable])
  D <- sweep(B[usable, ], 2, colSums(B[usable, ] * mult[usable]) / F)
  V <- (F - 1) / F * crossprod(D * sqrt(mult[usable]))
  list(b = unname(b), V = unname(V), df_r = F - 1, N_reps = sum(usable),
       N = sum(fw[inrange], na.rm = TRUE), replicates = nrep, B = B, multiplier = mult)
}
fw_zero_missing <- replace(fw, 7, 0)
main <- jackknife(fw)
zero_missing <- jackknife(fw_zero_missing)
names(zero_missing) <- paste0(names(zero_missing), "_zero_missing")
cat(jsonlite::toJSON(c(list(y = y, x = x, fw = fw, fw_zero_missing = fw_zero_missing), main, zero_missing),
                     digits = NA, auto_unbox = TRUE, na = "null"))
