# Independent values for mlogit (tests/test_mlogit.py): nnet::multinom fits on
# mlogit_data.csv (written here), the observed information from its Hessian, the sandwich
# V computed from the per-observation scores in R, fitted probabilities.
# Run: Rscript tests/reference_values/mlogit_reference.R  (from the checkout)
library(nnet)
library(jsonlite)
set.seed(20261202)
n <- 400
x <- round(rnorm(n), 3)
z <- rbinom(n, 1, .45)
g <- sample(1:25, n, replace = TRUE)
fw <- sample(1:3, n, replace = TRUE)
eta2 <- -.3 + .8 * x - .5 * z
eta3 <- .2 - .4 * x + .6 * z
eta4 <- -.8 + .3 * x
P <- cbind(1, exp(eta2), exp(eta3), exp(eta4))
P <- P / rowSums(P)
u <- runif(n)
y <- apply(cbind(u, P), 1, function(r) sum(r[1] > cumsum(r[-1])) + 1)
y <- c(10, 20, 30, 40)[y]
d <- data.frame(y = y, x = x, z = z, g = g, fw = fw)
write.csv(d, "tests/reference_values/mlogit_data.csv", row.names = FALSE)

fit_one <- function(base, weights = NULL, cluster = NULL) {
  yy <- relevel(factor(d$y), ref = as.character(base))
  X <- cbind(x = d$x, z = d$z, `_cons` = 1)
  w <- if (is.null(weights)) rep(1, n) else weights
  m <- multinom(yy ~ x + z, data = d, weights = w, Hess = TRUE, trace = FALSE, maxit = 1000, reltol = 1e-14)
  B <- coef(m)                       # rows: non-base outcomes; cols (Intercept), x, z
  B <- B[, c("x", "z", "(Intercept)"), drop = FALSE]
  lev <- levels(yy)[-1]
  # theta in mlogit's order: outcomes ascending (base skipped), within each x z _cons
  ord <- order(as.numeric(lev))
  B <- B[ord, , drop = FALSE]
  lev <- lev[ord]
  theta <- as.vector(t(B))
  # nnet's Hessian is in its own parameter order: rebuild it in ours
  nn <- rownames(m$Hessian)
  want <- unlist(lapply(lev, function(l) paste0(l, ":", c("x", "z", "(Intercept)"))))
  V <- solve(m$Hessian[want, want])
  # probabilities and scores
  eta <- X %*% t(B)
  Pm <- cbind(1, exp(eta)); Pm <- Pm / rowSums(Pm)
  Y <- sapply(lev, function(l) as.numeric(as.character(d$y) == l))
  R <- (Y - Pm[, -1, drop = FALSE]) * w
  S <- do.call(cbind, lapply(seq_along(lev), function(j) X * R[, j]))
  ll <- sum(w * log(Pm[cbind(1:n, match(as.character(d$y), c(as.character(base), lev)))]))
  out <- list(base = base, theta = theta, se = sqrt(diag(V)), ll = ll, outcomes = c(base, as.numeric(lev)),
              prob_first_rows = Pm[1:5, ])
  if (!is.null(cluster)) {
    Sc <- rowsum(S, cluster); G <- nrow(Sc)
    Vr <- V %*% ((G / (G - 1)) * crossprod(Sc)) %*% V
    out$se_cluster <- sqrt(diag(Vr))
  } else {
    Vr <- V %*% ((n / (n - 1)) * crossprod(S)) %*% V
    out$se_robust <- sqrt(diag(Vr))
  }
  # ll_0: constant-only
  cnt <- tapply(w, d$y, sum)
  out$ll_0 <- sum(cnt * log(cnt / sum(cnt)))
  out
}
tab <- table(d$y)
res <- list(
  default = fit_one(as.numeric(names(tab)[which.max(tab)])),
  base40 = fit_one(40),
  fweight = fit_one(as.numeric(names(tab)[which.max(tab)]), weights = d$fw),
  cluster = fit_one(as.numeric(names(tab)[which.max(tab)]), cluster = d$g),
  counts = as.list(tab)
)
write_json(res, "tests/reference_values/mlogit_reference.json", digits = 15, auto_unbox = TRUE, pretty = TRUE)
