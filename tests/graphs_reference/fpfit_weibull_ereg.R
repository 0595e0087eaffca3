# twoway fpfit y x, estcmd(weibull|ereg) [estopts(dead(d))]: fracpoly's degree-2 search by the
# largest log likelihood, then the AFT fit's x b and stdp at the distinct x (survival::survreg,
# whose weibull and exponential coefficients are Stata's accelerated failure-time ones).
# Run: Rscript fpfit_weibull_ereg.R > fpfit_weibull_ereg.json
library(survival)
n <- 1:40
x <- 1 + (n * 7) %% 9
y <- exp(0.3 + 0.2 * x - 0.02 * x^2 + ((n * 5) %% 7) / 4)
d <- as.numeric(n %% 4 != 0)
powers <- c(-2, -1, -0.5, 0, 0.5, 1, 2, 3)
term <- function(v, p) if (p == 0) log(v) else v^p
terms <- function(v, p1, p2) {
  a <- term(v, p1); b <- term(v, p2) * (if (p1 == p2) log(v) else 1)
  cbind(a, b)
}
fitted <- function(dist, status) {
  best <- NULL
  for (i in seq_along(powers)) for (j in i:length(powers)) {
    X <- terms(x, powers[i], powers[j])
    f <- survreg(Surv(y, status) ~ X, dist = dist)
    if (is.null(best) || f$loglik[2] > best$ll) best <- list(ll = f$loglik[2], p = c(powers[i], powers[j]), fit = f)
  }
  at <- sort(unique(x))
  X0 <- cbind(1, terms(at, best$p[1], best$p[2]))
  k <- ncol(X0)
  b <- coef(best$fit); V <- vcov(best$fit)[1:k, 1:k]
  list(powers = best$p, ll = best$ll, at = at, xb = as.vector(X0 %*% b),
       stdp = sqrt(rowSums((X0 %*% V) * X0)), scale = best$fit$scale)
}
out <- list(x = x, y = y, d = d,
            weibull = fitted("weibull", rep(1, length(y))),
            weibull_dead = fitted("weibull", d),
            ereg_dead = fitted("exponential", d))
cat(jsonlite::toJSON(out, digits = NA, auto_unbox = TRUE))
