# vce(jackknife) with pweights and with weights and cluster() after the ML commands
# (commands.estimation.glm_replicates, mlmcli.replicate_variance), as jackknife.ado's loops and
# _jk_sum compute them:
# - pweights (_loop_jknife_iw): replicate i (cluster k) is the pweighted fit without it (the others'
#   weights times n/(n-1) change no b), V = (n-1)/n sum (b_(i) - bbar)(b_(i) - bbar)', n every
#   replicate, e(df_r) = n - 1; mse: about the full-sample b;
# - fweights with cluster(g) (_loop_jknife_fw): every row of cluster k one copy less, the replicates
#   weighted by the cluster's frequency f_k, V = (F-1)/F sum f_k (b_(k) - bw)(b_(k) - bw)',
#   bw = sum f_k b_(k) / F, e(df_r) = F - 1.
# Data: auto_subset.csv with g = ceil(_n/5), fw = 1 + mod(_n, 3), fc = 1 + mod(g, 3), r = 1 + (mpg > 18) +
# (mpg > 24), pk = floor(price/100) (as tests/test_glm_weighted_jackknife.py builds them).  Stata's order: the slopes, _cons,
# then the ancillary parameters (nbreg's lnalpha = -log(theta); ologit's cutpoints, polr's zeta).
library(MASS)
d <- read.csv("auto_subset.csv")
n <- nrow(d); i <- seq_len(n)
d$g <- ceiling(i / 5); d$fw <- 1 + i %% 3; d$fc <- 1 + d$g %% 3
d$r <- 1 + (d$mpg > 18) + (d$mpg > 24); d$pk <- floor(d$price / 100)
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
binary <- function(link) function(dd, w) {
  b <- coef(suppressWarnings(glm(foreign ~ mpg + weight, binomial(link), dd, weights = w, control = ctl)))
  b[c(2, 3, 1)] }
fits <- list(
  logit = binary("logit"), probit = binary("probit"), cloglog = binary("cloglog"),
  poisson = function(dd, w) coef(glm(mpg ~ weight + foreign, poisson(), dd, weights = w, control = ctl))[c(2, 3, 1)],
  nbreg = function(dd, w) {
    m <- suppressWarnings(glm.nb(pk ~ weight + foreign, dd, weights = w, control = ctl))
    c(coef(m)[c(2, 3, 1)], -log(m$theta)) },
  ologit = function(dd, w) {
    dd$w <- w
    m <- polr(factor(r) ~ weight, dd, weights = w, method = "logistic", control = list(reltol = 1e-14, maxit = 1000))
    c(coef(m), m$zeta) })
pw_jackknife <- function(f, groups) {
  B <- t(sapply(sort(unique(groups)), function(k) { keep <- groups != k; f(d[keep, ], d$fw[keep]) }))
  b <- f(d, d$fw); m <- nrow(B)
  dev <- sweep(B, 2, colMeans(B)); dmse <- sweep(B, 2, b)
  list(b = unname(b), se = unname(sqrt(diag((m - 1) / m * t(dev) %*% dev))),
       se_mse = unname(sqrt(diag((m - 1) / m * t(dmse) %*% dmse))), df_r = m - 1, reps = m)
}
out <- list()
for (name in names(fits)) out[[paste0(name, "_pweight")]] <- pw_jackknife(fits[[name]], i)
out$probit_pweight_cluster <- pw_jackknife(fits$probit, d$g)
fc_jackknife <- function(f) {
  ks <- sort(unique(d$g))
  B <- t(sapply(ks, function(k) { w <- d$fc - (d$g == k); keep <- w > 0; f(d[keep, ], w[keep]) }))
  fk <- sapply(ks, function(k) d$fc[d$g == k][1]); Fs <- sum(fk)
  dev <- sweep(B, 2, colSums(B * fk) / Fs)
  list(b = unname(f(d, d$fc)), se = unname(sqrt(diag((Fs - 1) / Fs * t(dev * fk) %*% dev))), df_r = Fs - 1,
       N = sum(d$fc), reps = length(ks))
}
out$logit_fweight_cluster <- fc_jackknife(fits$logit)
out$poisson_fweight_cluster <- fc_jackknife(fits$poisson)
cat(jsonlite::toJSON(out, digits = NA, auto_unbox = TRUE), file = "glm_weighted_jackknife.json")
