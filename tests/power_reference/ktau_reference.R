# Independent reference values for tests/test_ktau.py (mlm's ktau).
# Run: Rscript tests/power_reference/ktau_reference.R > tests/power_reference/ktau_reference.txt
# tau-b and the continuity-corrected, tie-corrected normal p-value: stats::cor.test(method =
# "kendall", exact = FALSE, continuity = TRUE); the score and tau-a from the signs of all pairs;
# the standard error from cor.test's statistic (z = (|S| - 1) / se).
x <- c(2, 4, 1, 3, 0, 2, 4, 1, 3, 0, 2, 4)
y <- c(2, 4, 3, 5, 7, 6, 8, 10, 9, 11, 13, 12)
z <- c(1, 4, NA, 2, 4, 1, 0, 1, 4, 2, 2, 4)
pair <- function(name, a, b) {
  keep <- !is.na(a) & !is.na(b); a <- a[keep]; b <- b[keep]; n <- length(a)
  S <- sum(sign(outer(a, a, "-")) * sign(outer(b, b, "-"))) / 2
  ct <- suppressWarnings(cor.test(a, b, method = "kendall", exact = FALSE, continuity = TRUE))
  se <- (abs(S) - 1) / abs(ct$statistic)
  cat(sprintf("%s N %d\n%s tau_a %.12f\n%s tau_b %.12f\n%s score %.0f\n%s se %.12f\n%s p %.12f\n",
              name, n, name, 2 * S / (n * (n - 1)), name, ct$estimate, name, S, name, se, name, ct$p.value))
}
pair("xy", x, y)
pair("xz", x, z)
pair("yz", y, z)
# casewise (z's missing row dropped for every pair)
keep <- !is.na(z)
pair("xy_casewise", x[keep], y[keep])
