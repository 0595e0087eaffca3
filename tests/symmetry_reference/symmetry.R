# Reference values for tests/test_symmetry.py (Rscript symmetry.R > symmetry.out).
# Bowker's test of symmetry: R's mcnemar.test on a k x k table (no continuity correction for k > 2).
# Stuart-Maxwell: d' S^-1 d on the first k-1 margins (the textbook form, no generalized inverse).
n <- matrix(c(10, 5, 2, 3, 20, 4, 1, 6, 15), nrow = 3, byrow = TRUE)
b <- mcnemar.test(n)
k <- nrow(n)
d <- (rowSums(n) - colSums(n))[1:(k - 1)]
S <- -(n + t(n))
diag(S) <- rowSums(n) + colSums(n) - 2 * diag(n)
S <- S[1:(k - 1), 1:(k - 1)]
sm <- as.numeric(t(d) %*% solve(S) %*% d)
cat(sprintf("bowker %.15g %d %.15g\n", b$statistic, b$parameter, b$p.value))
cat(sprintf("stuart_maxwell %.15g %d %.15g\n", sm, k - 1, pchisq(sm, k - 1, lower.tail = FALSE)))
# 2 x 2: McNemar without correction equals Bowker
m <- matrix(c(15, 8, 3, 20), nrow = 2, byrow = TRUE)
mc <- mcnemar.test(m, correct = FALSE)
cat(sprintf("mcnemar %.15g %d %.15g\n", mc$statistic, mc$parameter, mc$p.value))
# exact: for a 2 x 2 table the exact symmetry probability is the two-sided binomial test of n12 | n12 + n21
e <- binom.test(8, 11, 0.5)
cat(sprintf("exact2x2 %.15g\n", e$p.value))
