# Independent reference values for mlm's xtunitroot breitung (tests/test_xtunitroot.py):
# Breitung's (2000) lambda without a trend written in base R (plm has no such test), as the
# [XT] xtunitroot manual's Methods and formulas describe it: per panel, y_t-1 less the panel's
# first usable level (with panel means), D.y; with p lags both prewhitened by lm() on
# L(1/p)D.y; sigma_i^2 = sum (D.y)^2 / (T - p - 2); lambda = sum s10 / sqrt(sum s11).
# Run from this folder: Rscript breitung_reference.R
library(jsonlite)
g <- read.csv("../xtregar_reference/grunfeld.csv")
g <- g[order(g$company, g$year), ]
lambda <- function(x, p, constant) {
  s10 <- 0; s11 <- 0
  for (y in split(x, g$company)) {
    T <- length(y); dy <- diff(y); ly <- y[-T] - if (constant) y[p + 1] else 0
    if (p > 0) {
      rows <- (p + 1):(T - 1)
      Z <- sapply(1:p, function(j) dy[rows - j])
      dy <- resid(lm(dy[rows] ~ Z - 1)); ly <- resid(lm(ly[rows] ~ Z - 1))
    }
    s2 <- sum(dy^2) / (T - p - 2)
    s10 <- s10 + sum(ly * dy) / s2; s11 <- s11 + sum(ly^2) / s2
  }
  l <- s10 / sqrt(s11)
  list(lambda = l, p = pnorm(l))
}
dm <- g$invest - ave(g$invest, g$year)
out <- list(constant = lambda(g$invest, 0, TRUE), lags2_demean = lambda(dm, 2, TRUE),
            noconstant = lambda(g$invest, 0, FALSE))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "breitung_reference.json")
