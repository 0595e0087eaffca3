# Independent values for mlogit with iweights (tests/test_mlogit_iweights.py): nnet::multinom
# on mlogit_data.csv with the case weights iw = 0.5 + (g mod 4) / 3 (not whole numbers), base
# outcome 20 (as typed with baseoutcome(20)) and the most frequent by weighted counts; the
# observed information from multinom's Hessian; the sandwich from the iw-weighted scores,
# n/(n-1) sum s_i s_i' and G/(G-1) over the clusters g.  aweight_base20: the same with the
# weights aw = iw scaled to mean 1 (ml_model.ado's aweights), base outcome 20.
# Run: Rscript tests/reference_values/mlogit_iweight_reference.R  (from the checkout)
library(nnet)
library(jsonlite)
d <- read.csv("tests/reference_values/mlogit_data.csv")
n <- nrow(d)
d$iw <- 0.5 + (d$g %% 4) / 3

fit_one <- function(base, w, cluster = NULL) {
  yy <- relevel(factor(d$y), ref = as.character(base))
  X <- cbind(x = d$x, z = d$z, `_cons` = 1)
  m <- multinom(yy ~ x + z, data = d, weights = w, Hess = TRUE, trace = FALSE, maxit = 1000, reltol = 1e-14)
  B <- coef(m)[, c("x", "z", "(Intercept)"), drop = FALSE]
  lev <- levels(yy)[-1]
  ord <- order(as.numeric(lev))
  B <- B[ord, , drop = FALSE]
  lev <- lev[ord]
  want <- unlist(lapply(lev, function(l) paste0(l, ":", c("x", "z", "(Intercept)"))))
  V <- solve(m$Hessian[want, want])
  eta <- X %*% t(B)
  Pm <- cbind(1, exp(eta)); Pm <- Pm / rowSums(Pm)
  Y <- sapply(lev, function(l) as.numeric(as.character(d$y) == l))
  S <- do.call(cbind, lapply(seq_along(lev), function(j) X * ((Y - Pm[, -1, drop = FALSE]) * w)[, j]))
  ll <- sum(w * log(Pm[cbind(1:n, match(as.character(d$y), c(as.character(base), lev)))]))
  cnt <- tapply(w, d$y, sum)
  Vr <- V %*% ((n / (n - 1)) * crossprod(S)) %*% V
  Sc <- rowsum(S, d$g); G <- nrow(Sc)
  Vc <- V %*% ((G / (G - 1)) * crossprod(Sc)) %*% V
  list(base = base, theta = as.vector(t(B)), se = sqrt(diag(V)), se_robust = sqrt(diag(Vr)),
       se_cluster = sqrt(diag(Vc)), ll = ll, ll_0 = sum(cnt * log(cnt / sum(cnt))))
}
cnt <- tapply(d$iw, d$y, sum)
res <- list(base20 = fit_one(20, d$iw),
            default = fit_one(as.numeric(names(cnt)[which.max(cnt)]), d$iw),
            aweight_base20 = fit_one(20, d$iw / mean(d$iw)),
            weighted_counts = as.list(cnt))
write_json(res, "tests/reference_values/mlogit_iweight_reference.json", digits = 15, auto_unbox = TRUE,
           pretty = TRUE)
