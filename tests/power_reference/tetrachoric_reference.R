# Independent reference values for tests/test_tetrachoric.py (mlm's tetrachoric).
# Run: Rscript tests/power_reference/tetrachoric_reference.R > tests/power_reference/tetrachoric_reference.txt
# rho: the root of Phi2(z1, z2, rho) = a/n with thresholds from the margins, Phi2 by integrate()
# (polycor::polychor(ML = FALSE) and psych::tetrachoric solve the same equation but through
# mvtnorm's default precision, ~5e-6 off: printed as a loose cross-check);
# se: Brown's (1977) asymptotic formula written out; Edwards' estimator; p: fisher.test.
suppressMessages({library(polycor); library(psych)})
phi2 <- function(h, k, r) integrate(function(x) dnorm(x) * pnorm((k - r * x) / sqrt(1 - r^2)),
                                    -Inf, h, rel.tol = 1e-13, abs.tol = 1e-15)$value
table_ref <- function(name, a, b, c, d) {
  n <- a + b + c + d; z1 <- qnorm((a + c) / n); z2 <- qnorm((a + b) / n)
  rho <- uniroot(function(r) phi2(z1, z2, r) - a / n, c(-0.999999, 0.999999), tol = 1e-14)$root
  s <- sqrt(1 - rho^2)
  Z1 <- pnorm((z1 - rho * z2) / s) - 0.5; Z2 <- pnorm((z2 - rho * z1) / s) - 0.5
  dp <- exp(-(z1^2 - 2 * rho * z1 * z2 + z2^2) / (2 * (1 - rho^2))) / (2 * pi * s)
  v <- 0.25 * (a + d) * (b + c) + (a + c) * (b + d) * Z2^2 + (a + b) * (c + d) * Z1^2 +
       2 * (a * d - b * c) * Z1 * Z2 - (a * b - c * d) * Z2 - (a * c - b * d) * Z1
  se <- sqrt(max(0, v)) / (n^1.5 * dp)
  alpha <- ((a * d) / (b * c))^(pi / 4)
  ed <- (alpha - 1) / (alpha + 1); ed_se <- sqrt(1/a + 1/b + 1/c + 1/d) * (pi / 2) * alpha / (alpha + 1)^2
  tab <- matrix(c(a, c, b, d), 2)
  cat(sprintf("%s rho %.12f\n%s se %.12f\n%s edwards %.12f\n%s edwards_se %.12f\n%s p %.12f\n%s polychor %.8f\n",
              name, rho, name, se, name, ed, name, ed_se, name, fisher.test(tab)$p.value, name,
              polychor(tab, ML = FALSE)))
}
# the tables of the test data (rows: first variable 0/1, columns: second variable 0/1)
table_ref("xy", 40, 10, 15, 35)
table_ref("xz", 30, 20, 22, 28)
table_ref("yz", 33, 22, 19, 26)
