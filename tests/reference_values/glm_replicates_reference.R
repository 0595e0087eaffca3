# vce(jackknife) of logit, probit and poisson as plain commands: leave-one-out refits
# (glm), V = (n-1)/n sum (b_(i) - bbar)(b_(i) - bbar)'; cluster(g): leave one
# cluster out; mse: about b instead of bbar; fweights: one copy of row i less, the replicates weighted by f_i,
# V = (F-1)/F sum f_i (b_(i) - bw)(b_(i) - bw)', bw = sum f_i b_(i) / F.  Data: auto_subset.csv with g = ceil(_n/5) and
# fw = 1 + mod(_n, 3) (as tests/test_glm_replicates.py builds them).
d <- read.csv("auto_subset.csv")
n <- nrow(d); d$g <- ceiling(seq_len(n) / 5); d$fw <- 1 + seq_len(n) %% 3
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
fits <- list(
  logit = function(dd, w = NULL) coef(glm(foreign ~ mpg + weight, binomial("logit"), dd, weights = w, control = ctl)),
  probit = function(dd, w = NULL) coef(glm(foreign ~ mpg + weight, binomial("probit"), dd, weights = w, control = ctl)),
  poisson = function(dd, w = NULL) coef(glm(mpg ~ weight + foreign, poisson(), dd, weights = w, control = ctl)))
jk <- function(B) { m <- nrow(B); dev <- sweep(B, 2, colMeans(B)); (m - 1) / m * t(dev) %*% dev }
out <- list()
for (name in names(fits)) {
  f <- fits[[name]]
  # Stata's order: slopes then _cons (then lnalpha)
  reorder <- function(b) b[c(2, 3, 1)]
  B <- t(sapply(seq_len(n), function(i) reorder(f(d[-i, ]))))
  b <- reorder(f(d)); dev <- sweep(B, 2, b)  # mse: about the full-sample b
  out[[name]] <- list(b = unname(b), se = unname(sqrt(diag(jk(B)))),
                      se_mse = unname(sqrt(diag((n - 1) / n * t(dev) %*% dev))))
}
B <- t(sapply(sort(unique(d$g)), function(k) fits$logit(d[d$g != k, ])[c(2, 3, 1)]))
out$logit_cluster <- list(se = unname(sqrt(diag(jk(B)))), n = nrow(B))
# fweights
bw <- function(dd, w) fits$logit(dd, w)[c(2, 3, 1)]
Bf <- t(sapply(seq_len(n), function(i) { w <- d$fw; w[i] <- w[i] - 1; keep <- w > 0
  bw(d[keep, ], w[keep]) }))
Fs <- sum(d$fw); cbar <- colSums(Bf * d$fw) / Fs; dev <- sweep(Bf, 2, cbar)
Vf <- (Fs - 1) / Fs * t(dev * d$fw) %*% dev
out$logit_fweight <- list(b = unname(bw(d, d$fw)), se = unname(sqrt(diag(Vf))), df_r = Fs - 1)
cat(jsonlite::toJSON(out, digits = NA, auto_unbox = TRUE), file = "glm_replicates_reference.json")
