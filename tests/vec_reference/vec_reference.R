# Reference values for tests/test_vec.py: Johansen's procedure on vec_data.csv (lags 2).
# urca's ca.jo (spec = "transitory": the error-correction term is L.y, as Stata's vec) gives the
# eigenvalues, trace statistics and the normalized beta for the trends urca has (ecdet none =
# Stata's constant, const = rconstant, trend = rtrend); the two Stata trends urca lacks (none,
# trend) come from a first-principles reduced-rank regression written here with lm() and eigen().
# The vec quantities use Stata's conventions (_vecu.ado): V = Sigma kron (X'X)^-1 with Sigma the
# residual cross product over T - df, df = floor(parms / K); beta's V =
# H2 (rho kron H'S11H)^-1 H2' / (T - df); the unrestricted constant split by p0 = (a'a)^-1 a' mu0.
# Run: Rscript vec_reference.R > vec_reference.json
suppressMessages(library(urca))
d <- read.csv("vec_data.csv")
Y <- as.matrix(d[, c("y", "x", "z")])
K <- 3; p <- 2
n <- nrow(Y)
dY <- diff(Y)
T <- n - p
Z0 <- dY[p:(n - 1), ]
Z1base <- Y[p:(n - 1), ]
Z2base <- dY[(p - 1):(n - 2), , drop = FALSE]  # LD. of each variable
trendv <- seq_len(T)
johansen <- function(trend) {
  Z1 <- Z1base; Z2 <- Z2base
  if (trend == "rconstant") Z1 <- cbind(Z1, 1)
  if (trend == "rtrend") Z1 <- cbind(Z1, trendv)
  if (trend == "trend") Z2 <- cbind(Z2, trendv)
  if (trend %in% c("constant", "rtrend", "trend")) Z2 <- cbind(Z2, 1)
  R0 <- residuals(lm(Z0 ~ Z2 - 1)); R1 <- residuals(lm(Z1 ~ Z2 - 1))
  S00 <- crossprod(R0) / T; S01 <- crossprod(R0, R1) / T; S11 <- crossprod(R1) / T
  e <- eigen(solve(S11) %*% t(S01) %*% solve(S00) %*% S01)
  lam <- Re(e$values)[1:K]
  ll <- -T / 2 * (K * log(2 * pi) + log(det(S00)) + K) - T / 2 * c(0, cumsum(log(1 - lam)))
  nz1 <- ncol(Z1); nz2 <- ncol(Z2)
  parms <- sapply(0:K, function(r) K * nz2 + (K + nz1 - r) * r)
  trace <- sapply(0:(K - 1), function(r) -T * sum(log(1 - lam[(r + 1):K])))
  b <- Re(e$vectors)[, 1, drop = FALSE]
  beta <- b / b[1, 1]
  alpha <- S01 %*% beta %*% solve(t(beta) %*% S11 %*% beta)
  omega <- S00 - alpha %*% t(beta) %*% t(S01)
  list(lam = lam, ll = ll, parms = parms, trace = trace, maxs = -T * log(1 - lam), beta = beta, alpha = alpha,
       omega = omega, S11 = S11, Z1 = Z1, Z2 = Z2, nz1 = nz1, nz2 = nz2)
}
fmt <- function(x) paste0("[", paste(sprintf("%.12g", x), collapse = ", "), "]")
out <- c()
for (tr in c("none", "rconstant", "constant", "rtrend", "trend")) {
  j <- johansen(tr)
  out <- c(out, sprintf('"%s": {"lambda": %s, "ll": %s, "parms": %s, "trace": %s, "max": %s',
                        tr, fmt(j$lam), fmt(j$ll), fmt(j$parms), fmt(j$trace), fmt(j$maxs)))
  # vec, rank 1
  r <- 1
  parms <- K * j$nz2 + (K + j$nz1 - r) * r; df <- floor(parms / K)
  Z1lag <- j$Z1
  if (tr == "rtrend") Z1lag[, ncol(Z1lag)] <- trendv - 1  # L._ce: the trend one period back
  ce <- Z1lag %*% j$beta
  X <- cbind(ce, j$Z2)
  fit <- lm(Z0 ~ X - 1)
  B <- coef(fit)
  mu_cols <- c()
  if (tr %in% c("constant", "rtrend", "trend")) mu_cols <- c(mu_cols, ncol(X))
  if (tr == "trend") mu_cols <- c(ncol(X) - 1, mu_cols)
  cerows <- j$beta
  if (length(mu_cols)) {
    a <- j$alpha
    shift <- 0
    for (cc in mu_cols) {
      piece <- solve(t(a) %*% a) %*% t(a) %*% B[cc, ]
      v <- if (cc == ncol(X) && tr != "none") rep(1, T) else trendv - 1
      shift <- shift + v * as.numeric(piece)
      cerows <- rbind(cerows, piece)
    }
    if (tr == "rtrend") cerows <- rbind(j$beta, cerows[nrow(cerows), ])
    X <- cbind(ce + shift, j$Z2)
    fit <- lm(Z0 ~ X - 1)
    B <- coef(fit)
  }
  res <- residuals(fit)
  Sigma <- crossprod(res) / (T - df)
  V <- kronecker(Sigma, solve(crossprod(X)))
  se <- sqrt(diag(V))
  omega <- j$omega
  rho <- t(j$alpha) %*% solve(omega) %*% j$alpha
  H <- rbind(matrix(0, r, j$nz1 - r), diag(j$nz1 - r))
  Vb <- solve(kronecker(rho, t(H) %*% j$S11 %*% H)) / (T - df)
  ll <- -T / 2 * (K * log(2 * pi) + log(det(omega)) + K)
  # urca cross-check for the trends it has
  urca <- ""
  ec <- c(constant = "none", rconstant = "const", rtrend = "trend")[tr]
  if (!is.na(ec)) {
    cj <- ca.jo(as.data.frame(Y), type = "trace", ecdet = ec, K = p, spec = "transitory")
    cl <- cajorls(cj, r = 1)
    urca <- sprintf(', "urca_lambda": %s, "urca_trace": %s, "urca_beta": %s', fmt(cj@lambda[1:K]),
                    fmt(rev(cj@teststat)), fmt(cl$beta[, 1]))
  }
  out[length(out)] <- paste0(out[length(out)], sprintf(
    ', "vec": {"b": %s, "se": %s, "beta": %s, "beta_se": %s, "alpha": %s, "ll": %s, "detsig_ml": %s, "rmse": %s, "parms": %d}%s}',
    fmt(t(B)), fmt(matrix(se, ncol(X), K)), fmt(cerows), fmt(sqrt(diag(Vb))), fmt(j$alpha), fmt(ll), fmt(det(omega)),
    fmt(sqrt(colSums(res^2) / (T - ncol(X)))), parms, urca))
}
cat("{", paste(out, collapse = ",\n"), "}\n")
# sindicators(s1 s2 s3): three quarterly indicators (t mod 4 = 1, 2, 3) entered unrestricted, trend
# constant, rank 1 -- ca.jo's dumvar; written to vec_sind_reference.json
S <- sapply(1:3, function(q) as.numeric(d$t %% 4 == q))
colnames(S) <- c("s1", "s2", "s3")
cj <- ca.jo(as.data.frame(Y), type = "trace", ecdet = "none", K = p, spec = "transitory", dumvar = S)
cl <- cajorls(cj, r = 1)
co <- coef(cl$rlm)
writeLines(sprintf('{"lambda": %s, "trace": %s, "beta": %s, "alpha": %s, "sind": %s}', fmt(cj@lambda[1:K]),
                   fmt(rev(cj@teststat)), fmt(cl$beta[, 1]), fmt(co["ect1", ]),
                   fmt(t(co[c("s1", "s2", "s3"), ]))), "vec_sind_reference.json")
