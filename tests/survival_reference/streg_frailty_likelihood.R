# The kidney data and the closed-form marginal likelihoods of streg's frailty models
# (tests/survival_reference/streg_frailty.R states them), with an optimiser: sourced by
# streg_frailty.R and streg_frailty_constraints.R (run from the repository root).
d <- read.csv("tests/survival_reference/kidney.csv")
t <- d$time; dd <- d$status; n <- nrow(d)
t0_entry <- ifelse(seq_len(n) %% 3 == 0, d$time / 2, 0)
g_shared <- as.integer(factor(d$id)); g_unshared <- seq_len(n)
X <- cbind(d$age, d$female, 1); X0 <- matrix(1, n, 1)

# (d ln(h t), H) of each record at times t: PH forms (weibull, exponential, gompertz), AFT
# (lognormal, loglogistic)
parts <- function(dist, xb, a, t) {
  if (dist == "exponential") return(list(lh = xb + log(t), H = exp(xb) * t))
  if (dist == "weibull") { p <- exp(a); return(list(lh = xb + a + p * log(t), H = exp(xb) * t^p)) }
  if (dist == "gompertz") return(list(lh = xb + a * t + log(t), H = exp(xb) * expm1(a * t) / a))
  s <- exp(a); z <- (log(t) - xb) / s
  if (dist == "lognormal") {
    lS <- pnorm(-z, log.p = TRUE); return(list(lh = dnorm(z, log = TRUE) - a - lS, H = -lS))
  }
  sp <- pmax(z, 0) + log1p(exp(-abs(z)))  # ln(1 + e^z) without overflow
  list(lh = z - a - sp, H = sp)  # loglogistic: ln h + ln t = ln f + ln t - ln S
}
log_mix <- function(kind, D, s, th) {
  if (kind == "gamma") return(lgamma(1 / th + D) - lgamma(1 / th) + D * log(th) - (1 / th + D) * log1p(th * s))
  r <- sqrt(1 + 2 * th * s); x <- r / th
  0.5 * log(2 / (pi * th)) + 1 / th - (D / 2 - 0.25) * log1p(2 * th * s) + log(besselK(x, D - 0.5, TRUE)) - x
}
H_entry <- function(dist, xb, a, t0) ifelse(t0 > 0, parts(dist, xb, a, pmax(t0, 1e-300))$H, 0)
ll_frailty <- function(par, dist, kind, Xm, g, shared, t0, w = rep(1, n), off = 0) {
  k <- ncol(Xm); xb <- drop(Xm %*% par[1:k]) + off
  a <- if (dist == "exponential") 0 else par[k + 1]
  th <- exp(par[length(par)]); pr <- parts(dist, xb, a, t); H0 <- H_entry(dist, xb, a, t0)
  if (!shared) return(sum(w * (dd * pr$lh + log_mix(kind, dd, pr$H, th) - log_mix(kind, 0, H0, th))))
  # iweights, constant within a group: the group's whole contribution weighted
  D <- tapply(dd, g, sum); S <- tapply(pr$H - H0, g, sum); wg <- tapply(w, g, mean)
  sum(w * dd * pr$lh) + sum(wg * log_mix(kind, D, S, th))
}
ll_plain <- function(par, dist, Xm, t0, w = rep(1, n)) {
  k <- ncol(Xm); a <- if (dist == "exponential") 0 else par[k + 1]; xb <- drop(Xm %*% par[1:k])
  pr <- parts(dist, xb, a, t); sum(w * (dd * pr$lh - pr$H + H_entry(dist, xb, a, t0)))
}
maxim <- function(f, start) {
  o <- optim(start, f, method = "BFGS", control = list(fnscale = -1, reltol = 1e-15, maxit = 10000))
  o <- optim(o$par, f, method = "Nelder-Mead", control = list(fnscale = -1, reltol = 1e-16, maxit = 20000))
  o <- optim(o$par, f, method = "BFGS", control = list(fnscale = -1, reltol = 1e-16, maxit = 10000, ndeps = rep(1e-5, length(start))))
  o
}
