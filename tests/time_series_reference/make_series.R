# The series the time-series tests read (series.csv): written once by this script (R 4.x,
# set.seed below), committed so the tests never need R.
#   t      1..60
#   x1 x2  regressors;  y = 1 + .5 x1 - .3 x2 + u,  u AR(1) with rho .6
#   z      a random walk with drift .1 (unit-root tests)
#   s      a stationary AR(1) (phi .5) with mean 2
#   g      y with t = 20 and t = 41 missing in the time variable's run (gap tests use tg)
#   tg     t with rows 20 and 41 removed from the time line (the csv keeps the rows; tg jumps)
set.seed(20261205)
n <- 60
x1 <- rnorm(n); x2 <- rnorm(n, 2, 1.5)
u <- numeric(n); u[1] <- rnorm(1, 0, 1 / sqrt(1 - .36))
for (i in 2:n) u[i] <- .6 * u[i - 1] + rnorm(1)
y <- 1 + .5 * x1 - .3 * x2 + u
z <- cumsum(.1 + rnorm(n))
s <- numeric(n); s[1] <- 2
for (i in 2:n) s[i] <- 2 + .5 * (s[i - 1] - 2) + rnorm(1)
tg <- 1:n + (1:n >= 20) + (1:n >= 41)
out <- data.frame(t = 1:n, tg = tg, y = y, x1 = x1, x2 = x2, z = z, s = s)
out[] <- lapply(out, function(v) sprintf("%.17g", v))
write.csv(out, "series.csv", row.names = FALSE, quote = FALSE)
