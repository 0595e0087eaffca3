# Independent reference values for tssmooth shwinters in tests/test_tssmooth_shwinters.py:
# stats::HoltWinters with every weight and start given.  Stata's conventions bridged: R spends
# its first `period` values on the starts and begins predicting at period + 1, so p placeholder
# values are put before the series (never read: l.start, b.start and s.start stand for the level,
# slope and seasonals before the first value).  Starting values as [TS] tssmooth shwinters
# describes them: additive, lm(y ~ j + season dummies) over the first samp0 years; multiplicative,
# Bowerman and O'Connell's year means.
t <- 1:48
y <- 20 + 0.5 * t + 4 * sin(2 * pi * t / 12) + ((17 * t) %% 7) / 3
p <- 12
season <- (t - 1) %% p + 1
year <- (t - 1) %/% p + 1
starts_add <- function(samp0) {
  k <- year <= samp0
  f <- lm(y[k] ~ t[k] + factor(season[k]))
  cf <- coef(f)
  list(a = unname(cf[1]), b = unname(cf[2]), s = c(0, unname(cf[3:(p + 1)])))
}
starts_mul <- function(samp0, b = NULL) {
  ym <- tapply(y, year, mean)
  slope <- (ym[samp0] - ym[1]) / ((samp0 - 1) * p)
  a <- ym[1] - 0.5 * p * slope
  if (is.null(b)) b <- slope
  k <- year <= samp0
  ratio <- y[k] / (ym[year[k]] - ((p + 1) / 2 - season[k]) * b)
  bar <- tapply(ratio, season[k], mean)
  list(a = unname(a), b = unname(b), s = unname(bar * p / sum(bar)))
}
fit <- function(st, type, a, b, g, h = 0) {
  x <- ts(c(rep(1, p), y), frequency = p)
  hw <- HoltWinters(x, alpha = a, beta = b, gamma = g, seasonal = type,
                    l.start = st$a, b.start = st$b, s.start = st$s)
  pred <- as.numeric(hw$fitted[, "xhat"])
  if (h > 0) pred <- c(pred, as.numeric(predict(hw, n.ahead = h)))
  list(pred = pred, sse = hw$SSE, level = unname(hw$coefficients["a"]), slope = unname(hw$coefficients["b"]))
}
out <- function(name, f, st) {
  cat(name, format(f$pred, digits = 15), "\n")
  cat(paste0(name, "_stats"), format(c(f$sse, f$level, f$slope, st$a, st$b), digits = 15), "\n")
}
s <- starts_add(2); out("add_3_2_4", fit(s, "additive", .3, .2, .4), s)
s <- starts_mul(2); out("mul_3_2_4_f3", fit(s, "multiplicative", .3, .2, .4, 3), s)
s <- starts_add(3); out("add_samp3", fit(s, "additive", .5, .1, .2), s)
s <- starts_mul(2, b = 0.4); s$a <- 21; out("mul_s0", fit(s, "multiplicative", .5, .1, .2), s)
s <- starts_mul(2); cat("mul_sn0", format(s$s, digits = 15), "\n")
# Weights chosen without parms(): the ados' penalized sum of squares (ml on the logits of the
# weights, (|logit| - 12)^2 per observation beyond 12) minimised by optim from logit(.5) = 0.
# Series: z_t = 30 + 0.4 t + 5 sin(2 pi t/12) + sum_(s<=t) ((13 s^2) mod 17 - 8)/6 + ((7 t) mod 5)/2, t = 1..60.
t <- 1:60
z <- 30 + 0.4 * t + 5 * sin(2 * pi * t / 12) + cumsum(((13 * t * t) %% 17 - 8) / 6) + ((7 * t) %% 5) / 2
season <- (t - 1) %% p + 1
year <- (t - 1) %/% p + 1
y <- z
optimal <- function(type, st) {
  x <- ts(c(rep(1, p), z), frequency = p)
  sse <- function(th) {
    w <- 1 / (1 + exp(-th))
    hw <- HoltWinters(x, alpha = w[1], beta = w[2], gamma = w[3], seasonal = type,
                      l.start = st$a, b.start = st$b, s.start = st$s)
    hw$SSE + length(z) * sum(pmax(abs(th) - 12, 0)^2)
  }
  o <- optim(c(0, 0, 0), sse, method = "BFGS", control = list(reltol = 1e-15, maxit = 5000))
  o <- optim(o$par, sse, method = "Nelder-Mead", control = list(reltol = 1e-15, maxit = 20000))
  w <- 1 / (1 + exp(-o$par))
  c(w, o$value)
}
cat("opt_add", format(optimal("additive", starts_add(2)), digits = 15), "\n")
cat("opt_mul", format(optimal("multiplicative", starts_mul(2)), digits = 15), "\n")
