# Reference values for stcox with stset iweights (Breslow) and exactm with stset fweights and
# iweights (tests/test_survival_stcox_weights.py) on the lung data (lung.csv).
#   iweights, Breslow        coxph(..., weights = iw, ties = "breslow"): the weighted partial
#                            likelihood, its inverse information (not the robust variance)
#   exactm, weights w        R has none: the exact marginal likelihood with a failing record of
#                            weight w_i counted w_i times, integral over t of
#                            exp(-t) prod_D (1 - exp(-a_i t))^w_i, a_i = r_i / sum_{R\D} w r,
#                            by integrate(), maximised by optim(); with fweights also the fit on
#                            the records repeated w times, which must agree
# Run from the repository root:
#   Rscript tests/survival_reference/stcox_weights.R > tests/survival_reference/stcox_weights.json
library(survival)
d <- read.csv("tests/survival_reference/lung.csv")
d$month <- ceiling(d$time / 30)
d$fw <- 1 + (seq_len(nrow(d)) %% 3)                 # fweights 2, 3, 1, 2, 3, 1, ...
d$iw <- 0.55 + ((seq_len(nrow(d)) * 7) %% 10) / 8   # iweights 0.55 ... 1.675, non-integer
out <- list()
f <- coxph(Surv(time, died) ~ age + female, data = d, weights = iw, ties = "breslow")
# with non-integer weights coxph's f$var is its robust variance (survival >= 3): the inverse
# information is f$naive.var
out[["iweight_breslow"]] <- list(b = unname(coef(f)), se = unname(sqrt(diag(f$naive.var))),
                                 ll = f$loglik[2], ll0 = f$loglik[1], sum_w = sum(d$iw))

X <- as.matrix(d[, c("age", "female")])
exactm_ll <- function(b, w) {
  eta <- drop(X %*% b)
  ll <- 0
  for (tau in sort(unique(d$month[d$died == 1]))) {
    D <- which(d$month == tau & d$died == 1)
    A <- which(d$month >= tau & !(seq_len(nrow(d)) %in% D))
    if (length(A) == 0) next
    m <- max(eta[A])
    a <- exp(eta[D] - m - log(sum(w[A] * exp(eta[A] - m))))
    g <- function(t) sapply(t, function(u) if (is.finite(u)) exp(-u + sum(w[D] * log(-expm1(-a * u)))) else 0)
    ll <- ll + log(integrate(g, 0, Inf, rel.tol = 1e-13, abs.tol = 0, subdivisions = 4000L)$value)
  }
  ll
}
fit_exactm <- function(w) {
  fit <- optim(c(0, 0), function(b) -exactm_ll(b, w), method = "BFGS",
               control = list(reltol = 1e-15, maxit = 1000))
  H <- optimHess(fit$par, function(b) -exactm_ll(b, w), control = list(ndeps = c(1e-4, 1e-3)))
  list(b = fit$par, se = sqrt(diag(solve(H))), ll = -fit$value, ll0 = exactm_ll(c(0, 0), w),
       ll_at = exactm_ll(c(0.02, -0.5), w))
}
out[["exactm_fweight"]] <- fit_exactm(d$fw)
out[["exactm_iweight"]] <- fit_exactm(d$iw)
# fweights are replication: the unweighted marginal likelihood of the repeated records
X_all <- X; d_all <- d
d <- d_all[rep(seq_len(nrow(d_all)), d_all$fw), ]
X <- as.matrix(d[, c("age", "female")])
out[["exactm_fweight"]]$ll_at_expanded <- exactm_ll(c(0.02, -0.5), rep(1, nrow(d)))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
