# Reference values for tests/test_clogit_vce.py (Rscript clogit_vce_reference.R in
# tests/reference_values): clogit's vce(opg), nonest with vce(cluster), score() and
# vce(jackknife) on conditional_panels.csv, from the exact enumeration of clogit_enumeration.R
# (independent of mlm's recursion) and survival::clogit(method = "exact") for b:
# - OPG: (sum_g w_g s_g s_g')^-1 over the groups' scores at the estimates;
# - score index: u_t = y_t - pi_t, pi_t the sum of the case-set probabilities of the sets
#   holding t;
# - nonest: V M V, M = c/(c-1) sum_j U_j U_j', U_j = sum over cluster j's rows of u_t x_t
#   (clusters crossing groups: c2 = id %% 7);
# - jackknife: one group left out per replicate, V = (n-1)/n sum (b_(g) - bbar)(b_(g) - bbar)'.
suppressMessages({library(survival); library(jsonlite)})
d <- read.csv("conditional_panels.csv")
d$w <- (d$id %% 3) + 1
d$c2 <- d$id %% 7 + (d$x1 > 0)
tot <- tapply(d$yb, d$id, sum); n <- tapply(d$yb, d$id, length)
informative <- as.numeric(names(tot)[tot > 0 & tot < n])
d <- d[d$id %in% informative, ]
source("clogit_enumeration.R")

score_index <- function(dd, b) {
  u <- numeric(nrow(dd))
  for (g in unique(dd$id)) {
    r <- which(dd$id == g); X <- as.matrix(dd[r, c("x1", "x2")]); y <- dd$yb[r]
    eta <- drop(X %*% b); k <- sum(y); idx <- combn(length(y), k, simplify = FALSE)
    s <- sapply(idx, function(S) sum(eta[S])); p <- exp(s - max(s)); p <- p / sum(p)
    pi <- sapply(seq_along(y), function(t) sum(p[sapply(idx, function(S) t %in% S)]))
    u[r] <- y - pi
  }
  u
}
opg <- function(dd, b, w = NULL) {
  ids <- unique(dd$id)
  wg <- if (is.null(w)) rep(1, length(ids)) else sapply(ids, function(g) w[dd$id == g][1])
  S <- t(sapply(ids, function(g) { r <- dd$id == g
    group_terms(as.matrix(dd[r, c("x1", "x2")]), dd$yb[r], drop(as.matrix(dd[r, c("x1", "x2")]) %*% b))$score }))
  solve(t(wg * S) %*% S)
}

base <- fit(d, c("x1", "x2"))
ex <- clogit(yb ~ x1 + x2 + strata(id), data = d, method = "exact")
u <- score_index(d, base$b)
X <- as.matrix(d[, c("x1", "x2")])
U <- rowsum(u * X, d$c2); cc <- nrow(U)
V_nonest <- base$V %*% (t(U) %*% U) %*% base$V * cc / (cc - 1)
wfit <- fit(d, c("x1", "x2"), w = d$w, wkind = "fweight")
ids <- unique(d$id)
B <- t(sapply(ids, function(g) fit(d[d$id != g, ], c("x1", "x2"))$b))
dev <- sweep(B, 2, colMeans(B)); m <- nrow(B)
dev_mse <- sweep(B, 2, base$b)
out <- list(
  b = base$b, b_survival_exact = unname(coef(ex)), ll = base$ll,
  se_opg = sqrt(diag(opg(d, base$b))),
  se_opg_fweight = sqrt(diag(opg(d, wfit$b, d$w))), b_fweight = wfit$b,
  score = u, score_id = d$id, se_nonest = sqrt(diag(V_nonest)), n_clusters_nonest = cc,
  se_jackknife = sqrt(diag((m - 1) / m * t(dev) %*% dev)),
  se_jackknife_mse = sqrt(diag((m - 1) / m * t(dev_mse) %*% dev_mse)), n_groups = m
)
write(toJSON(list(source = "clogit_vce_reference.R on conditional_panels.csv", values = out), digits = 15,
             auto_unbox = TRUE, pretty = TRUE), "clogit_vce_reference.json")
