# Reference values for a melogit fit whose random slope and intercept correlate at +1
# (data: corr_boundary.csv from make_corr_boundary_data.py; used by
# tests/test_glmm_corr_boundary.py).  Run: Rscript corr_boundary_reference.R
#
# 1. The 7-point mean-variance adaptive Gauss-Hermite log likelihood (Stata's mvaghermite,
#    product rule over the two random effects) written out here, independently of mlm:
#    per group the posterior mean m and covariance C of the whitened effects u (b = L u,
#    L L' = Sigma) are iterated to their fixed point, nodes u = m + chol(C) t.  It is
#    maximised with optim over beta and the Cholesky factor of Sigma (which can reach the
#    boundary L22 = 0, a correlation of exactly 1), and evaluated at exactly corr = 1.
# 2. lme4::glmer (Laplace) on the same model: its fit is singular (corr = 1) too.
suppressMessages({library(lme4); library(jsonlite)})
d <- read.csv("corr_boundary.csv")
X <- cbind(x = d$x, w = d$w, `_cons` = 1)
Z <- cbind(x = d$x, `_cons` = 1)
y <- d$y
groups <- split(seq_len(nrow(d)), d$g)

gh <- function(n) {  # Golub-Welsch: nodes/weights for the standard normal density
  J <- matrix(0, n, n)
  for (i in seq_len(n - 1)) J[i, i + 1] <- J[i + 1, i] <- sqrt(i)
  e <- eigen(J, symmetric = TRUE)
  list(t = e$values, w = e$vectors[1, ]^2)
}
rule1 <- gh(7)
Tn <- as.matrix(expand.grid(rule1$t, rule1$t))           # 49 x 2 product nodes
Wn <- as.vector(outer(rule1$w, rule1$w))
logphi_t <- -0.5 * rowSums(Tn^2) - log(2 * pi)

group_ll <- function(idx, eta0, L, tol = 1e-12) {
  Zg <- Z[idx, , drop = FALSE] %*% L                        # design in u
  yg <- y[idx]
  m <- c(0, 0); R <- diag(2)
  for (it in 1:500) {
    U <- sweep(Tn %*% t(R), 2, m, "+")                      # 49 x 2 nodes u_k
    E <- outer(eta0[idx], rep(1, nrow(U))) + Zg %*% t(U)    # n_g x 49
    lf <- colSums(yg * E - log1p(exp(E)))
    a <- log(Wn) + lf - 0.5 * rowSums(U^2) - log(2 * pi) - logphi_t
    mx <- max(a); p <- exp(a - mx); s <- sum(p); p <- p / s
    ll <- log(abs(det(R))) + mx + log(s)
    mn <- colSums(p * U)
    D <- sweep(U, 2, mn, "-")
    C <- crossprod(D * sqrt(p))
    Rn <- t(chol(C))
    delta <- max(abs(mn - m) / sqrt(diag(C)), abs(Rn - R) / sqrt(diag(C)))
    m <- mn; R <- Rn
    if (delta < tol) break
  }
  ll
}
loglik <- function(beta, L) {
  eta0 <- as.vector(X %*% beta)
  sum(vapply(groups, group_ll, 0.0, eta0 = eta0, L = L))
}
chol_of <- function(v) matrix(c(v[1], v[2], 0, v[3]), 2, 2)  # lower triangular
negll <- function(par) -loglik(par[1:3], chol_of(par[4:6]))

start <- c(0.18, 0.70, -0.58, 0.58, 0.79, 0.01)
opt <- optim(start, negll, method = "BFGS", control = list(reltol = 1e-14, maxit = 500))
opt <- optim(opt$par, negll, method = "Nelder-Mead", control = list(reltol = 1e-15, maxit = 4000))
Lhat <- chol_of(opt$par[4:6])
S <- Lhat %*% t(Lhat)
# the boundary itself: L22 = 0 (corr exactly 1), the other parameters re-maximised
opt1 <- optim(opt$par[1:5], function(p) negll(c(p, 0)), method = "BFGS",
              control = list(reltol = 1e-15, maxit = 500))

# mlm's estimates (e(b) of `melogit y x w || g: x, cov(un)`), evaluated here
mlm_b <- c(0.181657762504739889, 0.695082035627102024, -0.582075643779210061)
mlm_S <- matrix(c(0.33648662649835398, 0.458342697509366126, 0.458342697509366126, 0.624328022419047057), 2)
sd <- sqrt(diag(mlm_S))
mlm_L <- diag(sd) %*% matrix(c(1, 1, 0, 0), 2)           # corr 1 to the printed digits
ll_at_mlm <- loglik(mlm_b, mlm_L)

g <- glmer(y ~ x + w + (1 + x | g), data = d, family = binomial, nAGQ = 1,
           control = glmerControl(optimizer = "bobyqa", optCtrl = list(maxfun = 1e5)))
vc <- as.data.frame(VarCorr(g))

out <- list(
  data = "corr_boundary.csv",
  model = "melogit y x w || g: x, cov(un)  (mvaghermite, 7 points)",
  aghq7 = list(ll = -opt$value, beta = opt$par[1:3],
               var_x = S[1, 1], var_cons = S[2, 2], cov = S[1, 2],
               corr = S[1, 2] / sqrt(S[1, 1] * S[2, 2])),
  aghq7_corr1 = list(ll = -opt1$value, beta = opt1$par[1:3]),
  aghq7_at_mlm_estimates = ll_at_mlm,
  glmer_laplace = list(ll = as.numeric(logLik(g)), beta = unname(fixef(g)),
                       corr = vc$sdcor[3], singular = isSingular(g))
)
write_json(out, "corr_boundary_reference.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
print(out)
