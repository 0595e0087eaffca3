# Reference values for tests/test_predict_clogit.py: clogit's predict statistics (clogit_p).
# b from survival::clogit (exact conditional likelihood); the statistics from the formulas of
# [R] clogit postestimation (Hosmer & Lemeshow's 1:M diagnostics) as clogit_p computes them:
#   pc1 = exp(xb)/sum_group exp(xb); residual = (y - pc1)/sqrt(pc1);
#   hat = pc1 xc'(sum w pc1 xc xc')^-1 xc, xc = x - sum_group pc1 x  (lm's hatvalues over w)
#   rstandard = r/sqrt(1-h), dx2 = rstandard^2, dbeta = r^2 h/(1-h)^2, gdx2/gdbeta group sums;
#   score = y - Pr(row among its group's positives), by enumerating the subsets.
# Run in this folder: Rscript clogit_predict_diagnostics.R > clogit_predict_diagnostics.json
library(survival)
library(jsonlite)
set.seed(20261205)
G <- 21; m <- 4
g <- rep(1:G, each = m)
x <- round(rnorm(G * m), 3)
z <- rbinom(G * m, 1, 0.4)
o <- round(runif(G * m, -0.5, 0.5), 3)
w <- rep(rep(1:3, length.out = G), each = m)
y <- numeric(G * m)
for (j in 1:(G - 1)) {  # one case per group; group G has none (out of the sample)
  r <- which(g == j)
  eta <- 0.8 * x[r] - 0.6 * z[r]
  y[r[sample(m, 1, prob = exp(eta))]] <- 1
}
stats <- function(off, wt, use_off_for_b) {
  d <- data.frame(y, x, z, g, o, w)
  if (!is.null(wt)) {  # an fweight w: w copies of the group, each a stratum of its own
    idx <- rep(seq_len(nrow(d)), wt)
    d <- d[idx, ]
    d$g <- d$g * 10 + ave(seq_along(idx), idx, FUN = seq_along)
  }
  f <- if (use_off_for_b) clogit(y ~ x + z + offset(o) + strata(g), data = d, method = "exact")
       else clogit(y ~ x + z + strata(g), data = d, method = "exact")
  b <- unname(coef(f))
  X <- cbind(x, z)
  xb <- drop(X %*% b) + off
  ex <- exp(xb)
  pc1 <- ex / ave(ex, g, FUN = sum)
  s <- g < G  # e(sample)
  ww <- if (is.null(wt)) rep(1, length(y)) else wt
  xb_hat <- drop(X %*% b) + if (use_off_for_b) o else 0
  ph <- exp(xb_hat) / ave(exp(xb_hat), g, FUN = sum)
  xc <- X - apply(X * ph, 2, function(col) ave(col, g, FUN = sum))
  fit <- lm.wfit(xc[s, ], rep(0, sum(s)), w = (ww * ph)[s])
  q <- qr.Q(fit$qr)
  hat <- rep(NA, length(y)); hat[s] <- rowSums(q^2) / ww[s]
  res <- rep(NA, length(y)); res[s] <- ((y - pc1) / sqrt(pc1))[s]
  rst <- res / sqrt(1 - hat)
  dbeta <- res^2 * hat / (1 - hat)^2
  list(b = b, pc1 = pc1, pu0 = plogis(xb), residuals = res, hat = hat, rstandard = rst, dx2 = rst^2,
       dbeta = dbeta, gdx2 = ave(rst^2, g, FUN = sum), gdbeta = ave(dbeta, g, FUN = sum),
       sum_hat = sum(hat, na.rm = TRUE))
}
# scores with two positives in some groups (an m:n fit; the diagnostics are refused there)
y2 <- y; y2[g %% 3 == 0 & !duplicated(g)] <- 1; y2[g == G] <- 0
f2 <- clogit(y2 ~ x + z + strata(g), method = "exact")
b2 <- unname(coef(f2)); eta2 <- drop(cbind(x, z) %*% b2)
score <- numeric(length(y))
for (j in 1:G) {
  r <- which(g == j); k <- sum(y2[r])
  if (k == 0 || k == length(r)) next
  S <- combn(length(r), k)
  wS <- apply(S, 2, function(cols) exp(sum(eta2[r][cols])))
  incl <- sapply(seq_along(r), function(t) sum(wS[apply(S, 2, function(cols) t %in% cols)])) / sum(wS)
  score[r] <- y2[r] - incl
}
out <- list(data = list(y = y, x = x, z = z, g = g, o = o, w = w, y2 = y2),
            plain = stats(0, NULL, FALSE), offset = stats(o, NULL, TRUE), nooffset = stats(0, NULL, TRUE),
            fweight = stats(0, w, FALSE), scores = list(b = b2, score = score))
cat(toJSON(out, digits = NA, na = "null"))
