# Independent reference values for tssmooth nl in tests/test_tssmooth_nl.py: Tukey's compound
# smoothers as [R] smooth describes them (Velleman and Hoaglin's conventions: running medians with
# shorter spans towards the ends and the end values copied on; an even span's medians sit between
# periods and are re-centred by the next even span; S splits two-value plateaus that are peaks or
# valleys and resmooths by 3R; E is Tukey's end-point rule; H is Hanning).  Built on R's runmed
# and smooth(kind = "3R", endrule = "copy") where they coincide with those conventions.
# Series: y_t = 5 sin(t/3) + ((7 t^2) mod 13)/3 + 6 [t = 17], t = 1..30.
t <- 1:30
y <- 5 * sin(t / 3) + ((7 * t * t) %% 13) / 3 + 6 * (t == 17)

med_odd <- function(x, k) {       # k odd: runmed inside, shorter odd spans towards the ends
  n <- length(x)
  if (k == 1) return(x)
  out <- as.numeric(runmed(x, k, endrule = "keep"))
  h <- (k - 1) / 2
  if (h >= 2) for (j in 2:h) {
    out[j] <- median(x[1:(2 * j - 1)])
    out[n - j + 1] <- median(x[(n - 2 * j + 2):n])
  }
  out
}
med_even <- function(x, k) {      # medians of k at t + 1/2 (span 2 at the ends); n - 1 values
  n <- length(x)
  h <- k / 2
  sapply(1:(n - 1), function(j) {
    half <- min(h, j, n - j)      # the widest even window centred at j + 1/2 inside the series
    median(x[(j - half + 1):(j + half)])
  })
}
three_r <- function(x) as.numeric(smooth(x, kind = "3R", endrule = "copy"))
hann <- function(x) { n <- length(x); c(x[1], (x[1:(n - 2)] + 2 * x[2:(n - 1)] + x[3:n]) / 4, x[n]) }
med3 <- function(a, b, c) median(c(a, b, c))
split_once <- function(z) {
  n <- length(z); res <- z
  zz <- c(z, NA, NA)
  for (t in 3:(n - 2)) {
    if (z[t] == z[t + 1]) {
      u <- t + 1
      s1 <- sign(z[t] - z[t - 1])
      if (s1 != 0 && s1 == sign(z[u] - z[u + 1])) {
        res[t] <- med3(3 * z[t - 1] - 2 * z[t - 2], z[t - 1], z[t])
        res[u] <- if (is.na(zz[u + 2])) z[u] else med3(3 * z[u + 1] - 2 * zz[u + 2], z[u + 1], z[u])
      }
    }
  }
  three_r(res)
}
ends <- function(x) {
  n <- length(x)
  x[1] <- med3(3 * x[2] - 2 * x[3], x[2], x[1]); x[n] <- med3(3 * x[n - 1] - 2 * x[n - 2], x[n - 1], x[n])
  x
}
# 4253H: 4 and 2 (a re-centred pair), 5, 3, Hanning
s4253h <- function(x) {
  n <- length(x)
  m4 <- med_even(x, 4)                          # t = 1.5 .. n - 0.5
  m42 <- c(x[1], (m4[1:(n - 2)] + m4[2:(n - 1)]) / 2, x[n])   # back on t = 1 .. n
  hann(med_odd(med_odd(m42, 5), 3))
}
s3rssh <- function(x) hann(split_once(split_once(three_r(x))))
twice <- function(f, x) { a <- f(x); a + f(x - a) }
out <- function(name, v) cat(name, format(v, digits = 15), "\n")
out("y", y)
out("3", med_odd(y, 3))
out("5", med_odd(y, 5))
out("3R", three_r(y))
out("3RSS", split_once(split_once(three_r(y))))
out("3RSSH", s3rssh(y))
out("3RSSH_twice", twice(s3rssh, y))
out("4253H", s4253h(y))
out("4253H_twice", twice(s4253h, y))
out("3RE", ends(three_r(y)))
