# Constrained multinomial logit on mlogit_data.csv (tests/test_mlogit_constraints.py):
# the log likelihood maximised by optim over theta = theta0 + N gamma (N the null space of R),
# standard errors from the numerical Hessian in gamma (optimHess), V = N (-H)^-1 N', and the
# Wald test of every slope as [R] test computes it (redundant rows dropped in order).
# Run: Rscript mlogit_constraints_reference.R  (writes mlogit_constraints_reference.json)
library(jsonlite)
d <- read.csv("mlogit_data.csv")
X <- cbind(x = d$x, z = d$z, cons = 1)
out <- sort(unique(d$y)); base <- 30
free <- setdiff(out, base)                      # 10 20 40: theta = (eq10, eq20, eq40) x (x, z, cons)
Y <- sapply(free, function(k) as.numeric(d$y == k))
ll <- function(theta) {
  B <- matrix(theta, nrow = 3)
  eta <- X %*% B
  sum(rowSums(Y * eta) - log(1 + rowSums(exp(eta))))
}
ix <- function(eq, v) (match(eq, free) - 1) * 3 + match(v, c("x", "z", "cons"))
fit_constrained <- function(R, r) {
  k <- 9
  sv <- svd(R, nu = nrow(R), nv = k)
  N <- sv$v[, (qr(R)$rank + 1):k, drop = FALSE]
  theta0 <- as.vector(MASS::ginv(R) %*% r)
  f <- function(g) -ll(theta0 + N %*% g)
  o <- optim(rep(0, ncol(N)), f, method = "BFGS", control = list(reltol = 1e-14, maxit = 1000))
  o <- optim(o$par, f, method = "Nelder-Mead", control = list(reltol = 1e-15, maxit = 20000))
  o <- optim(o$par, f, method = "BFGS", control = list(reltol = 1e-16, maxit = 1000))
  H <- optimHess(o$par, f)
  theta <- as.vector(theta0 + N %*% o$par)
  V <- N %*% solve(H) %*% t(N)
  slopes <- c(sapply(free, function(k) c(ix(k, "x"), ix(k, "z"))))
  keep <- c()
  S <- V[slopes, slopes]
  for (j in seq_along(slopes)) {
    trial <- c(keep, j)
    if (qr(S[trial, trial, drop = FALSE], tol = 1e-8)$rank == length(trial)) keep <- trial
  }
  b <- theta[slopes][keep]
  W <- as.numeric(t(b) %*% solve(S[keep, keep, drop = FALSE], b))
  list(theta = theta, se = sqrt(pmax(diag(V), 0)), ll = -o$value, chi2 = W, df = length(keep),
       p = pchisq(W, length(keep), lower.tail = FALSE))
}
R1 <- matrix(0, 3, 9); r1 <- c(0, 0, -0.5)
R1[1, ix(20, "x")] <- 1                                 # constraint 1 [20]x = 0
R1[2, ix(40, "z")] <- 1; R1[2, ix(10, "z")] <- -1       # constraint 2 [40]z = [10]z
R1[3, ix(10, "cons")] <- 1                              # constraint 3 [10]_cons = -.5
res <- list(three = fit_constrained(R1, r1), one = fit_constrained(R1[1, , drop = FALSE], r1[1]))
start <- c(0.1, -0.2, -0.3, 1, -1, -0.4, 0.5, -0.5, -1)  # from(): Iteration 0's log likelihood
res$start <- list(theta = start, ll = ll(start))
write_json(res, "mlogit_constraints_reference.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
