# poisson, nbreg, ologit and oprobit with importance weights: R maximises the same weighted log
# likelihood sum_i w_i l_i (glm() with prior weights, MASS::glm.nb() and MASS::polr() with
# weights).  Stata's V is the inverse of the negative observed Hessian (OIM), here optimHess() of
# the weighted log likelihood with its analytic gradient (glm.nb and polr report other Hessians or
# parametrisations); nbreg's auxiliary parameter is /lnalpha = -log(theta).  The robust V is
# H^-1 (sum_i (w_i s_i)(w_i s_i)') H^-1 times n/(n-1) (Stata's _robust).  Data: deterministic
# formulas, the same in tests/test_count_ordinal_iweights.py.
# Run: Rscript tests/reference_values/count_ordinal_iweight_reference.R > tests/reference_values/count_ordinal_iweight_reference.json
suppressPackageStartupMessages(library(MASS))
i <- 1:80
x <- sin(i * 0.7) * 2
z <- ((i * 5) %% 9) / 4
w <- 0.25 + ((i * 7) %% 11) / 5
cnt <- ((i * 13) %% 7) + (x > 1.5)
o <- 1 + (cnt > 2) + (cnt > 4)
d <- data.frame(cnt, o, x, z, w)
n <- nrow(d)
X <- cbind(x, z, 1)  # Stata's order: x, z, _cons
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
result <- function(b, f, scores) {
  # OIM V, robust V from the per-observation scores (rows) of the unweighted l_i
  g <- function(p) colSums(w * scores(p))
  H <- optimHess(b, f, g, control = list(fnscale = -1, ndeps = rep(1e-5, length(b))))
  Vo <- solve(-H)
  S <- w * scores(b)
  list(b = unname(b), V = unname(Vo), V_robust = unname(Vo %*% crossprod(S) %*% Vo * n / (n - 1)),
       ll = f(b))
}
out <- list()
# poisson
m <- glm(cnt ~ x + z, family = poisson, weights = w, data = d, control = ctl)
m0 <- glm(cnt ~ 1, family = poisson, weights = w, data = d, control = ctl)
pll <- function(b) sum(w * dpois(cnt, exp(drop(X %*% b)), log = TRUE))
out$poisson <- c(result(coef(m)[c(2, 3, 1)], pll, function(b) (cnt - exp(drop(X %*% b))) * X),
                 list(ll_0 = sum(w * dpois(cnt, fitted(m0), log = TRUE))))
# poisson [iw=w], vce(jackknife): each observation out, the others' iweights; jackknife.ado's
# iweight sum: df = round(n (n-1)/n), V = df/(df+1) (n-1)/n sum_j (b_(j) - bbar)(b_(j) - bbar)'
B <- t(sapply(1:n, function(j)
  coef(glm(cnt ~ x + z, family = poisson, weights = w, data = d[-j, ], control = ctl))[c(2, 3, 1)]))
D <- sweep(B, 2, colMeans(B))
df <- round(n * (n - 1) / n)
out$poisson_jackknife <- list(V = unname(df / (df + 1) * (n - 1) / n * crossprod(D)), df_r = df)
# nbreg (mean dispersion): parameters (x, z, _cons, lnalpha)
nbl <- function(p) { mu <- exp(drop(X %*% p[1:3])); r <- exp(-p[4])
                     lgamma(cnt + r) - lgamma(r) - lgamma(cnt + 1) + r * log(r / (r + mu)) + cnt * log(mu / (r + mu)) }
nbs <- function(p) { mu <- exp(drop(X %*% p[1:3])); r <- exp(-p[4])
                     cbind(r * (cnt - mu) / (r + mu) * X,
                           -r * (digamma(cnt + r) - digamma(r) + log(r / (r + mu)) + (mu - cnt) / (r + mu))) }
nb <- suppressWarnings(glm.nb(cnt ~ x + z, weights = w, data = d, control = ctl))
nb0 <- suppressWarnings(glm.nb(cnt ~ 1, weights = w, data = d, control = ctl))
jk <- function(B) { D <- sweep(B, 2, colMeans(B))
                    list(V = unname(df / (df + 1) * (n - 1) / n * crossprod(D)), df_r = df) }
out$nbreg_jackknife <- jk(t(sapply(1:n, function(j) {
  m <- suppressWarnings(glm.nb(cnt ~ x + z, weights = w, data = d[-j, ], control = ctl))
  c(coef(m)[c(2, 3, 1)], -log(m$theta)) })))
out$nbreg <- c(result(c(coef(nb)[c(2, 3, 1)], -log(nb$theta)), function(p) sum(w * nbl(p)), nbs),
               list(ll_0 = sum(w * nbl(c(0, 0, coef(nb0)[[1]], -log(nb0$theta))))))
# ologit, oprobit: parameters (x, z, cut1, cut2); P(o = j) = F(cut_j - xb) - F(cut_(j-1) - xb)
for (kind in c("logistic", "probit")) {
  Fc <- if (kind == "logistic") plogis else pnorm
  fd <- if (kind == "logistic") dlogis else dnorm
  Xb <- cbind(x, z)
  parts <- function(p) { eta <- drop(Xb %*% p[1:2]); cut <- c(-Inf, p[3:4], Inf)
                         list(hi = cut[o + 1] - eta, lo = cut[o] - eta) }
  ol <- function(p) { u <- parts(p); log(Fc(u$hi) - Fc(u$lo)) }
  os <- function(p) { u <- parts(p); P <- Fc(u$hi) - Fc(u$lo); fh <- fd(u$hi); fl <- fd(u$lo)
                      cbind(-(fh - fl) / P * Xb, ((o == 1) * fh - (o == 2) * fl) / P,
                            ((o == 2) * fh - (o == 3) * fl) / P) }
  fit <- function(keep) {
    pm <- suppressWarnings(polr(factor(o) ~ x + z, weights = w, data = d, subset = keep, method = kind,
                                control = list(reltol = 1e-14, maxit = 1000)))
    p <- c(coef(pm), pm$zeta)
    # polr stops at optim's tolerance: Newton steps on the same log likelihood finish it
    wk <- w * keep
    for (k in 1:20) { g <- colSums(wk * os(p))
      H <- optimHess(p, function(q) sum(wk * ol(q)), function(q) colSums(wk * os(q)))
      p <- p - solve(H, g) }
    p }
  p <- fit(rep(TRUE, n))
  tab <- tapply(w, o, sum)
  name <- if (kind == "logistic") "ologit" else "oprobit"
  out[[paste0(name, "_jackknife")]] <- jk(t(sapply(1:n, function(j) fit(seq_len(n) != j))))
  out[[name]] <- c(result(p, function(q) sum(w * ol(q)), os), list(ll_0 = sum(tab * log(tab / sum(tab)))))
}
cat(jsonlite::toJSON(list(source = "count_ordinal_iweight_reference.R", fits = out), digits = NA,
                     auto_unbox = TRUE, pretty = TRUE))
