# Reference values of tests/test_ivregress.py, computed from ivdata.csv with AER::ivreg and
# sandwich where they apply, and with the textbook formulas otherwise (Rscript reference.R
# writes reference.json; R is not a test dependency).
suppressMessages({library(AER); library(sandwich); library(jsonlite)})
d <- read.csv("ivdata.csv")
d$region <- factor(d$region)
N <- nrow(d)
out <- list()
wald <- function(b, V, idx) as.numeric(t(b[idx]) %*% solve(V[idx, idx], b[idx]))

# ---- M1: 2sls y x1 (y1 = z1 z2)
m1 <- ivreg(y ~ y1 + x1 | z1 + z2 + x1, data = d)
k <- 3
V1 <- vcov(m1) * (N - k) / N                 # Stata's large-sample sigma^2 = rss/N
Vr <- vcovHC(m1, type = "HC0")
Vc <- vcovCL(m1, cluster = ~g, type = "HC0", cadjust = FALSE)
G <- length(unique(d$g))
u <- residuals(m1); rss <- sum(u^2); tss <- sum((d$y - mean(d$y))^2)
out$m1 <- list(b = unname(coef(m1)), se = unname(sqrt(diag(V1))), chi2 = wald(coef(m1), V1, 2:3),
  r2 = 1 - rss / tss, rmse = sqrt(rss / N),
  se_robust = unname(sqrt(diag(Vr))), chi2_robust = wald(coef(m1), Vr, 2:3),
  se_cluster = unname(sqrt(diag(Vc))),
  se_small = unname(sqrt(diag(vcov(m1)))), F_small = wald(coef(m1), vcov(m1), 2:3) / 2,
  rmse_small = sqrt(rss / (N - k)),
  se_cluster_small = unname(sqrt(diag(Vc * (N - 1) / (N - k) * G / (G - 1)))),
  se_robust_small = unname(sqrt(diag(Vr * N / (N - k)))))
s1 <- summary(m1, diagnostics = TRUE)$diagnostics
# Sargan = N R2 of u on the instruments; Basmann = Sargan (N - L) / (N - Sargan), L = 4
aux <- lm(u ~ z1 + z2 + x1, data = d)
sargan <- N * summary(aux)$r.squared
out$m1$sargan <- sargan; out$m1$sargan_aer <- unname(s1["Sargan", "statistic"])
out$m1$basmann <- sargan * (N - 4) / (N - sargan)
out$m1$wu_aer <- unname(s1["Wu-Hausman", "statistic"])
out$m1$weak_aer <- unname(s1["Weak instruments", "statistic"])
# Durbin: (u_e'P u_e - u_c'P u_c) / (rss_e / N), u_e OLS residuals (efficient under H0)
ols <- lm(y ~ y1 + x1, data = d); ue <- residuals(ols)
ePe <- sum(fitted(lm(ue ~ y1 + x1 + z1 + z2, data = d))^2)
cPc <- sum(fitted(lm(u ~ x1 + z1 + z2, data = d))^2)
out$m1$durbin <- (ePe - cPc) / (sum(ue^2) / N)
out$m1$wu <- (ePe - cPc) / 1 / ((sum(ue^2) - (ePe - cPc)) / (N - k - 1))
# first stage
fs <- lm(y1 ~ x1 + z1 + z2, data = d); fr <- lm(y1 ~ x1, data = d)
out$m1$fs_r2 <- summary(fs)$r.squared; out$m1$fs_r2a <- summary(fs)$adj.r.squared
out$m1$fs_F <- anova(fr, fs)$F[2]
py <- residuals(fr); pz <- cbind(residuals(lm(z1 ~ x1, data = d)), residuals(lm(z2 ~ x1, data = d)))
out$m1$fs_b <- unname(coef(fs)); out$m1$fs_se <- unname(sqrt(diag(vcov(fs))))
out$m1$fs_partial <- summary(lm(py ~ pz))$r.squared
# robust first-stage F: Wald of z1 z2 with HC0 * N/(N-4), divided by 2
Vfs <- vcovHC(fs, type = "HC0") * N / (N - 4)
out$m1$fs_F_robust <- wald(coef(fs), Vfs, 3:4) / 2
# robust score test of endogeneity (Wooldridge): regress 1 on r*uhat, r = resid of y1hat on x1 y1
y1hat <- fitted(fs)
rr <- residuals(lm(y1hat ~ x1 + y1, data = d)) * residuals(ols)
out$m1$endog_rscore <- N - sum(residuals(lm(rep(1, N) ~ 0 + rr))^2)
# robust regression F: OLS y on y1 x1 y1hat, HC0 * N/(N-4), Wald on y1hat
rf <- lm(y ~ y1 + x1 + y1hat, data = d)
out$m1$endog_regF <- wald(coef(rf), vcovHC(rf, type = "HC0") * N / (N - 4), 4)
# robust overid score: k = resid of z1 (first excluded) on y1hat and x1, times u; 1 on k
kk <- residuals(lm(z1 ~ y1hat + x1, data = d)) * u
out$m1$overid_score <- N - sum(residuals(lm(rep(1, N) ~ 0 + kk))^2)
# minimum eigenvalue statistic (Cragg-Donald; one endogenous: the first-stage F)
out$m1$mineig <- out$m1$fs_F

# ---- M2: two endogenous regressors, a factor among the exogenous variables
m2 <- ivreg(y ~ y1 + y2 + x1 + region | z1 + z2 + z3 + x1 + region, data = d)
k2 <- length(coef(m2))
out$m2 <- list(b = unname(coef(m2)), se = unname(sqrt(diag(vcov(m2) * (N - k2) / N))),
               names = names(coef(m2)))
X1 <- model.matrix(~ x1 + region, d); Z1 <- as.matrix(d[, c("z1", "z2", "z3")])
Yn <- as.matrix(d[, c("y1", "y2")])
Mx <- function(A) A - X1 %*% solve(crossprod(X1), crossprod(X1, A))
Zb <- cbind(X1, Z1)
Mzb <- function(A) A - Zb %*% solve(crossprod(Zb), crossprod(Zb, A))
Sig <- crossprod(Yn, Mzb(Yn)) / (N - ncol(X1) - ncol(Z1))
e <- eigen(Sig, symmetric = TRUE); Sih <- e$vectors %*% diag(1 / sqrt(e$values)) %*% t(e$vectors)
YMZ <- crossprod(Yn, Mx(Z1)); ZMZ <- crossprod(Z1, Mx(Z1))
out$m2$mineig <- min(eigen(Sih %*% YMZ %*% solve(ZMZ) %*% t(YMZ) %*% Sih / 3, symmetric = TRUE)$values)
# Shea's partial R2 for y1: x1tilde = resid of y1 on y2 X1; x1bar = resid of y1hat on y2hat X1
yh <- cbind(fitted(lm(y1 ~ z1 + z2 + z3 + x1 + region, d)), fitted(lm(y2 ~ z1 + z2 + z3 + x1 + region, d)))
shea <- function(j) {
  xt <- residuals(lm(Yn[, j] ~ Yn[, -j] + X1 - 1)); xb <- residuals(lm(yh[, j] ~ yh[, -j] + X1 - 1))
  summary(lm(xt ~ xb))$r.squared
}
out$m2$shea <- c(shea(1), shea(2))

# ---- M3: LIML y x1 (y1 = z1 z2 z3)
X <- cbind(d$y1, d$x1, 1); Z <- cbind(d$x1, 1, d$z1, d$z2, d$z3); X1c <- cbind(d$x1, 1)
M <- function(B, A) A - B %*% solve(crossprod(B), crossprod(B, A))
Wm <- cbind(d$y, d$y1)
kappa <- min(Re(eigen(solve(crossprod(Wm, M(Z, Wm))) %*% crossprod(Wm, M(X1c, Wm)))$values))
A <- crossprod(X) - kappa * crossprod(X, M(Z, X))
b <- solve(A, crossprod(X, d$y) - kappa * crossprod(X, M(Z, d$y)))
ul <- d$y - X %*% b
out$m3 <- list(kappa = kappa, b = as.numeric(b), se = sqrt(diag(sum(ul^2) / N * solve(A))),
               ar = N * (kappa - 1), basmann = (kappa - 1) * (N - 5) / 2)

# ---- M4: two-step GMM y x1 (y1 = z1 z2 z3), wmatrix(robust) vce(robust)
b2 <- solve(crossprod(X, Z) %*% solve(crossprod(Z), crossprod(Z, X)),
            crossprod(X, Z) %*% solve(crossprod(Z), crossprod(Z, d$y)))
u2 <- as.numeric(d$y - X %*% b2)
W <- solve(crossprod(Z * u2) / N)
GG <- crossprod(Z, X); GWG <- t(GG) %*% W %*% GG
bg <- solve(GWG, t(GG) %*% W %*% crossprod(Z, d$y))
ug <- as.numeric(d$y - X %*% bg)
Vg <- solve(GWG) %*% t(GG) %*% W %*% crossprod(Z * ug) %*% W %*% GG %*% solve(GWG)
Zu <- crossprod(Z, ug)
out$m4 <- list(b = as.numeric(bg), se = sqrt(diag(Vg)), J = as.numeric(t(Zu) %*% W %*% Zu) / N)

# iterated GMM: W from the current residuals until b and W settle
bi <- bg; Wi <- W
for (it in 1:200) {
  ui <- as.numeric(d$y - X %*% bi); Wn <- solve(crossprod(Z * ui) / N)
  bn <- solve(t(GG) %*% Wn %*% GG, t(GG) %*% Wn %*% crossprod(Z, d$y))
  done <- max(abs(bn - bi) / (abs(bi) + 1)) < 1e-6 && max(abs(Wn - Wi) / (abs(Wi) + 1)) < 1e-6
  bi <- bn; Wi <- Wn
  if (done) break
}
ui <- as.numeric(d$y - X %*% bi); GWGi <- solve(t(GG) %*% Wi %*% GG)
Vi <- GWGi %*% t(GG) %*% Wi %*% crossprod(Z * ui) %*% Wi %*% GG %*% GWGi
out$m4$b_igmm <- as.numeric(bi); out$m4$se_igmm <- sqrt(diag(Vi))
# wmatrix(unadjusted): the 2SLS estimates, V = sigma2 (X'Pz X)^-1 with sigma2 = u'u/N
m4u <- ivreg(y ~ y1 + x1 | z1 + z2 + z3 + x1, data = d)
out$m4$b_unadj <- unname(coef(m4u)); out$m4$se_unadj <- unname(sqrt(diag(vcov(m4u) * (N - 3) / N)))

# ---- M5: 2sls with aweights (normalised to sum to N), robust
wn <- d$wt * N / sum(d$wt)
m5 <- ivreg(y ~ y1 + x1 | z1 + z2 + x1, data = d, weights = wn)
out$m5 <- list(b = unname(coef(m5)), se = unname(sqrt(diag(vcov(m5) * (N - 3) / N))),
               se_robust = unname(sqrt(diag(vcovHC(m5, type = "HC0")))))
# ---- nestreg and stepwise (tests/test_model_building.py): lm/glm fits and their tests
d$noise1 <- ((1:N) * 7) %% 13; d$noise2 <- ((1:N) * 5) %% 11; d$hi <- as.numeric(d$y > 3)
f0 <- lm(y ~ 1, d); f1 <- lm(y ~ x1 + z1, d); f2 <- update(f1, . ~ . + z2); f3 <- update(f2, . ~ . + z3)
fits <- list(f1, f2, f3)
ll <- sapply(list(f0, f1, f2), function(f) as.numeric(logLik(f)))
rk <- sapply(list(f1, f2), function(f) length(coef(f)))
out$nestreg <- list(F = c(summary(f1)$fstatistic[[1]], anova(f1, f2)$F[2], anova(f2, f3)$F[2]),
  p = c(anova(f0, f1)$"Pr(>F)"[2], anova(f1, f2)$"Pr(>F)"[2], anova(f2, f3)$"Pr(>F)"[2]),
  r2 = sapply(fits, function(f) summary(f)$r.squared),
  ll = ll[2:3], lr = 2 * diff(ll), aic = -2 * ll[2:3] + 2 * rk, bic = -2 * ll[2:3] + log(N) * rk)
g1 <- glm(hi ~ x1, binomial, d); g2 <- glm(hi ~ x1 + z1 + z2, binomial, d)
out$nestreg$logit_chi2 <- c((coef(g1)[2] / sqrt(vcov(g1)[2, 2]))^2, wald(coef(g2), vcov(g2), 3:4))
# stepwise: the p-values of each step (t tests of single terms = their F tests)
pvals <- function(terms) {
  f <- lm(reformulate(terms, "y"), d); s <- summary(f)$coefficients; setNames(s[terms, 4], terms)
}
full <- c("x1", "z1", "z2", "z3", "noise1", "noise2")
out$stepwise <- list(backward_first = max(pvals(full)), backward_argmax = names(which.max(pvals(full))),
                     backward_after = max(pvals(setdiff(full, "noise1"))))
path <- c(); ps <- c(); left <- full
repeat {
  cand <- sapply(left, function(v) pvals(c(path, v))[[v]])
  if (min(cand) >= 0.2) break
  path <- c(path, names(which.min(cand))); ps <- c(ps, min(cand)); left <- setdiff(left, names(which.min(cand)))
}
out$stepwise$forward_path <- path; out$stepwise$forward_p <- ps
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "reference.json")
