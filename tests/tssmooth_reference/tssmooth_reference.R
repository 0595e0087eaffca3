# Independent reference values for tests/test_tssmooth.py (R 4.2, stats only).
# Series: y_t = 10 + 0.3 t + ((37 t) mod 11 - 5) / 2, t = 1..30.
t <- 1:30
y <- 10 + 0.3 * t + ((37 * t) %% 11 - 5) / 2
options(digits = 15)
# weighted moving average weights(1 2 <3> 2 1): interior values from stats::filter
ma <- stats::filter(y, c(1, 2, 3, 2, 1) / 9, sides = 2)
cat("ma_interior", format(ma[3:28], digits = 15), "\n")
# window(2 0 1): x(t-2), x(t-1), x(t+1), each value the mean of the terms inside the series
# (Stata's ends use the terms available)
ma2 <- sapply(t, function(i) { k <- c(i - 2, i - 1, i + 1); mean(y[k[k >= 1 & k <= 30]]) })
cat("ma_window_201", format(ma2, digits = 15), "\n")
# simple exponential smoothing, alpha .4, start = mean of the first 15 values.
# HoltWinters' level l[t] = alpha y[t] + (1 - alpha) l[t-1] (l.start is l[1]) and its one-step
# prediction for t is l[t-1]; Stata's series S is that prediction with S[1] = s0, so l[1] is
# alpha y1 + (1 - alpha) s0, and Stata's SSE adds (y1 - s0)^2.
s0 <- mean(y[1:15])
hw <- HoltWinters(y, alpha = 0.4, beta = FALSE, gamma = FALSE, l.start = 0.4 * y[1] + 0.6 * s0)
cat("s0", format(s0, digits = 15), "\n")
cat("exp_S", format(c(s0, hw$fitted[, "xhat"]), digits = 15), "\n")
cat("exp_rss", format(hw$SSE + (y[1] - s0)^2, digits = 15), "\n")
# the SSE-minimising coefficient (Stata's bisection stops at a bracket narrower than 1e-4)
sse <- function(a) HoltWinters(y, alpha = a, beta = FALSE, gamma = FALSE, l.start = a * y[1] + (1 - a) * s0)$SSE + (y[1] - s0)^2
opt <- optimize(sse, c(0.0001, 0.9999), tol = 1e-10)
cat("exp_opt_alpha", format(opt$minimum, digits = 15), "\n")
cat("exp_opt_rss", format(opt$objective, digits = 15), "\n")
