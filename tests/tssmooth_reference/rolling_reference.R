# Independent reference values for tests/test_rolling.py: zoo::rollapply over lm (r-cran-zoo).
# x_t = (7t mod 13) + t/5, y_t = 2 + 0.5 x_t + (11t mod 7)/3, t = 1..30.
suppressPackageStartupMessages(library(zoo))
t <- 1:30
x <- (7 * t) %% 13 + t / 5
y <- 2 + 0.5 * x + ((11 * t) %% 7) / 3
d <- zoo(cbind(y = y, x = x))
fit <- function(w) { m <- lm(y ~ x, data = as.data.frame(w)); s <- summary(m)$coefficients
  c(s["x", 1], s["(Intercept)", 1], s["x", 2], s["(Intercept)", 2], summary(m)$r.squared) }
out <- function(key, m) cat(key, format(as.vector(t(m)), digits = 15), "\n")
# window(10): rows are windows, columns _b_x _b_cons _se_x _se_cons r2
out("window10", rollapply(d, width = 10, FUN = fit, by.column = FALSE, align = "left"))
# window(10) stepsize(3)
out("window10_step3", rollapply(d, width = 10, by = 3, FUN = fit, by.column = FALSE, align = "left"))
# recursive: t = 1..end for end = 10..30; rrecursive: t = start..30 for start = 1..21
out("recursive", t(sapply(10:30, function(e) fit(d[1:e]))))
out("rrecursive", t(sapply(1:21, function(s) fit(d[s:30]))))
