# Independent reference values for mvtest (tests/test_mvtest.py).  Run: Rscript mvtest.R
# Textbook formulas in base R: Hotelling's one-sample T2 (Johnson & Wichern 5.2) on the contrasts
# y1 - y3, y2 - y3 and on the means themselves; Box's M with its chi2 and F approximations (Box 1949,
# Rencher 2002 7.3.2); the Bartlett-corrected LR tests of a diagonal and a spherical covariance
# matrix (Rencher 7.1, 7.4); Lawley's test of equal correlations (Johnson & Wichern 8.11).
suppressMessages(library(jsonlite))
d <- read.csv("systems_data.csv")
Y <- as.matrix(d[, c("y1", "y2", "y3")])
n <- nrow(Y); k <- ncol(Y)
hotelling <- function(Z) {
  q <- ncol(Z); m <- colMeans(Z); S <- cov(Z)
  T2 <- n * drop(t(m) %*% solve(S) %*% m)
  F <- (n - q) / (q * (n - 1)) * T2
  list(T2 = T2, F = F, df1 = q, df2 = n - q, p = pf(F, q, n - q, lower.tail = FALSE))
}
out <- list()
out$means_equal <- hotelling(cbind(Y[, 1] - Y[, 3], Y[, 2] - Y[, 3]))
out$means_zero <- hotelling(Y)
# Box's M over the groups g
g <- d$g; m <- length(unique(g))
ni <- as.numeric(table(g)) - 1; N <- sum(ni)
Si <- lapply(split(as.data.frame(Y), g), cov)
Sp <- Reduce(`+`, Map(function(S, v) v * S, Si, ni)) / N
M <- N * log(det(Sp)) - sum(ni * sapply(Si, function(S) log(det(S))))
c1 <- (sum(1 / ni) - 1 / N) * (2 * k^2 + 3 * k - 1) / (6 * (k + 1) * (m - 1))
c2 <- (sum(1 / ni^2) - 1 / N^2) * (k - 1) * (k + 2) / (6 * (m - 1))
a1 <- (m - 1) * k * (k + 1) / 2; a2 <- (a1 + 2) / abs(c2 - c1^2)
b1 <- (1 - c1 - a1 / a2) / a1
out$box <- list(M = M, chi2 = (1 - c1) * M, df = a1, F = b1 * M, df2 = a2,
                p_chi2 = pchisq((1 - c1) * M, a1, lower.tail = FALSE),
                p_F = pf(b1 * M, a1, a2, lower.tail = FALSE))
S <- cov(Y); R <- cor(Y); nu <- n - 1
out$diagonal <- -(nu - (2 * k + 5) / 6) * log(det(R))
out$spherical <- -(nu - (2 * k^2 + k + 2) / (6 * k)) * (log(det(S)) - k * log(sum(diag(S)) / k))
rbar <- mean(R[lower.tri(R)])
rk <- (colSums(R) - 1) / (k - 1)
gam <- (k - 1)^2 * (1 - (1 - rbar)^2) / (k - (k - 2) * (1 - rbar)^2)
out$lawley <- (n - 1) / (1 - rbar)^2 * (sum((R[lower.tri(R)] - rbar)^2) - gam * sum((rk - rbar)^2))
write_json(out, "mvtest.json", digits = NA, auto_unbox = TRUE, pretty = FALSE)
