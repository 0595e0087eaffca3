# Reference values for tests/test_predict_scores_count_pr.py: predict ..., scores after ologit
# and oprobit -- each observation's log-likelihood derivative with respect to x*b and to each
# cutpoint, by central differences at MASS::polr's fit (polr's logit P(y <= k) = zeta_k - eta is
# Stata's parameterization).  Data: logit_pattern_statistics.json's x, z and o = min(cnt, 3).
# Run in this folder: Rscript ordinal_scores.R > ordinal_scores.json
library(MASS)
library(jsonlite)
d <- fromJSON("logit_pattern_statistics.json")
o <- pmin(d$cnt, 3); x <- d$x; z <- d$z
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
scores <- function(method, F) {
  f <- polr(factor(o) ~ x + z, method = method, control = list(reltol = 1e-14, maxit = 1000))
  eta <- drop(cbind(x, z) %*% coef(f)); zeta <- f$zeta; k <- as.integer(factor(o))
  ll <- function(eta, zeta) {
    up <- c(zeta, Inf)[k]; lo <- c(-Inf, zeta)[k]
    log(F(up - eta) - F(lo - eta))
  }
  h <- 1e-6
  out <- list((ll(eta + h, zeta) - ll(eta - h, zeta)) / (2 * h))
  for (j in seq_along(zeta)) {
    e <- replace(numeric(length(zeta)), j, h)
    out[[j + 1]] <- (ll(eta, zeta + e) - ll(eta, zeta - e)) / (2 * h)
  }
  out
}
cat("{\n")
for (m in list(list("ologit", "logistic", plogis, ","), list("oprobit", "probit", pnorm, ""))) {
  s <- scores(m[[2]], m[[3]])
  cat(sprintf('  "%s": [%s]%s\n', m[[1]], paste(sprintf("[%s]", sapply(s, num)), collapse = ", "), m[[4]]))
}
cat("}\n")
