# Independent reference values for tests/test_nptrend.py (mlm's nptrend): Cuzick's test for trend
# written out from Cuzick (1985) (Stat Med 4:87-90) with R's rank(), ties averaged.
# Run: Rscript tests/power_reference/nptrend_reference.R > tests/power_reference/nptrend_reference.txt
i <- 1:30
y <- (i * 7) %% 11          # ties
g <- 1 + i %% 4             # groups 1..4
cuzick <- function(name, y, g, score) {
  r <- rank(y); N <- length(y)
  lev <- sort(unique(g)); n <- sapply(lev, function(v) sum(g == v))
  R <- sapply(lev, function(v) sum(r[g == v])); l <- sapply(lev, function(v) score[g == v][1])
  T <- sum(R * l); L <- sum(l * n); L2 <- sum(l^2 * n)
  t <- table(y); a <- sum(t * (t^2 - 1)) / (N * (N^2 - 1))
  z <- (T - (N + 1) * L / 2) / sqrt((1 - a) * (N * L2 - L^2) * (N + 1) / 12)
  cat(sprintf("%s N %d\n%s T %.10f\n%s z %.12f\n%s p %.12f\n", name, N, name, T, name, z, name, 2 * pnorm(-abs(z))))
  cat(sprintf("%s ranksum%d %.1f\n", name, seq_along(R), R), sep = "")
}
cuzick("groups", y, g, g)
cuzick("squared", y, g, g^2)
