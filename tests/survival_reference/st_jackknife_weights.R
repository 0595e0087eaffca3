# Leave-one-out jackknife of stcox (Breslow) and streg (Weibull, exponential; PH metric) on
# weighted data, summed as jackknife.ado does: pweights (n-1)/n sum (b_i - bbar)^2;
# iweights df/(df+1) (n-1)/n sum (b_i - bbar)^2, df = round(n (n-1)/n).
# Rscript tests/survival_reference/st_jackknife_weights.R  (writes the .json beside it)
library(survival)
library(jsonlite)
here <- "tests/survival_reference"
dat <- read.csv(file.path(here, "st_jackknife_weights.csv"))
n <- nrow(dat)
cox_b <- function(df) coef(coxph(Surv(t, d) ~ x + x2, data = df, weights = w, ties = "breslow"))
weib_b <- function(df) {  # streg's PH parameters: b = -beta/sigma, _cons = -mu/sigma, ln_p = -log(sigma)
  f <- survreg(Surv(t, d) ~ x + x2, data = df, weights = w, dist = "weibull")
  s <- f$scale
  c(-coef(f)[c("x", "x2")] / s, -coef(f)[1] / s, -log(s))
}
exp_b <- function(df) {
  f <- survreg(Surv(t, d) ~ x + x2, data = df, weights = w, dist = "exponential")
  -coef(f)[c("x", "x2", "(Intercept)")]
}
jk <- function(fun) {
  B <- t(sapply(seq_len(n), function(i) fun(dat[-i, ])))
  D <- sweep(B, 2, colMeans(B))
  S <- t(D) %*% D
  m <- (n - 1) / n
  df <- floor(n * m + 0.5)
  list(b = unname(fun(dat)), V_pweight = unname(m * S), V_iweight = unname(df / (df + 1) * m * S), df_iweight = df)
}
out <- list(n = n, cox = jk(cox_b), weibull = jk(weib_b), exponential = jk(exp_b))
write_json(out, file.path(here, "st_jackknife_weights.json"), digits = NA, auto_unbox = TRUE, matrix = "rowmajor")
