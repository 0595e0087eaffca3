# Reference values for xtreg (fe, be, re, re sa, mle), xttest0 and hausman on
# panel_unbalanced.csv (written by make_panel_data.py), computed from the closed forms of
# Stata's [XT] xtreg Methods and formulas with lm() on transformed data, and the ML
# random-effects model by maximising the likelihood with optim() (OIM standard errors
# from optimHess()) and cross-checked with lme4::lmer(REML = FALSE).
# Run: Rscript xtreg_reference.R  (writes xtreg_reference.json)
library(jsonlite)
d <- read.csv("panel_unbalanced.csv")
y <- d$y; id <- d$id; N <- nrow(d)
X <- as.matrix(d[, c("x1", "z", "d")])
Ti <- as.vector(table(id)); n <- length(Ti)
pm <- function(v) ave(v, id)                      # panel mean on every row
gm <- function(v) tapply(v, id, mean)             # one mean per panel
out <- list()

## fe: time-varying regressors only (z is constant within panels)
Xw <- X[, c("x1", "d")]; K <- ncol(Xw)
yt <- y - pm(y) + mean(y)
Xt <- apply(Xw, 2, function(v) v - pm(v) + mean(v))
fe <- lm(yt ~ Xt)
rss <- sum(resid(fe)^2); dfe <- N - n - K
V <- vcov(fe) * (N - K - 1) / dfe
b <- coef(fe)
xb <- cbind(1, Xw) %*% b
u <- gm(y) - gm(xb)
# cluster-robust (clusters = panels): G/(G-1) (N-1)/(N-K-1) bread meat bread
Z <- cbind(Xt, 1)
bread <- solve(crossprod(Z)); e <- resid(fe)
S <- rowsum(Z * e, id); Vc <- n / (n - 1) * (N - 1) / (N - K - 1) * bread %*% crossprod(S) %*% bread
pooled <- summary(lm(y ~ Xw))$r.squared
r2lsdv <- 1 - rss / sum((y - mean(y))^2)
out$fe <- list(b = unname(b[c(2:(K + 1), 1)]), se = unname(sqrt(diag(V))[c(2:(K + 1), 1)]),
               se_cluster = unname(sqrt(diag(Vc))),
               F = unname(summary(fe)$fstatistic[1] * dfe / (N - K - 1)),
               r2_w = summary(fe)$r.squared, r2_b = cor(gm(xb), gm(y))^2, r2_o = cor(xb[, 1], y)^2,
               sigma_u = sd(u), sigma_e = sqrt(rss / dfe), corr = cor(xb[, 1], u[as.character(id)]),
               F_f = ((r2lsdv - pooled) / (n - 1)) / ((1 - r2lsdv) / dfe), df_r = dfe)

## fe with analytic weights constant within panels (w = 1 + id mod 3): weighted means,
## weighted within regression
w <- 1 + id %% 3
wpm <- function(v) ave(v * w, id) / ave(w, id)
wgm <- function(v) weighted.mean(v, w)
fw <- lm(I(y - wpm(y) + wgm(y)) ~ I(d$x1 - wpm(d$x1) + wgm(d$x1)) + I(d$d - wpm(d$d) + wgm(d$d)), weights = w)
rssw <- sum(w / mean(w) * resid(fw)^2)
out$fe_aw <- list(b = unname(coef(fw)[c(2, 3, 1)]), se = unname(sqrt(diag(vcov(fw)) * (N - K - 1) / dfe)[c(2, 3, 1)]),
                  sigma_e = sqrt(rssw / dfe))

## be
be <- lm(gm(y) ~ apply(X, 2, gm))
xbb <- cbind(1, X) %*% coef(be)
out$be <- list(b = unname(coef(be)[c(2:4, 1)]), se = unname(sqrt(diag(vcov(be)))[c(2:4, 1)]),
               F = unname(summary(be)$fstatistic[1]), rmse = summary(be)$sigma, r2_b = summary(be)$r.squared,
               r2_w = drop(cor(xbb - pm(xbb), y - pm(y)))^2, r2_o = cor(xbb[, 1], y)^2)
beW <- lm(gm(y) ~ apply(X, 2, gm), weights = Ti)
out$be_wls <- list(b = unname(coef(beW)[c(2:4, 1)]), se = unname(sqrt(diag(vcov(beW)))[c(2:4, 1)]))

## re: Swamy-Arora components; default (harmonic T-bar) and sa (Baltagi-Chang)
se2 <- rss / dfe
Tbar <- n / sum(1 / Ti)
ssr_b <- sum(resid(be)^2); Kb <- 4
re_fit <- function(su2) {
  su2 <- max(su2, 0)
  th <- 1 - sqrt(se2) / sqrt(Ti * su2 + se2); thr <- th[match(id, sort(unique(id)))]
  ys <- y - thr * pm(y); Xs <- X - thr * apply(X, 2, pm); cs <- 1 - thr
  f <- lm(ys ~ 0 + Xs + cs)
  b <- coef(f); V <- vcov(f)
  xb <- cbind(X, 1) %*% b
  chi2 <- drop(t(b[1:3]) %*% solve(V[1:3, 1:3]) %*% b[1:3])
  list(b = unname(b), se = unname(sqrt(diag(V))), sigma_u = sqrt(su2), sigma_e = sqrt(se2), chi2 = chi2,
       r2_w = drop(cor(xb - pm(xb), y - pm(y)))^2, r2_b = cor(gm(xb), gm(y))^2, r2_o = cor(xb[, 1], y)^2,
       rmse = summary(f)$sigma, theta_min = min(th), theta_max = max(th), theta_median = unname(quantile(th, .5, type = 2)))
}
out$re <- re_fit(ssr_b / (n - Kb) - se2 / Tbar)
Mb <- cbind(apply(X, 2, gm), 1)
rb <- as.vector(gm(y)) - drop(Mb %*% coef(be)[c(2:4, 1)])
tr <- sum(diag(solve(t(Mb) %*% (Mb * Ti)) %*% (t(Mb) %*% (Mb * Ti^2))))
out$re_sa <- re_fit((sum(Ti * rb^2) - (n - Kb) * se2) / (N - tr))

## xttest0 (pooled OLS residuals)
ep <- resid(lm(y ~ X))
A <- 1 - sum(rowsum(ep, id)^2) / sum(ep^2)
lm_stat <- N^2 / 2 * A^2 / (sum(Ti^2) - N)
out$xttest0 <- list(lm = lm_stat, p = pchisq(lm_stat, 1, lower.tail = FALSE) / 2)

## hausman fe re (common slopes x1 d)
bf <- out$fe$b[1:2]; Vf <- V[2:3, 2:3]
fre <- re_fit(ssr_b / (n - Kb) - se2 / Tbar)
th <- 1 - sqrt(se2) / sqrt(Ti * fre$sigma_u^2 + se2); thr <- th[match(id, sort(unique(id)))]
fr <- lm(I(y - thr * pm(y)) ~ 0 + I(X - thr * apply(X, 2, pm)) + I(1 - thr))
Vr <- vcov(fr)[c(1, 3), c(1, 3)]; br <- coef(fr)[c(1, 3)]
dd <- bf - br
out$hausman <- list(chi2 = drop(t(dd) %*% solve(Vf - Vr) %*% dd))

## mle: -loglik in (b, sigma_u, sigma_e)
Xc <- cbind(X, 1)
nll <- function(p) {
  b <- p[1:4]; su <- p[5]; se <- p[6]; e <- y - Xc %*% b
  v <- se^2; w <- su^2; S1 <- rowsum(e, id)[, 1]; B <- S1^2 / Ti; W <- rowsum(e^2, id)[, 1] - B
  lam <- Ti * w + v
  0.5 * sum(Ti * log(2 * pi) + (Ti - 1) * log(v) + log(lam) + W / v + B / lam)
}
ols <- lm(y ~ X)
opt <- optim(c(coef(ols)[c(2:4, 1)], 0.5, 0.5), nll, method = "BFGS",
             control = list(reltol = 1e-14, maxit = 10000))
opt <- optim(opt$par, nll, method = "Nelder-Mead", control = list(reltol = 1e-15, maxit = 20000))
opt <- optim(opt$par, nll, method = "BFGS", control = list(reltol = 1e-15, maxit = 10000))
H <- optimHess(opt$par, nll)
Vml <- solve(H)
p <- opt$par
suppressMessages(library(lme4))
m <- lmer(y ~ x1 + z + d + (1 | id), data = d, REML = FALSE)
vc <- as.data.frame(VarCorr(m))
ml0 <- optim(c(mean(y), 0.5, 0.5), function(q) nll(c(0, 0, 0, q[1], q[2], q[3])), method = "BFGS",
             control = list(reltol = 1e-15, maxit = 10000))
out$mle <- list(b = unname(p[1:4]), se = unname(sqrt(diag(Vml))[1:4]), sigma_u = abs(p[5]), sigma_e = abs(p[6]),
                se_sigma_u = sqrt(Vml[5, 5]), se_sigma_e = sqrt(Vml[6, 6]), ll = -opt$value, ll_0 = -ml0$value,
                ll_c = as.numeric(logLik(ols)),
                lmer_ll = as.numeric(logLik(m)), lmer_fixef = unname(fixef(m)[c(2:4, 1)]),
                lmer_sigma_u = vc$sdcor[1], lmer_sigma_e = vc$sdcor[2])

## areg y x1 d, absorb(id): the dummy-variable regression; HC1 and cluster sandwiches of
## the sandwich package (cluster: G/(G-1) (N-1)/(N-k), k counting the absorbed dummies)
lsdv <- lm(y ~ x1 + d + factor(id), data = d)
suppressMessages(library(sandwich))
slopes <- c("x1", "d")
pool <- summary(lm(y ~ x1 + d, data = d))$r.squared
r2 <- summary(lsdv)$r.squared; dfr <- lsdv$df.residual
out$areg <- list(b = unname(coef(lsdv)[slopes]), se = unname(sqrt(diag(vcov(lsdv)))[slopes]),
                 se_robust = unname(sqrt(diag(vcovHC(lsdv, type = "HC1")))[slopes]),
                 se_cluster = unname(sqrt(diag(vcovCL(lsdv, cluster = ~id, type = "HC1")))[slopes]),
                 r2 = r2, r2_a = summary(lsdv)$adj.r.squared, rmse = summary(lsdv)$sigma,
                 F_absorb = ((r2 - pool) / (n - 1)) / ((1 - r2) / dfr))

## plm cross-check (when installed): within and between coefficients, swar random effects
if (requireNamespace("plm", quietly = TRUE)) {
  pd <- plm::pdata.frame(d, index = c("id", "t"))
  out$plm <- list(within = unname(coef(plm::plm(y ~ x1 + d, data = pd, model = "within"))),
                  between = unname(coef(plm::plm(y ~ x1 + z + d, data = pd, model = "between"))),
                  swar = unname(coef(plm::plm(y ~ x1 + z + d, data = pd, model = "random", random.method = "swar"))))
}
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "xtreg_reference.json")
