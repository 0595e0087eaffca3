# Reference numbers for tests/test_reghdfe_weights.py: reghdfe 5 with fweights, aweights and
# pweights is weighted least squares with the fixed effects as dummies (the same b and residual
# degrees of freedom); its VCEs are lm's (unadjusted), HC1 (robust: N/(N-K-df_a)) and vcovCL's
# HC1 (cluster: G/(G-1) (N-1)/(N-K-df_a)); fweights as copies of the rows (expanded data).
# The data are built from formulas (no random numbers) by the test too.
# Run: Rscript reghdfe_weights.R  (writes reghdfe_weights.json here)
library(jsonlite)
library(sandwich)
i <- 1:120
id <- ceiling(i / 6); id[1] <- 99          # row 1 alone in its id: a singleton unless fweighted 2
year <- i %% 5 + 1
cl <- i %% 7 + 1
x1 <- round(sin(i) + id / 10, 6)
x2 <- round(cos(3 * i), 6)
y <- round(1 + .5 * x1 - .3 * x2 + id / 5 + year / 3 + sin(7 * i) * (1 + (i %% 3)), 6)
w <- 1 + (i %% 4)                           # row 1: w = 2
d <- data.frame(y, x1, x2, id, year, cl, w)

summ <- function(fit, dd, ww, V, N) {
  e <- residuals(fit); rss <- sum(ww * e^2)
  ybar <- sum(ww * dd$y) / sum(ww)
  tss <- sum(ww * (dd$y - ybar)^2)
  df_r <- fit$df.residual - (nrow(dd) - N)   # fweights: N = sum of w (expanded rows)
  b <- unname(coef(fit)[c("x1", "x2")])
  xbar <- c(sum(ww * dd$x1), sum(ww * dd$x2)) / sum(ww)
  list(b = c(b, ybar - sum(xbar * b)), se = unname(sqrt(diag(V))[c("x1", "x2")]),
       r2 = 1 - rss / tss, rmse = sqrt(rss / df_r * N / sum(ww)), N = N, df_r = df_r)
}

nosing <- d[-1, ]                           # aweights, pweights: row 1 is a singleton
fit_aw <- lm(y ~ x1 + x2 + factor(id) + factor(year), data = nosing, weights = w)
out <- list()
out$aw <- summ(fit_aw, nosing, nosing$w, vcov(fit_aw), nrow(nosing))
out$pw <- summ(fit_aw, nosing, nosing$w, vcovHC(fit_aw, type = "HC1"), nrow(nosing))
out$aw_cluster <- summ(fit_aw, nosing, nosing$w, vcovCL(fit_aw, cluster = ~cl, type = "HC1"), nrow(nosing))
out$aw_cluster$df_r <- length(unique(nosing$cl)) - 1

big <- d[rep(seq_len(nrow(d)), d$w), ]      # fweights: each row w times; row 1 kept (weight 2)
fit_fw <- lm(y ~ x1 + x2 + factor(id) + factor(year), data = big)
out$fw <- summ(fit_fw, big, rep(1, nrow(big)), vcov(fit_fw), nrow(big))
out$fw_robust <- summ(fit_fw, big, rep(1, nrow(big)), vcovHC(fit_fw, type = "HC1"), nrow(big))
write(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "reghdfe_weights.json")
