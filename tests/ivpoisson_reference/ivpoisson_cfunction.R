# Independent check of mlmcli's ivpoisson cfunction: the control-function system of
# ivpoisson.ado written out as moment conditions and solved by R's gmm package (exactly
# identified: 8 moments, 8 parameters), its vcov the sandwich G^-1 S G^-T / n over the system.
#   y eq:    (x1, x2, 1) u,  u = y exp(-(b'a + c v)) - 1,  v = x2 - (x1, z1, z2, 1) pi
#   x2 eq:   (x1, z1, z2, 1) v
#   ctrl eq: vhat u  (vhat: the first-stage OLS residual, held fixed)
# Run: Rscript ivpoisson_cfunction.R (after ivpoisson_gmm.R wrote ivpoisson_sim.csv)
library(gmm)
dat <- read.csv("ivpoisson_sim.csv")
A <- cbind(dat$x1, dat$x2, 1); Zf <- cbind(dat$x1, dat$z1, dat$z2, 1); y <- dat$y; n <- nrow(dat)
vhat <- as.vector(dat$x2 - Zf %*% qr.solve(Zf, dat$x2))
g <- function(th, d) {
  b <- th[1:3]; pi <- th[4:7]; cc <- th[8]
  v <- as.vector(dat$x2 - Zf %*% pi)
  u <- y * exp(-(A %*% b + cc * v)) - 1
  cbind(A * as.vector(u), Zf * v, vhat * as.vector(u))
}
pois <- glm(y ~ dat$x1 + dat$x2 + vhat, family = poisson)
t0 <- c(coef(pois)[2:3], coef(pois)[1], qr.solve(Zf, dat$x2), coef(pois)[4])
f <- gmm(g, x = y, t0 = unname(t0), type = "twoStep", vcov = "iid", optfct = "optim",
         control = list(reltol = 1e-16, maxit = 10000), method = "BFGS")
th <- coef(f)
# finish with Newton steps on the (square) system: optim stops short of the root
gbar <- function(t) colMeans(g(t))
for (i in 1:30) {
  J <- sapply(1:8, function(j) { h <- rep(0, 8); h[j] <- 1e-6; (gbar(th + h) - gbar(th - h)) / 2e-6 })
  th <- th - solve(J, gbar(th))
}
J <- sapply(1:8, function(j) { h <- rep(0, 8); h[j] <- 1e-6; (gbar(th + h) - gbar(th - h)) / 2e-6 })
S <- crossprod(g(th)) / n
V <- solve(J) %*% S %*% t(solve(J)) / n
out <- data.frame(term = c("y:x1", "y:x2", "y:_cons", "x2:x1", "x2:z1", "x2:z2", "x2:_cons", "c_x2:_cons"),
                  b = th, se = sqrt(diag(V)), se_gmmpkg = sqrt(diag(vcov(f))))
write.csv(out, "ivpoisson_cfunction_values.csv", row.names = FALSE)
print(out, digits = 10)
