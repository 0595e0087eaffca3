# Independent reference values for lpoly's standard errors and confidence bands
# (mlmcli/graphs/smoothers.py: local_polynomial_variance), R 4, offline.
# Run:  Rscript tests/graphs_reference/lpoly_ci.R   (writes lpoly_ci.json beside this file)
# The data are smoothers.json's (x, y).  The route differs from mlm's matrix algebra:
# the smooth is a linear smoother m(a) = sum_i l_i(a) Y_i, so Var m(a) = s2(a) sum_i l_i(a)^2;
# s2(a) comes from R's weighted lm() of degree p+2 with the pilot bandwidth, its residuals
# and hat values: tr{W - WX(X'WX)^-1X'W} = sum_i w_i (1 - hat_i).
library(jsonlite)
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
ref <- fromJSON(file.path(here, "smoothers.json"))
x <- ref$x; y <- ref$y
grid <- seq(min(x), max(x), length.out = 15)

stata_kernel <- function(name, t) switch(name,
  epanechnikov = ifelse(abs(t) < sqrt(5), 3 / 4 * (1 - t^2 / 5) / sqrt(5), 0),
  gaussian = dnorm(t),
  biweight = ifelse(abs(t) < 1, 15 / 16 * (1 - t^2)^2, 0))

equivalent_weights <- function(a, h, p, kern) {
  w <- stata_kernel(kern, (x - a) / h)
  use <- w > 0
  d <- (x[use] - a) / h
  X <- outer(d, 0:p, `^`)
  # l_i: the intercept of the weighted least-squares fit to the i-th unit vector
  l <- numeric(length(x))
  l[use] <- (solve(t(X) %*% (X * w[use])) %*% t(X * w[use]))[1, ]
  list(l = l, fit = sum(l * y))
}

residual_variance <- function(a, hp, p, kern) {
  w <- stata_kernel(kern, (x - a) / hp)
  use <- w > 0
  d <- (x[use] - a) / hp
  fit <- lm(y[use] ~ poly(d, p + 2, raw = TRUE), weights = w[use])
  sum(w[use] * residuals(fit)^2) / sum(w[use] * (1 - hatvalues(fit)))
}

band <- function(h, hp, p, kern, level = 95, sigma2 = NULL) {
  z <- qnorm(1 - (1 - level / 100) / 2)
  rows <- lapply(grid, function(a) {
    e <- equivalent_weights(a, h, p, kern)
    s2 <- if (is.null(sigma2)) residual_variance(a, hp, p, kern) else sigma2
    se <- sqrt(s2 * sum(e$l^2))
    c(fit = e$fit, se = se, lower = e$fit - z * se, upper = e$fit + z * se)
  })
  m <- do.call(rbind, rows)
  list(h = h, pilot = hp, degree = p, kernel = kern, level = level,
       sigma2 = if (is.null(sigma2)) NA else sigma2,
       fit = m[, "fit"], se = m[, "se"], lower = m[, "lower"], upper = m[, "upper"])
}

out <- list(
  grid = grid,
  deg0_epan = band(1.2, 1.8, 0, "epanechnikov"),
  deg1_epan = band(1.5, 2.25, 1, "epanechnikov", level = 90),
  deg0_gauss = band(0.7, 1.05, 0, "gaussian"),
  deg1_biweight_var = band(2.0, 3.0, 1, "biweight", sigma2 = 0.49),
  r_version = R.version.string)
write_json(out, file.path(here, "lpoly_ci.json"), digits = 15, auto_unbox = TRUE, pretty = TRUE)
