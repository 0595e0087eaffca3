# An independent GEE fit written from [XT] xtgee's Methods and formulas (sourced by
# gee_correlations_reference.R and ../graphs_reference/fpfit_grouped_options.R):
#   phi = sum w r^2 / (N or N - p with nmp), r the Pearson residuals;
#   exchangeable alpha = [sum_i w_i sum_{s<t} r_is r_it / (sum_i w_i n_i (n_i - 1)/2 - p with nmp)] / phi
#     (xtgee.ado: the pairs' count cF less nmp * p);
#   ar g, stationary g: alpha_j = sum_i w_i/n_i sum_t r_it r_i,t+j / sum_i w_i/n_i sum_t r_it^2;
#     stationary R = alpha_|s-t| up to lag g, 0 beyond; ar: the AR(g) autocorrelations
#     (Yule-Walker coefficients, then rho_k = sum_j a_j rho_{k-j});
#   unstructured/nonstationary g: R_st = [sum r_is r_it / N_st] / phi, 0 beyond lag g;
#   fixed: the given matrix;
#   conventional V = scale H^-1 (scale phi for gaussian/gamma/igaussian, 1 otherwise);
#   robust V = H^-1 [sum_i c_i u_i u_i'] H^-1, c_i = w_i (fweights) or w_i^2 (pweights),
#   times (N-1)/(N-p) with rgf.
# Time positions: t - min t; "force" takes each panel's observations as consecutive.
nbfam <- function(k) {  # negative binomial with fixed k, log link
  f <- poisson()
  f$variance <- function(mu) mu + k * mu^2
  f
}

ar_rho <- function(alpha, T) {  # alpha = (1, alpha_1..alpha_g)
  g <- length(alpha) - 1
  a <- solve(toeplitz(alpha[1:g]), alpha[2:(g + 1)])
  rho <- alpha
  if (T > g + 1) for (k in (g + 2):T) rho[k] <- sum(a * rho[(k - 1):(k - g)])
  rho[1:T]
}

working_R <- function(kind, g, r, id, pos, T, phi, w, fixedR, nmp_p = 0) {
  ids <- unique(id)
  if (kind == "independent") return(diag(T))
  if (kind == "fixed") return(fixedR)
  if (kind == "exchangeable") {
    num <- 0; den <- 0
    for (i in ids) { k <- id == i; ri <- r[k]; wi <- w[k][1]
      num <- num + wi * (sum(ri)^2 - sum(ri^2)); den <- den + wi * length(ri) * (length(ri) - 1) }
    a <- (num / 2) / (den / 2 - nmp_p) / phi
    R <- matrix(a, T, T); diag(R) <- 1; return(R)
  }
  if (kind %in% c("ar", "stationary")) {
    s <- numeric(g + 1)
    for (i in ids) { k <- id == i; wi <- w[k][1]; n <- sum(k)
      series <- numeric(T + g); series[pos[k] - min(pos[k]) + 1] <- r[k]
      for (j in 0:g) s[j + 1] <- s[j + 1] + wi / n * sum(series[1:T] * series[(1 + j):(T + j)]) }
    alpha <- s / s[1]
    rho <- if (kind == "ar") ar_rho(alpha, T) else c(alpha, rep(0, max(T - g - 1, 0)))[1:T]
    return(toeplitz(rho))
  }
  S <- matrix(0, T, T); C <- matrix(0, T, T)
  for (i in ids) { k <- id == i; ti <- pos[k] + 1; wi <- w[k][1]
    S[ti, ti] <- S[ti, ti] + wi * outer(r[k], r[k]); C[ti, ti] <- C[ti, ti] + wi }
  R <- ifelse(C > 0, S / C, 0) / phi
  diag(R) <- 1
  if (kind == "nonstationary") R[abs(outer(1:T, 1:T, "-")) > g] <- 0
  R
}

gee_fit <- function(dd, yv, fam, kind, ...) gee_fit_X(dd[[yv]], cbind(1, dd$x, dd$z), dd$id, dd$t, fam, kind, ...)

gee_fit_X <- function(y, X, id, time, fam, kind, g = 1, trials = NULL, force = FALSE, fixedR = NULL, w = NULL,
                      wkind = "fweight", nmp = FALSE, rgf = FALSE, scale_phi = FALSE, offset = NULL) {
  off <- if (is.null(offset)) rep(0, length(y)) else offset
  N <- nrow(X); p <- ncol(X)
  m <- if (is.null(trials)) rep(1, N) else trials
  w <- if (is.null(w)) rep(1, N) else w
  pos <- if (force) ave(seq_len(N), id, FUN = function(v) seq_along(v) - 1) else time - min(time)
  T <- if (kind %in% c("exchangeable", "independent")) max(table(id)) else max(pos) + 1
  if (kind %in% c("exchangeable", "independent")) pos <- ave(seq_len(N), id, FUN = function(v) seq_along(v) - 1)
  # independence GLM start
  st <- glm.fit(X, y / m, weights = w * m, family = fam, offset = off,
                control = glm.control(epsilon = 1e-14, maxit = 200))
  b <- st$coefficients
  pieces <- function(b) {
    eta <- drop(X %*% b) + off; mu <- m * fam$linkinv(eta); d <- m * fam$mu.eta(eta)
    v <- m * fam$variance(mu / m)   # binomial with m trials: m p (1 - p)
    if (is.null(trials)) v <- fam$variance(mu)
    list(mu = mu, d = d, v = v, r = (y - mu) / sqrt(v))
  }
  for (it in 1:500) {
    P <- pieces(b)
    phi <- sum(w * P$r^2) / (sum(w) - if (nmp) p else 0)
    R <- working_R(kind, g, P$r, id, pos, T, phi, w, fixedR, if (nmp) p else 0)
    H <- matrix(0, p, p); U <- numeric(p)
    for (i in unique(id)) { k <- id == i; ti <- pos[k] + 1
      Vi <- R[ti, ti, drop = FALSE] * outer(sqrt(P$v[k]), sqrt(P$v[k]))
      Di <- P$d[k] * X[k, , drop = FALSE]
      H <- H + w[k][1] * t(Di) %*% solve(Vi, Di); U <- U + w[k][1] * drop(t(Di) %*% solve(Vi, y[k] - P$mu[k])) }
    step <- solve(H, U); b <- b + step
    if (max(abs(step)) < 1e-13) break
  }
  P <- pieces(b)
  phi <- sum(w * P$r^2) / (sum(w) - if (nmp) p else 0)
  R <- working_R(kind, g, P$r, id, pos, T, phi, w, fixedR, if (nmp) p else 0)
  H <- matrix(0, p, p); M <- matrix(0, p, p)
  for (i in unique(id)) { k <- id == i; ti <- pos[k] + 1
    Vi <- R[ti, ti, drop = FALSE] * outer(sqrt(P$v[k]), sqrt(P$v[k]))
    Di <- P$d[k] * X[k, , drop = FALSE]
    H <- H + w[k][1] * t(Di) %*% solve(Vi, Di)
    u <- drop(t(Di) %*% solve(Vi, y[k] - P$mu[k]))
    M <- M + (if (wkind == "pweight") w[k][1]^2 else w[k][1]) * outer(u, u) }
  Hi <- solve(H)
  Vr <- Hi %*% M %*% Hi
  if (rgf) Vr <- Vr * (sum(w) - 1) / (sum(w) - p)
  scale <- if (scale_phi) phi else 1
  list(b = unname(b), se_conventional = unname(sqrt(diag(scale * Hi))), se_robust = unname(sqrt(diag(Vr))),
       R = unname(R), phi = phi, V_conventional = unname(scale * Hi), V_robust = unname(Vr))
}

