# Independent reference values for tsfilter bw in tests/test_tsfilter.py.
# mFilter::bwfilter (r-cran-mfilter 0.1.5) is no reference: its 'second difference' matrix is
# S (I - S) (S the lag), a lagged first difference, so it disagrees with Pollock (2000) even at
# nfix = 2.  Pollock's finite-sample Butterworth filter written out here instead:
# lambda = tan(pi/maxperiod)^(-2m), c = lambda D' (|D D'| + lambda D D')^-1 D x with D the
# (n-m) x n m-th difference matrix (|D D'| is the dispersion of (1+L)^m white noise).
# Series as tsfilter_hp_reference.R: y_t = 10 + 0.3 t + ((37 t) mod 11 - 5) / 2, z_t = sqrt(t).
t <- 1:40
y <- 10 + 0.3 * t + ((37 * t) %% 11 - 5) / 2
z <- sqrt(t)
pollock <- function(x, p, m) {
  n <- length(x)
  D <- diag(n)
  for (i in 1:m) D <- D[-1, , drop = FALSE] - D[-nrow(D), , drop = FALSE]
  lambda <- (1 / tan(pi / p))^(2 * m)
  S <- abs(D %*% t(D))
  c(lambda * t(D) %*% solve(S + lambda * D %*% t(D), D %*% x))
}
cat("bw_y_32_2", format(pollock(y, 32, 2), digits = 15), "\n")
cat("bw_z_8_2", format(pollock(z, 8, 2), digits = 15), "\n")
cat("bw_y_20_1", format(pollock(y, 20, 1), digits = 15), "\n")
cat("bw_y_12_3", format(pollock(y, 12, 3), digits = 15), "\n")
cat("bw_y_panels", format(c(pollock(y[1:20], 32, 2), pollock(y[21:40], 32, 2)), digits = 15), "\n")
