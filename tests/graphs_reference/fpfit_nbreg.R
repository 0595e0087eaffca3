# Reference values for tests/test_graphs_fpfit_estcmd.py: twoway fpfit/fpfitci with
# estcmd(nbreg) (NB2, nbreg's default mean dispersion).  fracpoly's degree-2 search as in
# fpfit_estcmd.R: each pair of powers from S by its deviance -2 ll, ll the negative binomial
# likelihood maximised over b and alpha together (MASS::glm.nb); the final model's terms centred
# at the mean of x; fracpred's linear predictor x b at the distinct x and its stdp from nbreg's V,
# the inverse of the observed information of (b, ln alpha) together (a central-difference
# Hessian of the log likelihood written out below, Richardson-extrapolated; glm.nb's vcov holds alpha fixed).
# Run in this folder: Rscript fpfit_nbreg.R > fpfit_nbreg.json
suppressMessages(library(MASS))
set.seed(20261205)
n <- 90
x <- round(runif(n, 0.5, 6), 1)
y <- rnbinom(n, mu = exp(0.2 + 0.6 * log(x)), size = 1.5)
source("fp_terms.R")  # S, terms(), the scaled z
control <- glm.control(epsilon = 1e-14, maxit = 200)
bestdev <- Inf
for (i in seq_along(S)) for (j in i:length(S)) {
  p <- c(S[i], S[j])
  fit <- glm.nb(y ~ terms(z, p), control = control)
  d <- -fit$twologlik
  if (d < bestdev - 1e-9) { bestdev <- d; bp <- p }
}
centre <- terms(mean(z), bp)
X <- cbind(1, sweep(terms(z, bp), 2, centre))
fit <- glm.nb(y ~ X - 1, control = control)
loglik <- function(par) {
  b <- par[seq_len(ncol(X))]
  m <- exp(-par[ncol(X) + 1])  # 1 / alpha
  mu <- exp(as.vector(X %*% b))
  sum(lgamma(y + m) - lgamma(m) - lgamma(y + 1) + m * log(m / (m + mu)) + y * log(mu / (m + mu)))
}
theta <- c(coef(fit), -log(fit$theta))  # (b, ln alpha)
k <- length(theta)
hessian <- function(h) {
  H <- matrix(0, k, k)
  for (a in 1:k) for (b in 1:k) {
    ea <- replace(numeric(k), a, h)
    eb <- replace(numeric(k), b, h)
    H[a, b] <- (loglik(theta + ea + eb) - loglik(theta + ea - eb) - loglik(theta - ea + eb) +
                loglik(theta - ea - eb)) / (4 * h * h)
  }
  H
}
H <- (4 * hessian(1e-4) - hessian(2e-4)) / 3  # Richardson: the h^2 error of the differences removed
V <- solve(-H)[1:ncol(X), 1:ncol(X)]
at <- sort(unique(x))
X0 <- cbind(1, sweep(terms(at / scale, bp), 2, centre))
xb <- as.vector(X0 %*% coef(fit))
se <- sqrt(rowSums((X0 %*% V) * X0))
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
cat("{\n")
cat(sprintf('  "x": [%s],\n  "y": [%s],\n', num(x), num(y)))
cat(sprintf('  "nbreg": {"powers": [%s], "at": [%s], "xb": [%s], "se": [%s], "lnalpha": %.17g}\n',
            num(bp), num(at), num(xb), num(se), theta[k]))
cat("}\n")
