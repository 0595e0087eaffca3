# Reference values for newey (tests/test_newey.py).  Run: Rscript newey.R > newey.json
# Series: sandwich::NeweyWest(lag=, prewhite=FALSE, adjust=TRUE) on lm (weights: lm's weights
# with aweights scaled to mean 1, as newey.ado).  Panel with gaps: first principles, the
# Bartlett-weighted cross products of x_t e_t with the same id's x e exactly j periods earlier.
library(sandwich)
d <- read.csv("series.csv")
out <- list()
nw <- function(m, L) NeweyWest(m, lag = L, prewhite = FALSE, adjust = TRUE)
wald_F <- function(b, V, idx) as.numeric(t(b[idx]) %*% solve(V[idx, idx]) %*% b[idx]) / length(idx)
m <- lm(y ~ x1 + x2, data = d)
for (L in c(0, 1, 3)) {
  V <- nw(m, L)
  out[[paste0("series_lag", L)]] <- list(b = unname(coef(m)), se = unname(sqrt(diag(V))), V = unname(V),
                                         F = wald_F(coef(m), V, 2:3))
}
d$aw <- d$w / mean(d$w)
mw <- lm(y ~ x1 + x2, data = d, weights = aw)
V <- nw(mw, 2)
out$series_aw_lag2 <- list(b = unname(coef(mw)), se = unname(sqrt(diag(V))), F = wald_F(coef(mw), V, 2:3))
m0 <- lm(y ~ 0 + x1, data = d)
V <- nw(m0, 2)
out$series_nocons_lag2 <- list(b = unname(coef(m0)), se = unname(sqrt(diag(V))), F = wald_F(coef(m0), V, 1))

p <- read.csv("panel.csv")
mp <- lm(y ~ x, data = p)
X <- model.matrix(mp); e <- resid(mp); n <- nrow(X); k <- ncol(X)
S <- function(L) {
  sc <- X * e
  M <- crossprod(sc)
  for (j in seq_len(L)) {
    for (r in seq_len(n)) {
      s <- which(p$id == p$id[r] & p$t == p$t[r] - j)
      if (length(s) == 1) {
        C <- (1 - j / (L + 1)) * outer(sc[r, ], sc[s, ])
        M <- M + C + t(C)
      }
    }
  }
  M
}
B <- solve(crossprod(X))
Vp <- B %*% S(2) %*% B * n / (n - k)
out$panel_lag2 <- list(b = unname(coef(mp)), se = unname(sqrt(diag(Vp))), F = wald_F(coef(mp), Vp, 2))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE), "\n")
