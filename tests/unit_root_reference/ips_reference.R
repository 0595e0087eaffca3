# Independent reference values for mlm's xtunitroot ips (tests/test_xtunitroot.py), on
# Grunfeld's investment series.  Run from this folder: Rscript ips_reference.R
#
# plm's purtest(test = "ips") differs from Stata's _xturips.ado in two conventions: its
# per-panel t statistics use the ML residual variance (RSS/n, Stata regress's RSS/(n - k)),
# and it looks IPS's table 3 up at the regression's observations (T - 1 - p, Stata at T).  So
# the script fits each panel's ADF regression with lm() (Stata's t), and takes the table's
# moments from plm's own copy (plm:::adj.ips.wtbar.value) at Stata's T; t-bar's critical values
# are plm's (plm:::critval.ips.tbar.value).  Z-t-tilde-bar uses IPS (2003) table 1's moments of
# t-tilde at T = 20 (mean -1.395, variance 0.592), typed from the paper.
library(plm)
library(jsonlite)
g <- read.csv("../xtregar_reference/grunfeld.csv")
g <- g[order(g$company, g$year), ]
adf <- function(y, lags, trend) {
  T <- length(y); dy <- diff(y); ly <- y[-T]; rows <- (lags + 1):(T - 1)
  X <- cbind(ly[rows])
  if (lags > 0) for (j in 1:lags) X <- cbind(X, dy[rows - j])
  if (trend) X <- cbind(X, rows + 1)
  f <- summary(lm(dy[rows] ~ X))
  b <- f$coefficients[2, 1]; se <- f$coefficients[2, 2]
  c(t = b / se, ttilde = b / (se / f$sigma * sd(dy)))
}
ids <- split(g$invest, g$company)
N <- length(ids); T <- 20
w <- function(lags, exo) {
  t <- sapply(ids, function(y) adf(y, lags, exo == "trend")["t"])
  m <- plm:::adj.ips.wtbar.value(T, lags, exo)
  z <- sqrt(N) * (mean(t) - m[["mean"]]) / sqrt(m[["var"]])
  list(wtbar = z, p = pnorm(z))
}
s0 <- sapply(ids, function(y) adf(y, 0, FALSE))
zt <- sqrt(N) * (mean(s0["ttilde", ]) - (-1.395)) / sqrt(0.592)
out <- list(lags0 = w(0, "intercept"), trend_lags1 = w(1, "trend"), lags2 = w(2, "intercept"),
            tbar = mean(s0["t", ]), ttildebar = mean(s0["ttilde", ]), zttildebar = zt, p_zttildebar = pnorm(zt),
            critical = unname(plm:::critval.ips.tbar.value(ind = N, time = T, critvals = plm:::critval.ips.tbar,
                                                           exo = "intercept")))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "ips_reference.json")
