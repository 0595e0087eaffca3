# Independent check of mlmcli's ivpoisson gmm: R's gmm package (1.7) on simulated data.
# Writes ivpoisson_sim.csv (the data) and ivpoisson_gmm_values.csv (estimates and SEs).
# Two-step GMM as [R] ivpoisson describes it: step 1 W = (Z'Z/N)^-1, step 2 W = S(b1)^-1
# (S = (1/N) sum u^2 zz', uncentred); VCE the sandwich at the final estimates.
# Run: Rscript ivpoisson_gmm.R   (R is never a test dependency; the CSVs are committed)
library(gmm)
set.seed(20261206)
n <- 400
z1 <- rnorm(n); z2 <- rnorm(n); x1 <- rnorm(n); v <- rnorm(n)
cl <- sample(1:40, n, replace = TRUE)
e <- 0.5 * v + rnorm(n, sd = 0.5)
x2 <- 0.6 * z1 + 0.4 * z2 + 0.3 * x1 + v
expo <- runif(n, 0.5, 2)
y <- rpois(n, exp(0.3 + 0.4 * x2 - 0.5 * x1 + e) * expo)
dat <- data.frame(y = y, x1 = round(x1, 4), x2 = round(x2, 4), z1 = round(z1, 4), z2 = round(z2, 4),
                  cl = cl, expo = round(expo, 4))
write.csv(dat, "ivpoisson_sim.csv", row.names = FALSE)
X <- cbind(dat$x2, dat$x1, 1); Z <- cbind(dat$x1, dat$z1, dat$z2, 1); yy <- dat$y
run <- function(mult, off, clusters = NULL) {
  g <- function(b, d) {
    eta <- X %*% b + off
    u <- if (mult) yy * exp(-eta) - 1 else yy - exp(eta)
    Z * as.vector(u)
  }
  S_of <- function(b) {
    m <- g(b)
    if (!is.null(clusters)) m <- rowsum(m, clusters)
    crossprod(m) / n
  }
  W0 <- solve(crossprod(Z) / n)
  f1 <- gmm(g, x = yy, t0 = c(0, 0, 0), type = "twoStep", weightsMatrix = W0, vcov = "iid",
            optfct = "optim", control = list(reltol = 1e-14, maxit = 5000), method = "BFGS")
  eps <- 1e-6
  gbar <- function(b) colMeans(g(b))
  jac <- function(b) sapply(1:3, function(j) { h <- rep(0, 3); h[j] <- eps; (gbar(b + h) - gbar(b - h)) / (2 * eps) })
  # optim's BFGS stops ~1e-6 short of the minimum: Gauss-Newton steps from its answer finish it
  polish <- function(b, W) {
    for (i in 1:50) { G <- jac(b); b <- b - as.vector(solve(t(G) %*% W %*% G, t(G) %*% W %*% gbar(b))) }
    b
  }
  b1 <- polish(coef(f1), W0)
  W1 <- solve(S_of(b1))
  f2 <- gmm(g, x = yy, t0 = b1, type = "twoStep", weightsMatrix = W1, vcov = "iid",
            optfct = "optim", control = list(reltol = 1e-14, maxit = 5000), method = "BFGS")
  b2 <- polish(coef(f2), W1)
  # the sandwich (G'WG)^-1 G'W S W G (G'WG)^-1 / n, S at b2 (of the clusters when given);
  # se_gmmpkg: the gmm package's own vcov at its (unpolished) estimates, a check of the formula
  G <- jac(b2)
  bread <- solve(t(G) %*% W1 %*% G)
  V <- bread %*% t(G) %*% W1 %*% S_of(b2) %*% W1 %*% G %*% bread / n
  m <- gbar(b2)
  data.frame(b = b2, se = sqrt(diag(V)), se_gmmpkg = if (is.null(clusters)) sqrt(diag(vcov(f2))) else NA,
             J = n * as.numeric(t(m) %*% W1 %*% m))
}
out <- rbind(cbind(model = "additive", term = c("x2", "x1", "_cons"), run(FALSE, 0)),
             cbind(model = "multiplicative", term = c("x2", "x1", "_cons"), run(TRUE, 0)),
             cbind(model = "multiplicative_exposure", term = c("x2", "x1", "_cons"), run(TRUE, log(dat$expo))),
             cbind(model = "additive_cluster", term = c("x2", "x1", "_cons"), run(FALSE, 0, dat$cl)))
write.csv(out, "ivpoisson_gmm_values.csv", row.names = FALSE)
print(out, digits = 10)
