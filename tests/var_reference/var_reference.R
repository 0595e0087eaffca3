# Independent reference values for mlmcli's var, varsoc, vargranger, varstable, varlmar,
# varnorm and varwle (tests/test_var.py).  Base R only (lm(), det(), chol(), eigen()): the vars
# package is not packaged for this machine.  Conventions bridged to Stata's var: Sigma_ml has
# divisor T (dfk: T - m); V = Sigma kron (X'X)^-1; ll = -T/2 (K ln 2pi + ln|Sigma_ml| + K).
# Run: Rscript var_reference.R > var_reference.txt   (lines "key value")
d <- read.csv("var_data.csv")
out <- function(key, v) for (i in seq_along(v)) cat(sprintf("%s%s %.15g\n", key, if (length(v) > 1) paste0("[", i, "]") else "", v[i]))
lagm <- function(v, k) c(rep(NA, k), head(v, -k))

# design of a VAR on rows `rows` (indices into d) with lags `lags`, exog columns, constant
design <- function(ynames, lags, exog = NULL, cons = TRUE, first = max(lags) + 1) {
  X <- NULL; nm <- NULL
  for (y in ynames) for (l in lags) { X <- cbind(X, lagm(d[[y]], l)); nm <- c(nm, paste0("L", l, ".", y)) }
  for (x in exog) { X <- cbind(X, d[[x]]); nm <- c(nm, x) }
  if (cons) { X <- cbind(X, 1); nm <- c(nm, "_cons") }
  colnames(X) <- nm
  rows <- first:nrow(d)
  list(X = X[rows, , drop = FALSE], Y = as.matrix(d[rows, ynames]), rows = rows)
}

fitvar <- function(D, cons = TRUE, dfk = FALSE, nlags, lut = FALSE) {
  X <- D$X; Y <- D$Y; T <- nrow(Y); K <- ncol(Y); m <- ncol(X)
  fits <- lapply(seq_len(K), function(i) lm(Y[, i] ~ X - 1))
  B <- do.call(rbind, lapply(fits, coef)); U <- sapply(fits, residuals)
  S <- crossprod(U) / T; dml <- det(S)
  Sg <- if (dfk) S * T / (T - m) else S
  V <- kronecker(Sg, solve(crossprod(X)))
  ll <- -T / 2 * (K * log(2 * pi) + log(dml) + K)
  fpe <- ((T + m) / (T - m))^K * dml
  if (lut) { base <- log(dml); np <- nlags * K^2 } else { base <- -2 * ll / T; np <- K * m }
  ic <- c(base + 2 * np / T, base + 2 * log(log(T)) / T * np, base + log(T) / T * np)
  eq <- lapply(seq_len(K), function(i) {
    s <- summary(fits[[i]]); e <- U[, i]; y <- Y[, i]
    r2 <- if (cons) 1 - sum(e^2) / sum((y - mean(y))^2) else 1 - sum(e^2) / sum(y^2)
    idx <- if (cons) seq_len(m - 1) else seq_len(m)
    b <- B[i, idx]; Vi <- V[(i - 1) * m + idx, (i - 1) * m + idx]
    c(sqrt(sum(e^2) / (T - m)), r2, if (length(idx)) drop(t(b) %*% solve(Vi, b)) else NA, length(idx))
  })
  list(B = B, V = V, U = U, S = S, Sg = Sg, T = T, K = K, m = m, ll = ll, fpe = fpe, dml = dml, ic = ic, eq = eq, X = X)
}

wald <- function(f, idx) { b <- as.vector(t(f$B))[idx]; drop(t(b) %*% solve(f$V[idx, idx], b)) }

# ---- A: var y1 y2 y3 (lags 1 2)
ys <- c("y1", "y2", "y3")
A <- fitvar(design(ys, 1:2), nlags = 2)
out("A_b", as.vector(t(A$B))); out("A_se", sqrt(diag(A$V)))
out("A_ll", A$ll); out("A_fpe", A$fpe); out("A_detsig_ml", A$dml); out("A_ic", A$ic)
for (i in 1:3) out(paste0("A_eq", i), A$eq[[i]])
# Granger: equation i, excluded j (lags 1 2 of y_j), then ALL others
m <- A$m
for (i in 1:3) {
  for (j in setdiff(1:3, i)) out(paste0("A_granger_", i, "_", j), wald(A, (i - 1) * m + (j - 1) * 2 + 1:2))
  out(paste0("A_granger_", i, "_all"), wald(A, (i - 1) * m + unlist(lapply(setdiff(1:3, i), function(j) (j - 1) * 2 + 1:2))))
}
# companion eigenvalues
C <- matrix(0, 6, 6)
for (i in 1:3) for (j in 1:3) for (l in 1:2) C[i, (l - 1) * 3 + j] <- A$B[i, (j - 1) * 2 + l]
C[4:6, 1:3] <- diag(3)
ev <- eigen(C)$values
out("A_eig_mod", sort(Mod(ev), decreasing = TRUE))
# varwle: lag l, equation i (df 3) and all equations (df 9)
for (l in 1:2) {
  pos <- function(i) (i - 1) * m + (0:2) * 2 + l
  for (i in 1:3) out(paste0("A_wle_", l, "_", i), wald(A, pos(i)))
  out(paste0("A_wle_", l, "_all"), wald(A, unlist(lapply(1:3, pos))))
}
# varnorm: w = P^-1 u, P lower Cholesky of e(Sigma)
P <- t(chol(A$Sg)); W <- A$U %*% t(solve(P))
b1 <- colMeans(W^3); b2 <- colMeans(W^4)
out("A_skew", b1); out("A_kurt", b2)
# varlmar: add lag-j residuals (0 before the sample) as exogenous; LM = (T - m_aux - .5) ln(|S| / |S_aux|)
D <- design(ys, 1:2)
for (j in 1:2) {
  R <- apply(A$U, 2, function(u) c(rep(0, j), head(u, -j)))
  Daux <- D; Daux$X <- cbind(D$X[, -ncol(D$X)], R, 1)
  Aux <- fitvar(Daux, nlags = 2)
  out(paste0("A_lmar_", j), (A$T - Aux$m - 0.5) * log(A$dml / det(Aux$S)))
}

# ---- B: var y1 y2, lags(1 3) exog(x) dfk small lutstats
B <- fitvar(design(c("y1", "y2"), c(1, 3), exog = "x"), dfk = TRUE, nlags = 2, lut = TRUE)
out("B_b", as.vector(t(B$B))); out("B_se", sqrt(diag(B$V)))
out("B_ll", B$ll); out("B_fpe", B$fpe); out("B_detsig_ml", B$dml); out("B_ic", B$ic)
for (i in 1:2) out(paste0("B_eq", i), B$eq[[i]])
P <- t(chol(B$Sg)); W <- B$U %*% t(solve(P))
out("B_skew", colMeans(W^3)); out("B_kurt", colMeans(W^4))

# ---- C: var y1 y2, lags(1) noconstant
Cf <- fitvar(design(c("y1", "y2"), 1, cons = FALSE), cons = FALSE, nlags = 1)
out("C_b", as.vector(t(Cf$B))); out("C_se", sqrt(diag(Cf$V)))
for (i in 1:2) out(paste0("C_eq", i), Cf$eq[[i]])
out("C_ll", Cf$ll); out("C_ic", Cf$ic)

# ---- D: varsoc y1 y2 y3, maxlag(4): every model on the rows of the 4-lag model
for (p in 0:4) {
  Dp <- if (p == 0) list(X = matrix(1, nrow(d) - 4, 1), Y = as.matrix(d[5:nrow(d), ys])) else design(ys, 1:p, first = 5)
  f <- fitvar(Dp, nlags = p)
  out(paste0("D_", p), c(f$ll, f$fpe, f$ic))
}

# ---- E: fcast compute f_, step(5) after var y1 y2 (lags 1 2): forecasts from t = 91 and
# _varfcast_fcast.ado's standard errors: Sigma_y(h) + Omega(h)/T with Theta_i = J B_i J',
# B_1 = B, B_(i+1) = B_i B_i (the ado's recursion), V2 = (Z'Z)^-1 kron Sigma.
E <- fitvar(design(c("y1", "y2"), 1:2), nlags = 2)
K <- 2; p <- 2; H <- 5
A1 <- E$B[, c(1, 3)]; A2 <- E$B[, c(2, 4)]; nu <- E$B[, 5]
Y <- as.matrix(d[, c("y1", "y2")]); path <- rbind(Y, matrix(NA, H, 2))
for (h in 1:H) { t <- nrow(d) + h; path[t, ] <- nu + A1 %*% path[t - 1, ] + A2 %*% path[t - 2, ] }
out("E_f1", path[nrow(d) + 1:H, 1]); out("E_f2", path[nrow(d) + 1:H, 2])
Bc <- matrix(0, 5, 5); Bc[1, 1] <- 1; Bc[2:3, 1] <- nu; Bc[2:3, 2:3] <- A1; Bc[2:3, 4:5] <- A2; Bc[4:5, 2:3] <- diag(2)
Jm <- cbind(0, diag(2), matrix(0, 2, 2))
theta <- list(diag(2)); Bi <- Bc
for (i in 1:(H - 1)) { theta[[i + 1]] <- Jm %*% Bi %*% t(Jm); Bi <- Bi %*% Bi }
rows <- 3:nrow(d)
Z <- cbind(1, Y[rows - 1, ], Y[rows - 2, ]); Tn <- length(rows)
V2 <- kronecker(solve(crossprod(Z)), E$S)
mpow <- function(M, k) { R <- diag(nrow(M)); if (k > 0) for (i in 1:k) R <- R %*% M; R }
se <- matrix(0, H, 2)
for (h in 1:H) {
  sig <- Reduce(`+`, lapply(1:h, function(j) theta[[j]] %*% E$S %*% t(theta[[j]])))
  om <- matrix(0, 2, 2)
  for (t in 1:Tn) {
    Q <- Reduce(`+`, lapply(0:(h - 1), function(i) kronecker(t(Z[t, ]) %*% mpow(t(Bc), h - 1 - i), theta[[i + 1]])))
    om <- om + Q %*% V2 %*% t(Q)
  }
  se[h, ] <- sqrt(diag(sig + om / Tn))
}
out("E_se1", se[, 1]); out("E_se2", se[, 2])

# ---- F: irf create base, step(4) after var y1 y2 (lags 1 2): Phi_i, Theta_i = Phi_i P and their
# asymptotic standard errors by Lutkepohl's closed forms (1993, 3.7): Cov(vec Phi_i) = G_i Sa G_i',
# G_i = sum_{m<i} J (A')^(i-1-m) kron Phi_m; Cov(vec Theta_i) = C_i Sa C_i' + Cb_i Ss Cb_i',
# C_i = (P' kron I) G_i, Cb_i = (I kron Phi_i) H, H = L'(L (I + Kkk)(P kron I) L')^-1,
# Ss = 2 D+ (S kron S) D+' / T; Sa from e(V)'s lag coefficients.  fevd: numDeriv's Jacobian of
# an fevd written out here, on the same covariance.
library(numDeriv)
F <- E; K <- 2; p <- 2; H <- 4
A <- cbind(F$B[, c(1, 3)], F$B[, c(2, 4)])        # [A1 A2], K x Kp
lagpos <- function(i, l, j) (i - 1) * F$m + (j - 1) * 2 + l   # position in e(b)
pos <- matrix(0, K, K * p)
for (i in 1:K) for (l in 1:p) for (j in 1:K) pos[i, (l - 1) * K + j] <- lagpos(i, l, j)
Sa <- F$V[as.vector(pos), as.vector(pos)]
S <- F$Sg; P <- t(chol(S)); Tn <- F$T
Ac <- rbind(A, cbind(diag(K * (p - 1)), matrix(0, K * (p - 1), K)))
Jm <- cbind(diag(K), matrix(0, K, K * (p - 1)))
mp <- function(M, k) { R <- diag(nrow(M)); if (k > 0) for (i in 1:k) R <- R %*% M; R }
Phi <- lapply(0:H, function(i) Jm %*% mp(Ac, i) %*% t(Jm))
G <- lapply(0:H, function(i) if (i == 0) matrix(0, K * K, K * K * p) else
  Reduce(`+`, lapply(0:(i - 1), function(m) kronecker(Jm %*% mp(t(Ac), i - 1 - m), Phi[[m + 1]]))))
Lk <- matrix(0, K * (K + 1) / 2, K * K); Dk <- matrix(0, K * K, K * (K + 1) / 2); c <- 0
for (j in 1:K) for (i in j:K) { c <- c + 1; Lk[c, (j - 1) * K + i] <- 1; Dk[(j - 1) * K + i, c] <- 1; Dk[(i - 1) * K + j, c] <- 1 }
Kkk <- matrix(0, K * K, K * K); for (i in 1:K) for (j in 1:K) Kkk[(i - 1) * K + j, (j - 1) * K + i] <- 1
Hm <- t(Lk) %*% solve(Lk %*% (diag(K * K) + Kkk) %*% kronecker(P, diag(K)) %*% t(Lk))
Dp <- solve(t(Dk) %*% Dk) %*% t(Dk)
Ss <- 2 * Dp %*% kronecker(S, S) %*% t(Dp) / Tn
for (i in 0:H) {
  vphi <- diag(G[[i + 1]] %*% Sa %*% t(G[[i + 1]]))
  Ci <- kronecker(t(P), diag(K)) %*% G[[i + 1]]; Cb <- kronecker(diag(K), Phi[[i + 1]]) %*% Hm
  vth <- diag(Ci %*% Sa %*% t(Ci) + Cb %*% Ss %*% t(Cb))
  # vec order: element (response r, impulse k) at (k - 1) K + r
  out(paste0("F_irf_", i), as.vector(Phi[[i + 1]])); out(paste0("F_sirf_", i), sqrt(vphi))
  out(paste0("F_oirf_", i), as.vector(Phi[[i + 1]] %*% P)); out(paste0("F_soirf_", i), sqrt(vth))
}
fevd <- function(par) {
  A_ <- matrix(par[1:(K * K * p)], K, K * p); s <- par[-(1:(K * K * p))]
  S_ <- matrix(0, K, K); c <- 0; for (j in 1:K) for (i in j:K) { c <- c + 1; S_[i, j] <- s[c]; S_[j, i] <- s[c] }
  P_ <- t(chol(S_)); Ac_ <- rbind(A_, cbind(diag(K * (p - 1)), matrix(0, K * (p - 1), K)))
  th <- lapply(0:(H - 1), function(i) Jm %*% mp(Ac_, i) %*% t(Jm) %*% P_)
  acc <- Reduce(`+`, lapply(th, function(x) x^2))       # step H: sum over i < H
  as.vector(acc / rowSums(acc))
}
par0 <- c(as.vector(A), S[lower.tri(S, diag = TRUE)])
Jf <- jacobian(fevd, par0)
Cov <- rbind(cbind(Sa, matrix(0, nrow(Sa), ncol(Ss))), cbind(matrix(0, nrow(Ss), ncol(Sa)), Ss))
out("F_fevd_4", fevd(par0)); out("F_sfevd_4", sqrt(diag(Jf %*% Cov %*% t(Jf))))
