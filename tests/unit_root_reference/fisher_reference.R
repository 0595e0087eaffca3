# Independent reference values for mlm's xtunitroot fisher (tests/test_xtunitroot_fisher.py), on
# Grunfeld's investment series.  Run from this folder: Rscript fisher_reference.R
#
# Each panel's Dickey-Fuller regression is fitted with lm() (lags taken by year, so a missing
# year makes its lag missing, and lags reach years outside the if-sample as Stata's operators
# do); the MacKinnon (1994) p-values are plm's (plm:::padf, p.approx = "MacKinnon1994"); the
# drift case uses Student's t on lm()'s residual df; Phillips-Perron's Z(t) is written out from
# Phillips and Perron (1988) with the Newey-West (Bartlett) long-run variance.  The four
# combinations are Choi's (2001), as [XT] xtunitroot's Methods and formulas states them.
library(plm)
library(jsonlite)
g <- read.csv("../xtregar_reference/grunfeld.csv")
g <- g[order(g$company, g$year), ]
lagby <- function(v, yr, k) v[match(yr - k, yr)]
panel_p <- function(d, insample, test, lags, trend, drift) {
  y <- d$invest; yr <- d$year
  tr <- yr - min(yr[insample])
  if (test == "dfuller") {
    dy <- y - lagby(y, yr, 1)
    X <- cbind(lagby(y, yr, 1))
    if (lags > 0) for (j in 1:lags) X <- cbind(X, lagby(dy, yr, j))
    if (trend) X <- cbind(X, tr)
    ok <- insample & complete.cases(cbind(dy, X))
    f <- summary(lm(dy[ok] ~ X[ok, , drop = FALSE]))
    t <- f$coefficients[2, 3]
    if (drift) return(pt(t, f$df[2]))
    return(plm:::padf(t, if (trend) "trend" else "intercept", p.approx = "MacKinnon1994"))
  }
  X <- cbind(lagby(y, yr, 1)); if (trend) X <- cbind(X, tr)
  ok <- insample & complete.cases(cbind(y, X))
  fit <- lm(y[ok] ~ X[ok, , drop = FALSE]); f <- summary(fit)
  rho <- f$coefficients[2, 1]; se <- f$coefficients[2, 2]; s <- f$sigma; T <- sum(ok)
  u <- rep(NA, length(y)); u[ok] <- residuals(fit)
  g0 <- sum(u^2, na.rm = TRUE) / T; lam <- g0
  for (j in seq_len(lags)) lam <- lam + 2 * (1 - j / (lags + 1)) * sum(u * lagby(u, yr, j), na.rm = TRUE) / T
  z <- T * se / s
  zt <- (rho - 1) / se * sqrt(g0 / lam) - 0.5 * (lam - g0) * z / sqrt(lam)
  plm:::padf(zt, if (trend) "trend" else "intercept", p.approx = "MacKinnon1994")
}
fisher <- function(data, insample, test, lags, trend = FALSE, drift = FALSE, demean = FALSE) {
  if (demean) {
    m <- ave(data$invest[insample], data$year[insample])
    data$invest[insample] <- data$invest[insample] - m; data$invest[!insample] <- NA
  }
  p <- sapply(split(seq_len(nrow(data)), data$company),
              function(r) panel_p(data[r, ], insample[r], test, lags, trend, drift))
  p <- pmax(p, 2^-52); n <- length(p)
  P <- -2 * sum(log(p)); Z <- sum(qnorm(p)) / sqrt(n)
  k <- 3 * (5 * n + 3) / (pi^2 * n * (5 * n + 2)); L <- sqrt(k) * sum(log(p / (1 - p)))
  Pm <- sum(-2 * log(p) - 2) / (2 * sqrt(n))
  list(P = P, p_P = pchisq(P, 2 * n, lower.tail = FALSE), Z = Z, p_Z = pnorm(Z), L = L,
       p_L = pt(L, 5 * n + 4), Pm = Pm, p_Pm = pnorm(Pm, lower.tail = FALSE), N_t = sum(insample) / n)
}
all <- rep(TRUE, nrow(g))
gap <- g[!(g$company == 3 & g$year == 1940), ]        # a real gap in panel 3
later <- gap$year > 1936                              # if year > 1936: lags reach 1936
dg <- g; dg$invest <- ave(g$invest, g$company, FUN = function(v) c(NA, diff(v)))   # D.invest
out <- list(dfuller_lags1 = fisher(g, all, "dfuller", 1),
            dfuller_trend_lags2 = fisher(g, all, "dfuller", 2, trend = TRUE),
            pperron_trend_lags2_demean = fisher(g, all, "pperron", 2, trend = TRUE, demean = TRUE),
            pperron_lags1 = fisher(g, all, "pperron", 1),
            dfuller_drift_lags0_gap = fisher(gap, later, "dfuller", 0, drift = TRUE),
            dfuller_lags1_gap_demean = fisher(gap, later, "dfuller", 1, demean = TRUE),
            D_dfuller_drift_lags1_demean = fisher(dg, !is.na(dg$invest), "dfuller", 1, drift = TRUE, demean = TRUE))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "fisher_reference.json")
