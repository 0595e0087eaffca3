# Independent reference values for tests/test_tssmooth.py (tssmooth hwinters, parms(.4 .3)):
# Holt's linear method written out in R (start: the regression of the first 15 values on 1..15),
# its predictions from t = 3 cross-checked with stats::HoltWinters.
# Series: y_t = 10 + 0.3 t + ((37 t) mod 11 - 5) / 2, t = 1..30.
t <- 1:30
y <- 10 + 0.3 * t + ((37 * t) %% 11 - 5) / 2
holt <- function(alpha, beta, a0, b0) {
  a <- a0; b <- b0; pred <- numeric(30); A <- B <- numeric(30)
  for (i in 1:30) {
    pred[i] <- a + b
    na <- alpha * y[i] + (1 - alpha) * (a + b)
    b <- beta * (na - a) + (1 - beta) * b
    a <- na; A[i] <- a; B[i] <- b
  }
  list(pred = pred, A = A, B = B)
}
options(digits = 15)
st <- coef(lm(y[1:15] ~ I(1:15)))
h <- holt(0.4, 0.3, st[1], st[2])
cat("hw_start", format(unname(st), digits = 15), "\n")
cat("hw_pred", format(h$pred, digits = 15), "\n")
cat("hw_rss", format(sum((y - h$pred)^2), digits = 15), "\n")
cat("hw_forecast", format(h$A[30] + h$B[30] * 1:2, digits = 15), "\n")
hw <- HoltWinters(y, alpha = 0.4, beta = 0.3, gamma = FALSE, l.start = h$A[2], b.start = h$B[2])
cat("hw_R_from3", format(as.numeric(hw$fitted[, "xhat"]), digits = 15), "\n")
# diff starting values: b0 the mean of the first 15 differences, a0 = y1 - b0
b0 <- mean(diff(y)[1:15]); hd <- holt(0.4, 0.3, y[1] - b0, b0)
cat("hw_diff_rss", format(sum((y - hd$pred)^2), digits = 15), "\n")
