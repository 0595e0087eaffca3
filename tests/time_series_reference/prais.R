# Reference values for prais (tests/test_prais.py), written from first principles in R:
# the Prais-Winsten / Cochrane-Orcutt quasi-differences fitted by lm() without intercept,
# rho re-estimated from the untransformed residuals until it moves less than 1e-6 (Stata's
# prais: [TS] prais, Methods and formulas).  Run: Rscript prais.R  -> prais.json
library(jsonlite); library(sandwich)
d <- read.csv("series.csv")

prev_of <- function(time, id = rep(1, length(time)))
  sapply(seq_along(time), function(i) { j <- which(time == time[i] - 1 & id == id[i]); if (length(j)) j else NA })

quasi <- function(Z, prev, rho, corc) {
  Z <- as.matrix(Z); has <- !is.na(prev)
  out <- Z * sqrt(1 - rho^2)
  out[has, ] <- Z[has, , drop = FALSE] - rho * Z[prev[has], , drop = FALSE]
  if (corc) out[has, , drop = FALSE] else out
}

dw <- function(e, prev) {  # e with NA where a row is not in the regression
  has <- !is.na(prev) & !is.na(e); has[has] <- !is.na(e[prev[has]])
  sum((e[has] - e[prev[has]])^2) / sum(e^2, na.rm = TRUE)
}

rho_of <- function(e, prev, type, kw) {
  p <- !is.na(prev); cur <- e[p]; back <- e[prev[p]]; n <- length(e)
  switch(type,
    regress = sum(cur * back) / sum(back^2),
    freg = sum(cur * back) / sum(cur^2),
    tscorr = sum(cur * back) / sum(e^2),
    dw = 1 - dw(e, prev) / 2,
    theil = (n - kw) * sum(cur * back) / (sum(p) * sum(e^2)),
    nagar = (n^2 * (1 - dw(e, prev) / 2) + kw^2) / (n^2 - kw^2))
}

prais_fit <- function(yname, xnames, time, corc = FALSE, cons = TRUE, type = "regress",
                      twostep = FALSE, robust = FALSE, id = NULL) {
  y <- d[[yname]]; X <- as.matrix(d[, xnames, drop = FALSE])
  if (cons) X <- cbind(X, `_cons` = 1)
  prev <- if (is.null(id)) prev_of(d[[time]]) else prev_of(d[[time]], d[[id]])
  ols <- lm.fit(X, y); e <- ols$residuals
  dw0 <- dw(e, prev)
  kw <- 1 + length(xnames) + cons
  rho <- 0; last <- 2; it <- 0; log <- c()
  maxit <- if (twostep) 1 else 100
  while (it < maxit && abs(rho - last) > 1e-6) {
    last <- rho
    rho <- rho_of(e, prev, type, kw)
    fit <- lm.fit(quasi(X, prev, rho, corc), quasi(y, prev, rho, corc))
    e <- y - X %*% fit$coefficients
    it <- it + 1; log <- c(log, rho)
  }
  ys <- quasi(y, prev, rho, corc)[, 1]; Xs <- quasi(X, prev, rho, corc)
  m <- lm(ys ~ Xs - 1)
  b <- coef(m); N <- length(ys); k <- ncol(Xs)
  rss <- sum(resid(m)^2)
  tss <- if (cons) sum((ys - mean(ys))^2) else sum(ys^2)
  dfm <- k - cons
  V <- if (robust) vcovHC(m, type = "HC1") else vcov(m)
  if (robust) {
    idx <- seq_len(length(xnames))
    F <- as.numeric(t(b[idx]) %*% solve(V[idx, idx], b[idx])) / length(idx)
  } else F <- ((tss - rss) / dfm) / (rss / (N - k))
  u <- rep(NA, nrow(d)); kept <- if (corc) !is.na(prev) else rep(TRUE, nrow(d))
  u[kept] <- resid(m)
  list(b = unname(b), se = unname(sqrt(diag(V))), rho = rho, iterations = it, log = log,
       N = N, rss = rss, tss = tss, mss = tss - rss, F = F, r2 = 1 - rss / tss,
       r2_a = 1 - (rss / (N - k)) / (tss / (N - cons)), rmse = sqrt(rss / (N - k)),
       dw_0 = dw0, dw = dw(u, prev), xb = unname(as.vector(X %*% b)))
}

ref <- list(
  pw = prais_fit("y", c("x1", "x2"), "t"),
  corc = prais_fit("y", c("x1", "x2"), "t", corc = TRUE),
  twostep = prais_fit("y", c("x1", "x2"), "t", twostep = TRUE),
  nocons = prais_fit("y", c("x1"), "t", cons = FALSE),
  robust = prais_fit("y", c("x1", "x2"), "t", robust = TRUE),
  gaps_pw = prais_fit("y", c("x1", "x2"), "tg"),
  gaps_corc = prais_fit("y", c("x1", "x2"), "tg", corc = TRUE)
)
# two panels (id 1: t 1-30, id 2: t 31-60 renumbered 1-30): rho pooled, each panel's first row restarts
d$id <- rep(1:2, each = 30); d$tp <- rep(1:30, 2)
ref$panel_pw <- prais_fit("y", c("x1", "x2"), "tp", id = "id")
ref$panel_corc <- prais_fit("y", c("x1", "x2"), "tp", corc = TRUE, id = "id")
for (ty in c("freg", "tscorr", "dw", "theil", "nagar"))
  ref[[paste0("rhotype_", ty)]] <- prais_fit("y", c("x1", "x2"), "t", type = ty)
# ssesearch: the rho in (-1, 1) minimising the transformed regression's RSS
sse <- function(r) { y <- d$y; X <- cbind(d$x1, d$x2, 1); p <- prev_of(d$t)
  sum(lm.fit(quasi(X, p, r, FALSE), quasi(y, p, r, FALSE))$residuals^2) }
ref$ssesearch_rho <- optimize(sse, c(-.999999, .999999), tol = 1e-10)$minimum
writeLines(toJSON(ref, digits = NA, auto_unbox = TRUE, pretty = TRUE), "prais.json")
