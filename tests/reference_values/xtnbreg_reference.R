# Reference values for tests/test_xtnbreg.py (Rscript xtnbreg_reference.R in tests/reference_values):
# xtnbreg's models on gee_panels.csv (yc ~ x + z, panels id), maximised by optim():
#  re: each panel's likelihood by numerical integration of prod_t dnbinom(y_it, size = lambda_it,
#      prob = p) over p ~ Beta(r, s) (Hausman, Hall and Griliches 1984) -- not the closed form
#      (dnbinom's kernel lgamma(y + lambda) - lgamma(lambda) - lgamma(y + 1) + lambda log p +
#      y log(1 - p), integrated on the logit scale);
#  fe: the conditional likelihood given each panel's total (panels with only zeros dropped);
#  pooled: the constant-dispersion negative binomial (variance mu (1 + delta)).
suppressMessages(library(jsonlite))
d <- read.csv("gee_panels.csv")
X <- cbind(1, d$x, d$z); y <- d$yc; id <- d$id
panels <- split(seq_len(nrow(d)), id)
ll_re <- function(th) {
  if (any(abs(th) > 25)) return(-1e10)
  b <- th[1:3]; r <- exp(th[4]); s <- exp(th[5]); lam <- exp(drop(X %*% b))
  v <- sum(vapply(panels, function(i) {
    # integrand on the logit scale p = plogis(u): NB kernels x Beta density x dp/du; the
    # trapezoid rule on a fine grid around its mode is exact to rounding for this smooth,
    # rapidly decaying function
    cst <- sum(lgamma(y[i] + lam[i]) - lgamma(lam[i]) - lgamma(y[i] + 1)) - lbeta(r, s)
    a <- sum(lam[i]) + r; bb <- sum(y[i]) + s
    mode <- log(a / bb)
    u <- seq(mode - 40, mode + 40, by = 0.005)
    lf <- cst + a * plogis(u, log.p = TRUE) + bb * plogis(-u, log.p = TRUE)
    top <- max(lf)
    top + log(sum(exp(lf - top)) * 0.005)
  }, 0))
  if (is.finite(v)) v else -1e10
}
ctl <- list(fnscale = -1, reltol = 1e-14, maxit = 20000)
o <- optim(c(3.7, 0.33, 0.05, 4.9, 1.5), ll_re, method = "BFGS", control = ctl)
o <- optim(o$par, ll_re, method = "BFGS", control = ctl)
H <- optimHess(o$par, ll_re)
re <- list(b = o$par[1:3], ln_r = o$par[4], ln_s = o$par[5], ll = o$value, se = sqrt(diag(solve(-H))))
keep <- vapply(panels, function(i) sum(y[i]) > 0 && length(i) > 1, TRUE)
ll_fe <- function(b) {
  lam <- exp(drop(X %*% b))
  sum(vapply(panels[keep], function(i) {
    lgamma(sum(lam[i])) + lgamma(sum(y[i]) + 1) - lgamma(sum(lam[i]) + sum(y[i])) +
      sum(lgamma(lam[i] + y[i]) - lgamma(lam[i]) - lgamma(y[i] + 1))
  }, 0))
}
of <- optim(c(4, 0.3, 0), ll_fe, method = "BFGS", control = ctl)
of <- optim(of$par, ll_fe, method = "Nelder-Mead", control = ctl)
Hf <- optimHess(of$par, ll_fe)
fe <- list(b = of$par, ll = of$value, se = sqrt(diag(solve(-Hf))), N = sum(lengths(panels[keep])),
           N_g = sum(keep))
ll_nb1 <- function(th) {
  mu <- exp(drop(X %*% th[1:3])); delta <- exp(th[4])
  sum(dnbinom(y, size = mu / delta, prob = 1 / (1 + delta), log = TRUE))
}
op <- optim(c(0.2, 0.3, 0, 0), ll_nb1, method = "BFGS", control = ctl)
op <- optim(op$par, ll_nb1, method = "Nelder-Mead", control = ctl)
write(toJSON(list(source = "optim() on gee_panels.csv, coefficients in order _cons x z", re = re, fe = fe,
                  pooled_ll = op$value), digits = 15, auto_unbox = TRUE, pretty = TRUE), "xtnbreg_reference.json")
