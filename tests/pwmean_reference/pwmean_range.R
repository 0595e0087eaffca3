# Reference values for pwmean's mcompare(snk) and mcompare(duncan) in tests/test_pwmean.py, from
# the studentized range (ptukey, qtukey) as Stata's _mc_pvalue/_mc_crit define them: r = the
# number of means spanned by the pair in the ordered means (|rank_i - rank_j| + 1);
# SNK p = 1 - ptukey(|t| sqrt 2, r, df), critical value qtukey(.95, r, df)/sqrt 2;
# Duncan p = 1 - ptukey(|t| sqrt 2, r, df)^(1/(r-1)), critical value qtukey(.95^(r-1), r, df)/sqrt 2.
# Run: Rscript tests/pwmean_reference/pwmean_range.R > tests/pwmean_reference/pwmean_range_values.txt
d <- read.csv("tests/pwmean_reference/pw.csv")
g <- sort(unique(d$g))
m <- tapply(d$y, d$g, mean)
n <- tapply(d$y, d$g, length)
df <- nrow(d) - length(g)
s2 <- sum((d$y - m[as.character(d$g)])^2) / df
rank <- rank(m)
pairs <- list()
for (i in 1:(length(g) - 1)) for (j in (i + 1):length(g)) pairs[[length(pairs) + 1]] <- c(i, j)
for (method in c("snk", "duncan")) {
  est <- se <- p <- lo <- hi <- c()
  lab <- c()
  for (pr in pairs) {
    i <- pr[1]; j <- pr[2]
    b <- m[j] - m[i]; s <- sqrt(s2 * (1 / n[j] + 1 / n[i])); t <- b / s
    r <- abs(rank[j] - rank[i]) + 1
    P <- ptukey(abs(t) * sqrt(2), r, df)
    if (method == "snk") {
      pv <- 1 - P; crit <- qtukey(0.95, r, df) / sqrt(2)
    } else {
      pv <- 1 - P^(1 / (r - 1)); crit <- qtukey(0.95^(r - 1), r, df) / sqrt(2)
    }
    est <- c(est, b); se <- c(se, s); p <- c(p, pv); lo <- c(lo, b - crit * s); hi <- c(hi, b + crit * s)
    lab <- c(lab, sprintf("g%d-g%d", g[j], g[i]))
  }
  cat(method, "est", sprintf("%.10g", est), "\n")
  cat(method, "se", sprintf("%.10g", se), "\n")
  cat(method, "p", sprintf("%.10g", p), "\n")
  cat(method, "lo", sprintf("%.10g", lo), "\n")
  cat(method, "hi", sprintf("%.10g", hi), "\n")
  cat(method, "label", lab, "\n")
}
# Dunnett (mcompare(dunnett)): each level against the first; p = 1 - P(max |T_i| <= |t|) and the
# critical value solving P(max |T_i| <= c) = .95, for k - 1 t statistics correlated 1/2 (Stata's
# dunnettprob(k - 1, df, .)), by mvtnorm::pmvt (Genz-Bretz, abseps 1e-9) and uniroot.
suppressMessages(library(mvtnorm))
set.seed(1)
k1 <- length(g) - 1
R <- matrix(0.5, k1, k1); diag(R) <- 1
P <- function(x) pmvt(lower = rep(-x, k1), upper = rep(x, k1), df = df, corr = R,
                      algorithm = GenzBretz(abseps = 1e-9, maxpts = 2e6))[1]
crit <- uniroot(function(x) P(x) - 0.95, c(2, 3), tol = 1e-10)$root
est <- se <- p <- lo <- hi <- lab <- c()
for (j in 2:length(g)) {
  b <- m[j] - m[1]; s <- sqrt(s2 * (1 / n[j] + 1 / n[1]))
  est <- c(est, b); se <- c(se, s); p <- c(p, 1 - P(abs(b / s))); lo <- c(lo, b - crit * s); hi <- c(hi, b + crit * s)
  lab <- c(lab, sprintf("g%d-g%d", g[j], g[1]))
}
cat("dunnett est", sprintf("%.10g", est), "\n")
cat("dunnett se", sprintf("%.10g", se), "\n")
cat("dunnett p", sprintf("%.10g", p), "\n")
cat("dunnett lo", sprintf("%.10g", lo), "\n")
cat("dunnett hi", sprintf("%.10g", hi), "\n")
cat("dunnett label", lab, "\n")
