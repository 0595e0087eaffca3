# Reference values for tests/test_regress_jackknife_collinear.py: regress's vce(jackknife) when
# leaving out one observation (or cluster) makes a regressor collinear -- jackknife.ado's loops
# (_check_omit) post missing values for that replicate, so the variance is the jackknife's of the
# other replicates.  Computed here by lm without each observation (cluster), a replicate whose
# lm has an aliased (NA) coefficient left out:
#   unweighted: V = (G-1)/G sum (b_g - bbar)(b_g - bbar)', G the usable replicates, df_r = G - 1;
#   pweights (svy's delete-one jackknife): (n-1)/n with n every replicate, usable or not;
#   fweights: the plain jackknife of the rows repeated fw times (a copy left out at a time), the
#   copies whose leaving out makes d collinear left out.
# Run: Rscript jackknife_collinear_replicates.R > jackknife_collinear_replicates.json
set.seed(20261203)
n <- 20
x1 <- round(runif(n, 0, 10), 2)
y <- round(2 + 0.5 * x1 + rnorm(n, 0, 1 + 0.1 * x1), 3)
d <- as.numeric(seq_len(n) == 3)               # a dummy for observation 3 alone
g <- c(1, 2)[1 + seq_len(n) %% 2]; g[7] <- 3     # level 3 of g in observation 7 alone
c <- rep(1:5, each = 4)
dc <- as.numeric(c == 2 & seq_len(n) %% 2 == 0)  # varies within cluster 2 only
fw <- c(2, 1, 1, 3, 1)[1 + seq_len(n) %% 5]
fw[3] <- 1                                       # observation 3's only copy: leaving it out makes d collinear
pw <- round(runif(n, 0.5, 3), 2)
jack <- function(fits, scale_n = NULL) {
  ok <- sapply(fits, function(b) !any(is.na(b)))
  B <- do.call(rbind, fits[ok])
  G <- nrow(B)
  m <- if (is.null(scale_n)) (G - 1) / G else (scale_n - 1) / scale_n
  list(V = m * crossprod(sweep(B, 2, colMeans(B))), usable = G, missing = sum(!ok))
}
loo <- function(formula, units, w = NULL) {
  # i.g's indicators as regress's columns (lm's factor() would drop a level absent from the replicate)
  data <- data.frame(y, x1, d, g2 = as.numeric(g == 2), g3 = as.numeric(g == 3), dc, w = if (is.null(w)) 1 else w)
  lapply(unique(units), function(u) coef(lm(formula, data = data[units != u, ], weights = w)))
}
expanded <- function(w) {
  rows <- rep(seq_len(n), w)
  fits <- lapply(seq_along(rows), function(k) {
    keep <- seq_along(rows) != k
    coef(lm(y[rows][keep] ~ x1[rows][keep] + d[rows][keep]))
  })
  jack(fits)
}
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
mat <- function(V) paste0("[", paste(sapply(seq_len(nrow(V)), function(i) paste0("[", num(V[i, ]), "]")),
                                      collapse = ", "), "]")
out <- function(key, r, order, last = FALSE) {
  cat(sprintf('  "%s": {"V": %s, "usable": %d, "missing": %d}%s\n', key, mat(r$V[order, order]),
              r$usable, r$missing, if (last) "" else ","))
}
cat("{\n")
cat(sprintf('  "y": [%s],\n  "x1": [%s],\n  "d": [%s],\n  "g": [%s],\n  "c": [%s],\n  "dc": [%s],\n  "fw": [%s],\n  "pw": [%s],\n',
            num(y), num(x1), num(d), num(g), num(c), num(dc), num(fw), num(pw)))
# regress's order: the regressors, then _cons
out("observation", jack(loo(y ~ x1 + d, seq_len(n))), c(2, 3, 1))
out("cluster", jack(loo(y ~ x1 + dc, c)), c(2, 3, 1))
out("factor", jack(loo(y ~ x1 + g2 + g3, seq_len(n))), c(2, 3, 4, 1))
out("pweight", jack(loo(y ~ x1 + d, seq_len(n), pw), scale_n = n), c(2, 3, 1))
out("fweight", expanded(fw), c(2, 3, 1), last = TRUE)
cat("}\n")
