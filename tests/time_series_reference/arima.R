# Reference values for arima (tests/test_arima.py).  Run: Rscript arima.R -> arima.json
#  - predict's residuals: residuals() of the R fit (one-step innovations over sqrt(f_t)) and f_t
#  - the MLE: stats::arima(method = "ML", exact likelihood by the Kalman filter), tight tolerances;
#    R concentrates sigma^2 out, so sigma = sqrt(sigma2) and var.coef is the profile-likelihood
#    inverse Hessian (the coefficients' block of the full inverse information: vce(oim))
#  - the OPG standard errors: a Kalman filter written out here gives each period's log
#    likelihood; numDeriv's jacobian of those at the MLE, then solve(S'S)
library(jsonlite); library(numDeriv)
d <- read.csv("series.csv")

kalman_terms <- function(par, y, X, ar, ma, want_f = FALSE) {  # par: b, phi, theta, sigma
  k <- ncol(X); p <- length(ar); q <- length(ma)
  b <- par[seq_len(k)]; phi <- par[k + seq_len(p)]; theta <- par[k + p + seq_len(q)]; s2 <- par[length(par)]^2
  m <- max(c(ar, 0), c(ma, 0) + 1)
  Tm <- matrix(0, m, m); if (p) Tm[ar, 1] <- phi; if (m > 1) Tm[cbind(1:(m - 1), 2:m)] <- 1
  R <- c(1, rep(0, m - 1)); if (q) R[ma + 1] <- theta
  RR <- R %o% R
  P <- matrix(solve(diag(m * m) - kronecker(Tm, Tm), as.vector(RR)), m, m)
  a <- rep(0, m); u <- if (k) y - X %*% b else y; out <- numeric(length(y)); fs <- out
  for (t in seq_along(y)) {
    if (is.na(u[t])) { a <- Tm %*% a; P <- Tm %*% P %*% t(Tm) + RR; next }
    f <- P[1, 1]; v <- u[t] - a[1]; fs[t] <- f
    out[t] <- -0.5 * (log(2 * pi) + log(s2 * f) + v^2 / (s2 * f))
    K <- (Tm %*% P[, 1]) / f
    a <- Tm %*% a + K * v
    P <- Tm %*% P %*% t(Tm) + RR - (K %*% t(K)) * f
  }
  if (want_f) fs else out
}

one <- function(y, X, ar, ma, order, xreg, mean) {
  m <- arima(y, order = order, xreg = xreg, include.mean = mean, method = "ML",
             optim.control = list(reltol = 1e-14, maxit = 5000))
  cf <- coef(m)
  # Stata's order: regressors, _cons, ar, ma, sigma (R: ar, ma, intercept, xreg)
  narma <- length(ar) + length(ma)
  arma <- cf[seq_len(narma)]
  reg <- cf[-seq_len(narma)]
  if (mean) reg <- c(reg[-1], reg[1])
  par <- c(reg, arma, sqrt(m$sigma2))
  S <- jacobian(function(p) kalman_terms(p, y, X, ar, ma), par)
  S <- S[!is.na(y), , drop = FALSE]
  V <- solve(t(S) %*% S)
  vc <- m$var.coef
  ord <- c(if (narma < nrow(vc)) { r <- (narma + 1):nrow(vc); if (mean) c(r[-1], r[1]) else r }, seq_len(narma))
  # residuals(): the innovations divided by sqrt(f_t), f_t the innovation variance in units of sigma^2
  list(params = unname(par), ll = m$loglik, resid = as.numeric(residuals(m)),
       f = kalman_terms(par, y, X, ar, ma, want_f = TRUE), ll_at_r = sum(kalman_terms(par, y, X, ar, ma)),
       se_opg = sqrt(diag(V)), se_oim_coef = unname(sqrt(diag(vc))[ord]))
}

ref <- list(
  s_arma11 = one(d$s, cbind(1), 1, 1, c(1, 0, 1), NULL, TRUE),
  y_x_ar1 = one(d$y, cbind(d$x1, d$x2, 1), 1, integer(0), c(1, 0, 0), cbind(d$x1, d$x2), TRUE),
  z_arima110 = one(diff(d$z), cbind(rep(1, 59)), 1, integer(0), c(1, 0, 0), NULL, TRUE),
  s_ma2_nocons = one(d$s - 2, matrix(0, 60, 0), integer(0), c(1, 2), c(0, 0, 2), NULL, FALSE)
)
writeLines(toJSON(ref, digits = NA, auto_unbox = TRUE, pretty = TRUE), "arima.json")
# forecasts past the sample's end (predict after tsappend): predict.Arima at R's estimates
ms <- arima(d$s, order = c(1, 0, 1), method = "ML", optim.control = list(reltol = 1e-14, maxit = 5000))
my <- arima(d$y, order = c(1, 0, 0), xreg = cbind(d$x1, d$x2), method = "ML",
            optim.control = list(reltol = 1e-14, maxit = 5000))
ref <- fromJSON("arima.json", simplifyVector = TRUE)
ref$forecast_s <- as.numeric(predict(ms, n.ahead = 3)$pred)
ref$forecast_y <- as.numeric(predict(my, n.ahead = 3, newxreg = cbind(rep(.5, 3), rep(1, 3)))$pred)
writeLines(toJSON(ref, digits = NA, auto_unbox = TRUE, pretty = TRUE), "arima.json")
