# margins after glm and xtpoisson, re: average predictions, average derivatives and their
# delta-method SEs computed by hand from R's fits (no emmeans).  Writes the data set
# glm_xtpoisson_margins.csv and the values glm_xtpoisson_margins.json next to this script.
# Run: Rscript tests/reference_values/glm_xtpoisson_margins.R
set.seed(20261203)
n <- 240
x <- round(rnorm(n), 4)
f <- sample(1:3, n, TRUE)
t <- round(runif(n, 0.5, 2), 4)
m <- sample(2:8, n, TRUE)
g <- rep(1:30, each = 8)
y <- rpois(n, t * exp(0.2 + 0.4 * x + 0.3 * (f == 2) - 0.2 * (f == 3)))
k <- rbinom(n, m, pnorm(-0.3 + 0.5 * x + 0.4 * (f == 2)))
nu <- rgamma(30, shape = 2, rate = 2)
yp <- rpois(n, nu[g] * t * exp(0.1 + 0.5 * x))
d <- data.frame(x = x, f = f, t = t, m = m, g = g, y = y, k = k, yp = yp)
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
write.csv(d, file.path(here, "glm_xtpoisson_margins.csv"), row.names = FALSE)

X <- cbind(x = x, f2 = as.numeric(f == 2), f3 = as.numeric(f == 3), cons = 1)
dm <- function(value, J, V) c(value, sqrt(drop(t(J) %*% V %*% J)))
jac <- function(fn, b, h = 1e-6) sapply(seq_along(b), function(j) {
  e <- replace(numeric(length(b)), j, h); (fn(b + e) - fn(b - e)) / (2 * h) })
out <- list()

# A: glm y x i.f, family(poisson) exposure(t)
A <- glm(y ~ x + factor(f) + offset(log(t)), family = poisson, control = glm.control(epsilon = 1e-12))
bA <- coef(A)[c(2, 3, 4, 1)]; VA <- vcov(A)[c(2, 3, 4, 1), c(2, 3, 4, 1)]
mu <- function(b, Xs = X) t * exp(drop(Xs %*% b))
out$A_b <- unname(bA)
out$A_margin <- dm(mean(mu(bA)), colMeans(mu(bA) * X), VA)
out$A_xb <- dm(mean(drop(X %*% bA) + log(t)), colMeans(X), VA)
for (lev in 1:3) {
  Xl <- X; Xl[, "f2"] <- as.numeric(lev == 2); Xl[, "f3"] <- as.numeric(lev == 3)
  out[[paste0("A_f", lev)]] <- dm(mean(mu(bA, Xl)), colMeans(mu(bA, Xl) * Xl), VA)
}
ameA <- function(b) mean(mu(b) * b[1])
out$A_dydx <- dm(ameA(bA), jac(ameA, bA), VA)

# B: glm k x i.f, family(binomial m) link(probit); Stata's OIM variance: the observed
# information (the analytic score's numerical Jacobian), not R's expected one
B <- glm(cbind(k, m - k) ~ x + factor(f), family = binomial(link = "probit"),
         control = glm.control(epsilon = 1e-13, maxit = 100))
bB <- coef(B)[c(2, 3, 4, 1)]
score <- function(b) { eta <- drop(X %*% b); p <- pnorm(eta); colSums((k - m * p) * dnorm(eta) / (p * (1 - p)) * X) }
VB <- solve(-jac(score, bB))
out$B_b <- unname(bB); out$B_se <- sqrt(diag(VB))
muB <- function(b) m * pnorm(drop(X %*% b))
out$B_margin <- dm(mean(muB(bB)), colMeans(m * dnorm(drop(X %*% bB)) * X), VB)
ameB <- function(b) mean(m * dnorm(drop(X %*% b)) * b[1])
out$B_dydx <- dm(ameB(bB), jac(ameB, bB), VB)

# C: xtpoisson yp x, re exposure(t) (gamma random effects): the closed-form likelihood
Xc <- cbind(x = x, cons = 1)
llC <- function(th) {
  b <- th[1:2]; a <- exp(th[3]); theta <- 1 / a
  lam <- t * exp(drop(Xc %*% b))
  Y <- tapply(yp, g, sum); L <- tapply(lam, g, sum)
  sum(yp * log(lam) - lgamma(yp + 1)) + sum(lgamma(theta + Y) - lgamma(theta) + theta * log(theta)
                                            - (theta + Y) * log(theta + L))
}
grC <- function(th) {  # the analytic gradient (b, ln alpha)
  b <- th[1:2]; a <- exp(th[3]); theta <- 1 / a
  lam <- t * exp(drop(Xc %*% b))
  Y <- tapply(yp, g, sum); L <- tapply(lam, g, sum)
  r <- as.numeric(((theta + Y) / (theta + L))[as.character(g)])
  gb <- colSums((yp - r * lam) * Xc)
  ga <- -theta * sum(digamma(theta + Y) - digamma(theta) + log(theta) + 1 - log(theta + L) - (theta + Y) / (theta + L))
  c(gb, ga)
}
opt <- optim(c(0, 0, 0), function(th) -llC(th), function(th) -grC(th), method = "BFGS",
             control = list(reltol = 1e-15, maxit = 1000))
thC <- opt$par
for (i in 1:20) thC <- thC - solve(optimHess(thC, llC, grC), grC(thC))  # Newton to the top
VC <- solve(-optimHess(thC, llC, grC))[1:2, 1:2]
bC <- thC[1:2]
out$C_b <- bC; out$C_lnalpha <- thC[3]; out$C_ll <- llC(thC)
out$C_xb <- dm(mean(drop(Xc %*% bC) + log(t)), colMeans(Xc), VC)
nuC <- function(b) t * exp(drop(Xc %*% b))
out$C_nu0 <- dm(mean(nuC(bC)), colMeans(nuC(bC) * Xc), VC)
irC <- exp(drop(Xc %*% bC))
out$C_iru0 <- dm(mean(irC), colMeans(irC * Xc), VC)
out$C_dydx_nu0 <- dm(mean(nuC(bC)) * bC[1], colMeans(nuC(bC) * Xc) * bC[1] + c(mean(nuC(bC)), 0), VC)

json <- paste0("{\n", paste(sprintf('  "%s": [%s]', names(out),
  sapply(out, function(v) paste(sprintf("%.15g", v), collapse = ", "))), collapse = ",\n"), "\n}\n")
writeLines(json, file.path(here, "glm_xtpoisson_margins.json"), sep = "")
