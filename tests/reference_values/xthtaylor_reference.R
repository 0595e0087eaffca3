# Reference values for xthtaylor (Hausman-Taylor and Amemiya-MaCurdy), independent of mlm
# (data: xthtaylor_panels.csv from make_xthtaylor_data.py; used by tests/test_xthtaylor.py).
# Run: Rscript xthtaylor_reference.R
#
# Balanced panels: plm's Hausman-Taylor (random.method = "ht", inst.method = "baltagi") and
# Amemiya-MaCurdy (inst.method = "am") estimators, which reproduce the [XT] xthtaylor
# manual's example (Baltagi's PSID wages: chi2(12) = 6891.87).  plm's theta is one number,
# so for the unbalanced subsample (keep == 1) the estimator is computed here by hand in
# matrices, following [XT] xthtaylor's Methods and formulas: sigma_u^2 from the harmonic
# mean of T_i and theta_i = 1 - sqrt(sigma_e^2 / (T_i sigma_u^2 + sigma_e^2)).
suppressMessages({library(plm); library(jsonlite)})
d <- read.csv("xthtaylor_panels.csv")
pd <- pdata.frame(d, index = c("id", "t"))
form <- y ~ x1a + x1b + x2 + z1 + z2 | x1a + x1b + z1 | x2 + z2
order <- c("x1a", "x1b", "x2", "z1", "z2", "(Intercept)")
as_out <- function(fit) {
  b <- coef(fit)[order]; V <- vcov(fit)[order, order]
  s2 <- ercomp(fit)$sigma2
  list(b = unname(b), se = unname(sqrt(diag(V))), sigma_u = sqrt(unname(s2["id"])),
       sigma_e = sqrt(unname(s2["idios"])))
}
ht <- plm(form, data = pd, random.method = "ht", model = "random", inst.method = "baltagi")
am <- plm(form, data = pd, random.method = "ht", model = "random", inst.method = "am")

# the unbalanced subsample by hand
u <- d[d$keep == 1, ]
id <- u$id; Ti <- ave(rep(1, nrow(u)), id, FUN = sum)
pm <- function(v) ave(v, id)                       # panel means on each row
X1 <- cbind(u$x1a, u$x1b); X2 <- cbind(u$x2); Z1 <- cbind(u$z1); Z2 <- cbind(u$z2)
X <- cbind(X1, X2); Xm <- apply(X, 2, pm); Xd <- X - Xm
yd <- u$y - pm(u$y)
bw <- solve(crossprod(Xd), crossprod(Xd, yd))
n <- nrow(u); G <- length(unique(id))
s2e <- sum((yd - Xd %*% bw)^2) / (n - G)
tsls <- function(yv, W, A) {                       # 2SLS of yv on W with instruments A
  P <- A %*% solve(crossprod(A), t(A)); WP <- t(W) %*% P
  M <- solve(WP %*% W); list(b = M %*% WP %*% yv, M = M)
}
di <- pm(u$y) - Xm %*% bw
Z <- cbind(Z1, Z2, 1)
g <- tsls(di, Z, cbind(X1, Z1, 1))$b
r <- u$y - X %*% bw - Z %*% g
rbar <- tapply(r, id, mean); Tg <- tapply(rep(1, n), id, sum)
s2 <- sum(Tg * rbar^2) / G
Tbar <- G / sum(1 / Tg)
s2u <- max((s2 - s2e) / Tbar, 0)
theta <- 1 - sqrt(s2e / (Ti * s2u + s2e))
W <- cbind(X - theta * Xm, (1 - theta) * cbind(Z1, Z2), 1 - theta)
A <- cbind(Xd, Xm[, 1:2], Z1, 1 - theta)
fit <- tsls(u$y - theta * pm(u$y), W, A)
e <- u$y - theta * pm(u$y) - W %*% fit$b
V <- sum(e^2) / (n - ncol(W)) * fit$M
k <- ncol(W) - 1
chi2 <- drop(t(fit$b[1:k]) %*% solve(V[1:k, 1:k], fit$b[1:k]))
# predict's u (xtht_p): sigma_u^2 / (T_i sigma_u^2 + sigma_e^2) * sum_t (y - x b), per panel
xb <- cbind(X, Z1, Z2, 1) %*% fit$b
u_panel <- s2u / (Tg * s2u + s2e) * tapply(u$y - xb, id, sum)
unbalanced <- list(b = drop(fit$b), se = sqrt(diag(V)), sigma_u = sqrt(s2u), sigma_e = sqrt(s2e),
                   chi2 = chi2, Tbar = Tbar, u = unname(drop(u_panel)))

# frequency weights w = 1 + id mod 3 (constant within panels): the same as each panel
# repeated w times, so plm's estimator on the expanded data is the reference
d$w <- 1 + d$id %% 3
rep_rows <- rep(seq_len(nrow(d)), d$w)
ex <- d[rep_rows, ]
ex$copy <- ave(seq_along(rep_rows), rep_rows, FUN = seq_along)
ex$id <- ex$id * 10 + ex$copy
ht_fw <- plm(form, data = pdata.frame(ex, index = c("id", "t")), random.method = "ht", model = "random",
             inst.method = "baltagi")

out <- list(names = c("x1a", "x1b", "x2", "z1", "z2", "_cons"), ht = as_out(ht), am = as_out(am),
            unbalanced = unbalanced, fweights = c(as_out(ht_fw), N = nrow(ex)))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "xthtaylor_reference.json")

# [XT] xthtaylor's example 1 uses Baltagi's PSID extract (Cornwell and Rupert 1988), which
# plm ships as Wages: written with Stata's variable names for the layout test.
data("Wages", package = "plm")
w <- data.frame(id = rep(1:595, each = 7), t = rep(1:7, 595), lwage = Wages$lwage, wks = Wages$wks,
                south = as.integer(Wages$south == "yes"), smsa = as.integer(Wages$smsa == "yes"),
                ms = as.integer(Wages$married == "yes"), exp = Wages$exp, exp2 = Wages$exp^2,
                occ = as.integer(Wages$bluecol == "yes"), ind = Wages$ind,
                union = as.integer(Wages$union == "yes"), fem = as.integer(Wages$sex == "female"),
                blk = as.integer(Wages$black == "yes"), ed = Wages$ed)
con <- gzfile("psid_wages.csv.gz", "w"); write.csv(w, con, row.names = FALSE); close(con)
