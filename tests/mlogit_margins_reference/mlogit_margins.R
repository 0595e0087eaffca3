# Reference values of margins after mlogit (tests/test_margins_after_mlogit.py): nnet::multinom's
# fit (its own parametrisation, outcome 1 the base: margins and their delta-method SEs do not
# depend on which outcome is the base) and numDeriv's Richardson Jacobians of each margin in the
# coefficients; SE = sqrt(J V J'), V = vcov(multinom) (the inverse observed information).
# Run: Rscript mlogit_margins.R > values.txt (data.csv from make_data.py).
suppressMessages({library(nnet); library(numDeriv)})
d <- read.csv("data.csv")
d$g <- factor(d$g)
K <- 3
fit_of <- function(formula) {
  f <- multinom(formula, data = d, Hess = TRUE, trace = FALSE, reltol = 1e-14, abstol = 1e-14, maxit = 5000)
  list(fit = f, theta = as.vector(t(coef(f))), V = vcov(f), formula = formula)
}
design <- function(m, data) model.matrix(delete.response(terms(m$formula)), data)
probs <- function(m, theta, X) {
  B <- matrix(theta, ncol = K - 1)          # columns: outcomes 2..K
  eta <- cbind(0, X %*% B)
  e <- exp(eta - apply(eta, 1, max))
  e / rowSums(e)
}
show <- function(name, value, se) cat(sprintf("%s %.12g %.12g\n", name, value, se))
delta <- function(name, m, f) {             # f(theta) -> the margin
  J <- jacobian(f, m$theta)
  show(name, f(m$theta), sqrt(drop(J %*% m$V %*% t(J))))
}
with_data <- function(data, ...) { for (a in names(list(...))) data[[a]] <- list(...)[[a]]; data }
pr_mean <- function(m, k, data) function(th) mean(probs(m, th, design(m, data))[, k])
dydx <- function(m, k, v, data, h = 1e-5) function(th) {
  up <- data; dn <- data; up[[v]] <- up[[v]] + h; dn[[v]] <- dn[[v]] - h
  mean((probs(m, th, design(m, up))[, k] - probs(m, th, design(m, dn))[, k]) / (2 * h))
}
level <- function(data, l) { data$g <- factor(rep(l, nrow(data)), levels = levels(d$g)); data }

m <- fit_of(y ~ x + g + z)
cat("# y ~ x + i.g + z: coefficients (outcome 1 base)\n")
cat(sprintf("coef %s %.12g\n", rep(colnames(coef(m$fit)), each = 1), t(coef(m$fit))), sep = "")
delta("pr1", m, pr_mean(m, 1, d))
delta("pr3", m, pr_mean(m, 3, d))
delta("dydx_x_pr1", m, dydx(m, 1, "x", d))
for (v in c("x", "z")) delta(paste0("dydx_", v, "_pr3"), m, dydx(m, 3, v, d))
for (l in c("2", "3")) delta(paste0("dydx_", l, "g_pr3"), m,
  function(th) pr_mean(m, 3, level(d, l))(th) - pr_mean(m, 3, level(d, "1"))(th))
for (l in c("2", "3")) delta(paste0("r", l, "vs1_g_pr2"), m,
  function(th) pr_mean(m, 2, level(d, l))(th) - pr_mean(m, 2, level(d, "1"))(th))
for (a in c(0, 1)) delta(paste0("at_x", a, "_pr2"), m, pr_mean(m, 2, with_data(d, x = a)))
# atmeans: every design column (the factor's indicators too) at its mean
Xbar <- matrix(colMeans(design(m, d)), nrow = 1)
delta("atmeans_pr1", m, function(th) probs(m, th, Xbar)[1, 1])
delta("atmeans_xb3_base2", m, function(th) { B <- matrix(th, ncol = K - 1); drop(Xbar %*% (B[, 2] - B[, 1])) })
delta("eyex_x_pr1", m, function(th) {
  h <- 1e-5; up <- d; dn <- d; up$x <- up$x + h; dn$x <- dn$x - h
  p <- probs(m, th, design(m, d))[, 1]
  dp <- (probs(m, th, design(m, up))[, 1] - probs(m, th, design(m, dn))[, 1]) / (2 * h)
  mean(dp * d$x / p)
})
# vce(unconditional): u_i = (p_i - pbar)/N + J IF_i, IF_i = V s_i; variance N/(N-1) sum u_i^2
# (the test fits mlogit with vce(robust), which margins requires; IF_i takes the model-based V)
X <- design(m, d); N <- nrow(X)
P <- probs(m, m$theta, X)
Y <- outer(d$y, 1:K, "==") * 1
S <- do.call(cbind, lapply(2:K, function(k) X * (Y[, k] - P[, k])))
IF <- S %*% m$V
for (a in c(0, 1)) {
  f <- pr_mean(m, 2, with_data(d, x = a)); J <- jacobian(f, m$theta)
  p <- probs(m, m$theta, design(m, with_data(d, x = a)))[, 2]
  u <- (p - mean(p)) / N + drop(IF %*% t(J))
  show(paste0("uncond_at_x", a, "_pr2"), mean(p), sqrt(N / (N - 1) * sum(u^2)))
}

mi <- fit_of(y ~ x * g + z)
cat("# y ~ c.x##i.g + z\n")
for (l in c("1", "2", "3")) delta(paste0("int_dydx_x_at_g", l, "_pr3"), mi, dydx(mi, 3, "x", level(d, l)))
for (l in c("1", "2", "3")) {
  sub <- d[d$g == l, ]
  delta(paste0("int_over_g", l, "_pr3"), mi, pr_mean(mi, 3, sub))
}

# fweights fw = 1 + mod(_n, 3): the fit and the margins weighted by fw
d$fw <- 1 + (seq_len(nrow(d)) %% 3)
mw <- list(fit = multinom(y ~ x + g + z, data = d, weights = fw, Hess = TRUE, trace = FALSE,
                          reltol = 1e-14, abstol = 1e-14, maxit = 5000), formula = y ~ x + g + z)
mw$theta <- as.vector(t(coef(mw$fit))); mw$V <- vcov(mw$fit)
cat("# [fw=fw]\n")
delta("fw_pr3", mw, function(th) weighted.mean(probs(mw, th, design(mw, d))[, 3], d$fw))
delta("fw_dydx_x_pr1", mw, function(th) {
  h <- 1e-5; up <- d; dn <- d; up$x <- up$x + h; dn$x <- dn$x - h
  weighted.mean((probs(mw, th, design(mw, up))[, 1] - probs(mw, th, design(mw, dn))[, 1]) / (2 * h), d$fw)
})

# vce(cluster cl), cl = floor((_n - 1) / 10) + 1: V = (-H)^-1 (G/(G-1) sum_c s_c s_c') (-H)^-1;
# vce(unconditional): u_c = sum over the cluster of u_i, variance G/(G-1) sum u_c^2
cl <- (seq_len(nrow(d)) - 1) %/% 10 + 1; G <- max(cl)
Sc <- rowsum(S, cl)
mc <- m; mc$V <- m$V %*% (G / (G - 1) * crossprod(Sc)) %*% m$V
cat("# vce(cluster cl)\n")
delta("cl_dydx_z_pr1", mc, dydx(mc, 1, "z", d))
f <- dydx(mc, 1, "z", d); J <- jacobian(f, m$theta)
h <- 1e-5; up <- d; dn <- d; up$z <- up$z + h; dn$z <- dn$z - h
dp <- (probs(m, m$theta, design(m, up))[, 1] - probs(m, m$theta, design(m, dn))[, 1]) / (2 * h)
u <- (dp - mean(dp)) / N + drop(IF %*% t(J))
show("cl_uncond_dydx_z_pr1", mean(dp), sqrt(G / (G - 1) * sum(rowsum(u, cl)^2)))

# [pw=fw], vce(unconditional): u_i = w_i (d_i - dbar) / W + J IF_i, IF_i = (-H_w)^-1 w_i s_i
# ((-H_w)^-1 the fweighted fit's vcov), variance N/(N-1) sum u_i^2
cat("# [pw=fw] vce(unconditional)\n")
w <- d$fw; W <- sum(w)
Pw <- probs(mw, mw$theta, X)
Sw <- do.call(cbind, lapply(2:K, function(k) X * (Y[, k] - Pw[, k]))) * w
IFw <- Sw %*% mw$V
fdx <- function(th) {
  up <- d; dn <- d; up$x <- up$x + 1e-5; dn$x <- dn$x - 1e-5
  (probs(mw, th, design(mw, up))[, 1] - probs(mw, th, design(mw, dn))[, 1]) / 2e-5
}
J <- jacobian(function(th) weighted.mean(fdx(th), w), mw$theta)
dx <- fdx(mw$theta)
u <- w * (dx - weighted.mean(dx, w)) / W + drop(IFw %*% t(J))
show("pw_uncond_dydx_x_pr1", weighted.mean(dx, w), sqrt(N / (N - 1) * sum(u^2)))
