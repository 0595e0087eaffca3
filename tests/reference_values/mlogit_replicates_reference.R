# mlogit's vce(jackknife) (mlmcli.commands.estimation.mlogit_replicates) against leave-one-out
# refits with nnet::multinom on mlogit_data.csv (base outcome 30, Stata's default: the most
# frequent).  V = (n-1)/n sum (b_i - mean b_i)(b_i - mean b_i)' (mse: about the full-sample b).
# Run here: Rscript mlogit_replicates_reference.R  ->  mlogit_replicates_reference.json
library(nnet)
d <- read.csv("mlogit_data.csv")
base <- names(which.max(table(d$y)))
fitb <- function(dd) {
  yy <- relevel(factor(dd$y), ref = base)
  m <- multinom(yy ~ x + z, data = dd, trace = FALSE, maxit = 1000, reltol = 1e-14)
  B <- coef(m)[, c("x", "z", "(Intercept)"), drop = FALSE]   # rows: 10, 20, 40
  as.vector(t(B))
}
jk <- function(B, center = colMeans(B)) {
  n <- nrow(B); D <- sweep(B, 2, center)
  (n - 1) / n * crossprod(D)
}
b <- fitb(d)
Bg <- t(sapply(sort(unique(d$g)), function(k) fitb(d[d$g != k, ])))
Bo <- t(sapply(seq_len(nrow(d)), function(i) fitb(d[-i, ])))
out <- list(base = as.numeric(base), b = b,
            se_cluster = sqrt(diag(jk(Bg))), se_cluster_mse = sqrt(diag(jk(Bg, b))),
            se_obs = sqrt(diag(jk(Bo))))
cat(jsonlite::toJSON(out, digits = NA, auto_unbox = TRUE), file = "mlogit_replicates_reference.json")
