# twoway fpfitci yb x, estcmd(xtlogit) estopts(re|fe vce(jackknife)) and estopts(re constraints())
# with [lnsig2u]_cons = 0: fracpoly's degree-2 search by the largest log likelihood, then x b and
# its stdp at the distinct x from the final model's V -- the leave-one-panel-out jackknife's
# (G-1)/G sum (b_j - bbar)(b_j - bbar)' (jackknife.ado's default), or the constrained fit's inverse
# information of b with sigma_u fixed at 1 (its likelihood by 60-point Gauss-Hermite).  The data are fpfit_cox_xtlogit.R's (x in 1..9, 12
# panels of 5).  Run: Rscript fpfit_xtlogit_replicates.R > fpfit_xtlogit_replicates.json
library(survival)
library(lme4)
source("fpfit_xtlogit_data.R")
search <- function(score) {
  best <- NULL
  for (i in seq_along(powers)) for (j in i:length(powers)) {
    p <- c(powers[i], powers[j])
    ll <- score(terms(x, p))
    if (is.null(best) || ll > best$ll) best <- list(ll = ll, p = p)
  }
  best
}
curve <- function(X0, b, V) list(xb = as.vector(X0 %*% b), stdp = sqrt(rowSums((X0 %*% V) * X0)))
jackknife <- function(B) {  # rows: the leave-one-out estimates
  G <- nrow(B)
  D <- sweep(B, 2, colMeans(B))
  (G - 1) / G * t(D) %*% D
}
glmer_fit <- function(X, keep = rep(TRUE, length(yb))) {  # on the terms scaled by their sd
  sc <- apply(X, 2, sd)
  f <- glmer(yb ~ Z + (1 | g), family = binomial, nAGQ = 12,
             data = list(Z = sweep(X, 2, sc, "/")[keep, , drop = FALSE], yb = yb[keep], g = g[keep]),
             control = glmerControl(optCtrl = list(maxfun = 1e5)))
  D <- diag(c(1, 1 / sc))
  list(ll = as.numeric(logLik(f)), b = as.vector(D %*% fixef(f)), V = D %*% as.matrix(vcov(f)) %*% D)
}
re_jackknife <- function() {
  best <- search(function(X) glmer_fit(X)$ll)
  X <- terms(x, best$p)
  f <- glmer_fit(X)
  B <- t(sapply(sort(unique(g)), function(j) glmer_fit(X, g != j)$b))
  c(list(powers = best$p, ll = best$ll, df_r = length(unique(g)) - 1),
    curve(cbind(1, terms(at, best$p)), f$b, jackknife(B)))
}
hermite <- function(K) {  # Gauss-Hermite nodes and weights (Golub-Welsch), weight exp(-z^2)
  J <- matrix(0, K, K)
  for (i in seq_len(K - 1)) J[i, i + 1] <- J[i + 1, i] <- sqrt(i / 2)
  e <- eigen(J, symmetric = TRUE)
  list(z = e$values, w = sqrt(pi) * e$vectors[1, ]^2)
}
re_sigma_one <- function() {  # sigma_u = 1: the marginal likelihood by 60-point Gauss-Hermite
  q <- hermite(60)
  loglik <- function(X, b) {
    eta <- as.vector(cbind(1, X) %*% b)
    sum(sapply(split(seq_along(yb), g), function(i) {
      f <- sapply(sqrt(2) * q$z, function(u) prod(plogis((2 * yb[i] - 1) * (eta[i] + u))))
      log(sum(q$w * f) / sqrt(pi))
    }))
  }
  fit <- function(X) {
    ps <- c(1, 1 / apply(X, 2, sd))  # the terms' scales (x^3 reaches 729)
    o <- optim(c(0, 0, 0), function(b) -loglik(X, b), method = "BFGS",
               control = list(reltol = 1e-15, maxit = 5000, parscale = ps))
    H <- optimHess(o$par, function(b) -loglik(X, b), control = list(parscale = ps, ndeps = rep(1e-4, 3)))
    list(ll = -o$value, b = o$par, V = solve(H))
  }
  best <- search(function(X) fit(X)$ll)
  f <- fit(terms(x, best$p))
  c(list(powers = best$p, ll = best$ll), curve(cbind(1, terms(at, best$p)), f$b, f$V))
}
fe_jackknife <- function() {
  fit <- function(X, keep = rep(TRUE, length(yb)))
    clogit(yb ~ X + strata(g), method = "exact", subset = keep)
  best <- search(function(X) fit(X)$loglik[2])
  X <- centred(x, best$p)
  f <- fit(X)
  informative <- as.vector(which(tapply(yb, g, function(v) length(unique(v)) > 1)))
  B <- t(sapply(informative, function(j) coef(fit(X, g %in% informative & g != j))))
  c(list(powers = best$p, ll = best$ll, informative = informative, df_r = length(informative) - 1),
    curve(centred(at, best$p), coef(f), jackknife(B)))
}
out <- list(at = at, re_jackknife = re_jackknife(), re_sigma_one = re_sigma_one(), fe_jackknife = fe_jackknife())
cat(jsonlite::toJSON(out, digits = NA, auto_unbox = TRUE))
