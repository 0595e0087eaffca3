# Independent reference values for mlmcli/graphs/smoothers.py and fits.py (R 4, offline).
# Run:  Rscript tests/graphs_reference/smoothers.R  (writes smoothers.json beside this file)
# The data are generated here with R's own generator and stored in the JSON, so the
# Python tests need no R.  R is never a test dependency.
library(jsonlite)
set.seed(20240611)
n <- 137
x <- round(rnorm(n, 5, 2), 3)
y <- round(1 + 0.4 * x - 0.03 * x^2 + rnorm(n, 0, 0.7), 3)
h <- 0.8
at <- seq(min(x) - 1, max(x) + 1, length.out = 25)

# Kernel densities through R's density() (binned FFT, so compared with a tolerance):
# Stata's kernels are R's with these bandwidths (R scales kernels to sd = bw).
r_kernel <- list(
  epanechnikov = list(name = "epanechnikov", bw = h),            # support sqrt(5) h
  gaussian     = list(name = "gaussian",     bw = h),
  rectangle    = list(name = "rectangular",  bw = h / sqrt(3)),  # support h
  triangle     = list(name = "triangular",   bw = h / sqrt(6)),
  biweight     = list(name = "biweight",     bw = h / sqrt(7)),
  cosine       = list(name = "cosine",       bw = (h / 2) * sqrt(1/3 - 2/pi^2))  # support h/2
)
kde <- lapply(r_kernel, function(k) {
  d <- density(x, bw = k$bw, kernel = k$name, n = 2^15, from = min(at) - 1, to = max(at) + 1)
  approx(d$x, d$y, xout = at)$y
})

# Silverman's rule as Stata's kdensity states it: quartiles by summarize's definition
# (R's quantile type 2), 0.9 min(sd, IQR/1.349) n^(-1/5)
q <- quantile(x, c(.25, .75), type = 2, names = FALSE)
silverman <- 0.9 * min(sd(x), (q[2] - q[1]) / 1.349) * n^(-1/5)

# Stata's lowess (documented neighbourhoods and tricube weights), by weighted lm()
stata_lowess <- function(y, x, bw = 0.8, mean = FALSE, weight = TRUE) {
  o <- order(x); xs <- x[o]; ys <- y[o]; N <- length(xs)
  k <- floor((N * bw - 0.5) / 2)
  out <- numeric(N)
  for (i in 1:N) {
    lo <- max(1, i - k); hi <- min(N, i + k)
    xx <- xs[lo:hi]; yy <- ys[lo:hi]
    delta <- 1.0001 * max(xs[hi] - xs[i], xs[i] - xs[lo])
    w <- if (weight) (1 - (abs(xx - xs[i]) / delta)^3)^3 else rep(1, length(xx))
    if (mean) { out[i] <- sum(w * yy) / sum(w); next }
    fit <- lm(yy ~ xx, weights = w)
    out[i] <- predict(fit, newdata = data.frame(xx = xs[i]))
  }
  res <- numeric(N); res[o] <- out; res
}
low_default <- stata_lowess(y, x)
low_mean <- stata_lowess(y, x, 0.5, mean = TRUE)
low_noweight <- stata_lowess(y, x, 0.3, weight = FALSE)

# Local polynomial smooth with a given bandwidth (Stata's epanechnikov kernel), by weighted lm()
K <- function(z) ifelse(abs(z) < sqrt(5), 0.75 * (1 - z^2 / 5) / sqrt(5), 0)
grid <- seq(min(x), max(x), length.out = 20)
lpoly <- function(deg, bw) sapply(grid, function(a) {
  w <- K((x - a) / bw); use <- w > 0
  d <- x[use] - a
  coef(lm(y[use] ~ poly(d, deg, raw = TRUE), weights = w[use]))[1]
})
lp0 <- sapply(grid, function(a) { w <- K((x - a) / 1.2); sum(w * y) / sum(w) })
lp1 <- lpoly(1, 1.2)
lp2 <- lpoly(2, 1.5)

# qfit / qfitci: y on x and x^2, fit and 95% / 90% bands at 15 points
pts <- seq(min(x), max(x), length.out = 15)
fit <- lm(y ~ x + I(x^2))
ci95 <- predict(fit, newdata = data.frame(x = pts), interval = "confidence", level = 0.95)
ci90 <- predict(fit, newdata = data.frame(x = pts), interval = "prediction", level = 0.90)

# Histogram counts: Stata's bins are [a, b) with the maximum in the last one
lo <- min(x); width <- (max(x) - lo) / 11
counts <- hist(x, breaks = lo + width * (0:11), right = FALSE, include.lowest = TRUE, plot = FALSE)$counts

out <- list(
  x = x, y = y, h = h, at = at, kde = kde, silverman = silverman,
  lowess_default = low_default, lowess_mean_bw05 = low_mean, lowess_noweight_bw03 = low_noweight,
  lpoly_grid = grid, lpoly_deg0_bw12 = lp0, lpoly_deg1_bw12 = unname(lp1), lpoly_deg2_bw15 = unname(lp2),
  qfit_at = pts, qfit = unname(ci95[, "fit"]), qfit_lower95 = unname(ci95[, "lwr"]),
  qfit_upper95 = unname(ci95[, "upr"]), qfit_stdf_lower90 = unname(ci90[, "lwr"]),
  qfit_stdf_upper90 = unname(ci90[, "upr"]), hist11_counts = counts,
  r_version = R.version.string
)
dest <- file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "smoothers.json")
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), dest)
cat("wrote", dest, "\n")
