# Reference values for ivtobit (tests/test_ivtobit.py).  ML: Stata 13's ivtob_1_lf likelihood
# written out (the reduced form's normal density times the conditional tobit of y given the
# reduced-form residual, censored at 0 and 4), maximised by optim then Newton steps on numDeriv's
# gradient and Hessian; OIM and cluster (numDeriv scores, G/(G-1)) variances.  Two-step: Newey's
# (1987) estimator from first principles with lm and hand-written tobits (optim + numDeriv).
# Run: Rscript ivtobit.R > ivtobit.json
suppressMessages(library(numDeriv))
d <- read.csv("ivtobit.csv")
X <- cbind(d$y2, d$x, 1); W <- cbind(d$x, d$z1, d$z2, 1)
left <- d$y <= 0; right <- d$y >= 4
obs <- function(th) {
  b <- th[1:3]; p <- th[4:7]; a <- th[8]; s <- exp(th[9]); v <- exp(th[10])
  r <- d$y2 - drop(W %*% p); m <- drop(X %*% b) + a * r
  cond <- ifelse(left, pnorm((0 - m) / s, log.p = TRUE),
                 ifelse(right, pnorm((m - 4) / s, log.p = TRUE), dnorm(d$y, m, s, log = TRUE)))
  dnorm(r, 0, v, log = TRUE) + cond
}
nll <- function(th) -sum(obs(th))
newton <- function(f, th) { for (i in 1:4) th <- th - solve(hessian(f, th), grad(f, th)); th }
rf <- lm(y2 ~ x + z1 + z2, data = d)
start <- c(coef(lm(y ~ y2 + x, data = d))[c(2, 3, 1)], coef(rf)[c(2, 3, 4, 1)], 0, 0, log(sd(resid(rf))))
f <- optim(start, nll, method = "BFGS", control = list(reltol = 1e-15, maxit = 5000))
th <- newton(nll, f$par)
Hinv <- solve(hessian(nll, th))
S <- rowsum(jacobian(obs, th), d$g); G <- nrow(S)
Vc <- Hinv %*% crossprod(S) %*% Hinv * G / (G - 1)
ml <- list(coef = unname(th), se = unname(sqrt(diag(Hinv))), se_cluster = unname(sqrt(diag(Vc))), ll = -nll(th),
           V = unname(Hinv), chi2_exog = th[8]^2 / Hinv[8, 8])
tobit <- function(A) {  # (b, V of b) of the tobit of y on A, censored at 0 and 4
  k <- ncol(A)
  f <- function(t) {
    m <- drop(A %*% t[1:k]); s <- exp(t[k + 1])
    -sum(ifelse(left, pnorm(-m / s, log.p = TRUE), ifelse(right, pnorm((m - 4) / s, log.p = TRUE),
                dnorm(d$y, m, s, log = TRUE))))
  }
  t0 <- c(coef(lm(d$y ~ A - 1)), log(sd(d$y)))
  t <- newton(f, optim(t0, f, method = "BFGS", control = list(reltol = 1e-15, maxit = 5000))$par)
  list(b = t[1:k], V = solve(hessian(f, t))[1:k, 1:k])
}
v <- resid(rf)
Wn <- cbind(d$z1, d$z2, d$x, 1)
D <- cbind(coef(lm(d$y2 ~ Wn - 1)), rbind(0, 0, diag(2)))
c2 <- tobit(cbind(d$y2, d$x, v, 1))
exog <- c2$b[3]^2 / c2$V[3, 3]
ca <- tobit(cbind(d$z1, d$z2, d$x, v, 1))
alpha <- ca$b[c(1, 2, 3, 5)]
omega <- ca$V[c(1, 2, 3, 5), c(1, 2, 3, 5)] + vcov(lm(d$y2 * (ca$b[4] - c2$b[1]) ~ Wn - 1))
oi <- solve(omega)
V2 <- solve(t(D) %*% oi %*% D)
b <- V2 %*% t(D) %*% oi %*% alpha
twostep <- list(coef = unname(drop(b)), se = unname(sqrt(diag(V2))), chi2_exog = exog,
                chi2 = drop(t(b[1:2]) %*% solve(V2[1:2, 1:2]) %*% b[1:2]))
cat(jsonlite::toJSON(list(ml = ml, twostep = twostep), digits = NA, auto_unbox = TRUE, pretty = TRUE))
