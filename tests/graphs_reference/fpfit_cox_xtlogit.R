# twoway fpfit/fpfitci with estcmd(cox) estopts(dead(d)), estcmd(xtlogit) (re, fe) and weighted
# estcmd(xtreg, fe), estcmd(weibull|ereg): fracpoly's degree-2 search (the largest log likelihood,
# or the smallest weighted within RSS for xtreg fe), then x b and its stdp at the distinct x.
# x takes 1..9 (no shift, scale 1); fracgen centres the final terms at mean(x) (the models
# without a constant: cox, xtlogit fe).  Run: Rscript fpfit_cox_xtlogit.R > fpfit_cox_xtlogit.json
library(survival)
library(lme4)
n <- 1:60
x <- 1 + (n * 7) %% 9
y <- round(exp(0.3 + 0.2 * x - 0.02 * x^2 + ((n * 5) %% 7) / 4))
d <- as.numeric(n %% 4 != 0)
g <- ceiling(n / 5)
yb <- as.numeric((n * 3) %% 5 + (g %% 4) * 1.5 > 3 + (x > 5))
w <- 1 + g %% 3
powers <- c(-2, -1, -0.5, 0, 0.5, 1, 2, 3)
term <- function(v, p) if (p == 0) log(v) else v^p
terms <- function(v, p) {
  a <- term(v, p[1]); b <- term(v, p[2]) * (if (p[1] == p[2]) log(v) else 1)
  cbind(a, b)
}
at <- sort(unique(x))
search <- function(score) {  # score(X) -> log likelihood; the pair of the largest
  best <- NULL
  for (i in seq_along(powers)) for (j in i:length(powers)) {
    p <- c(powers[i], powers[j])
    ll <- score(terms(x, p))
    if (is.null(best) || ll > best$ll) best <- list(ll = ll, p = p)
  }
  best
}
centred <- function(v, p) terms(v, p) - terms(mean(x), p)[rep(1, length(v)), , drop = FALSE]
curve <- function(X0, b, V) list(xb = as.vector(X0 %*% b), stdp = sqrt(rowSums((X0 %*% V) * X0)))

cox_case <- function(ties, wt = NULL, robust = FALSE, clustered = FALSE) {
  fit <- function(X) if (clustered) coxph(Surv(y, d) ~ X + cluster(g), ties = ties) else
    coxph(Surv(y, d) ~ X, ties = ties, weights = wt, robust = robust)
  best <- search(function(X) fit(X)$loglik[2])
  f <- fit(centred(x, best$p))
  m <- if (clustered) length(unique(g)) else length(y)  # stcox's M/(M-1), which coxph leaves out
  V <- if (robust || clustered) f$var * m / (m - 1) else f$var
  out <- c(list(powers = best$p, ll = best$ll), curve(centred(at, best$p), coef(f), V))
  if (is.null(wt) && !robust && !clustered) {  # fracpred's dresid: cox refitted on x b, its deviance residuals
    eta <- as.vector(centred(x, best$p) %*% coef(f))
    r <- residuals(coxph(Surv(y, d) ~ eta, ties = ties), type = "deviance")
    first <- sapply(at, function(a) which(x == a)[which.min(y[x == a])])
    out$dresid <- as.vector(r[first])
  }
  out
}
s <- g %% 2
t0 <- floor(y / 3)
cox_other <- function(formula_of) {  # strata(s), or the entry time t0: coxph's, Breslow's ties
  fit <- function(X) coxph(formula_of(X), ties = "breslow")
  best <- search(function(X) fit(X)$loglik[2])
  f <- fit(centred(x, best$p))
  c(list(powers = best$p, ll = best$ll), curve(centred(at, best$p), coef(f), f$var))
}
xtlogit_re <- function() {  # glmer on the terms scaled by their sd (its optimiser fails on x^3's scale)
  fit <- function(X) {
    sc <- apply(X, 2, sd)
    f <- glmer(yb ~ Z + (1 | g), family = binomial, nAGQ = 12, data = list(Z = sweep(X, 2, sc, "/"), yb = yb, g = g),
               control = glmerControl(optCtrl = list(maxfun = 1e5)))
    D <- diag(c(1, 1 / sc))
    list(ll = as.numeric(logLik(f)), b = as.vector(D %*% fixef(f)), V = D %*% as.matrix(vcov(f)) %*% D)
  }
  best <- search(function(X) fit(X)$ll)
  f <- fit(terms(x, best$p))
  c(list(powers = best$p, ll = best$ll), curve(cbind(1, terms(at, best$p)), f$b, f$V))
}
xtlogit_fe <- function() {
  fit <- function(X) clogit(yb ~ X + strata(g), method = "exact")
  best <- search(function(X) fit(X)$loglik[2])
  f <- fit(centred(x, best$p))
  informative <- tapply(yb, g, function(v) length(unique(v)) > 1)
  c(list(powers = best$p, ll = best$ll, informative = as.vector(which(informative))),
    curve(centred(at, best$p), coef(f), f$var))
}
xtreg_fe_aw <- function() {  # the weighted within fit: slopes of lm on the panel dummies
  fit <- function(X) lm(y ~ X + factor(g), weights = w)
  best <- search(function(X) -sum(w * residuals(fit(X))^2))
  X <- terms(x, best$p)
  f <- fit(X)
  b <- coef(f)[2:3]
  cons <- weighted.mean(y, w) - sum(colSums(w * X) / sum(w) * b)
  list(powers = best$p, xb = as.vector(cbind(terms(at, best$p)) %*% b + cons))
}
survreg_case <- function(dist, wt, pweights = FALSE) {
  fit <- function(X) survreg(Surv(y, d) ~ X, dist = dist, weights = wt)
  best <- search(function(X) fit(X)$loglik[2])
  f <- fit(terms(x, best$p))
  k <- 3
  V <- f$var
  if (pweights) {  # ml's robust variance with pweights: V (sum (w_i s_i)(w_i s_i)') V N/(N-1), V s_i the dfbeta
    D <- residuals(f, type = "dfbeta") * wt
    V <- t(D) %*% D * length(y) / (length(y) - 1)
  }
  c(list(powers = best$p, ll = best$ll), curve(cbind(1, terms(at, best$p)), coef(f), V[1:k, 1:k]))
}
o <- (n %% 5) / 10
first <- sapply(at, function(a) which(x == a)[which.min(y[x == a])])  # the row twoway keeps at each x
weibull_nocons <- function() {  # fracpoly's noconstant: the search on the raw terms, the final on the centred
  best <- search(function(X) survreg(Surv(y, d) ~ X - 1, dist = "weibull")$loglik[2])
  f <- survreg(Surv(y, d) ~ centred(x, best$p) - 1, dist = "weibull")
  c(list(powers = best$p, ll = best$ll), curve(centred(at, best$p), coef(f), f$var[1:2, 1:2]))
}
ereg_offset <- function() {  # _predict, xb: with the offset of the row kept
  fit <- function(X) survreg(Surv(y, d) ~ X + offset(o), dist = "exponential")
  best <- search(function(X) fit(X)$loglik[2])
  f <- fit(terms(x, best$p))
  out <- c(list(powers = best$p, ll = best$ll), curve(cbind(1, terms(at, best$p)), coef(f), f$var))
  out$xb <- out$xb + o[first]
  out
}
ereg_t0 <- function() {  # ereg.ado: the time t - t0
  fit <- function(X) survreg(Surv(y - t0, d) ~ X, dist = "exponential")
  best <- search(function(X) fit(X)$loglik[2])
  f <- fit(terms(x, best$p))
  c(list(powers = best$p, ll = best$ll), curve(cbind(1, terms(at, best$p)), coef(f), f$var))
}
weibull_t0 <- function() {  # delayed entry at t0: the AFT Weibull log likelihood less ln S(t0), by nlminb
  fit <- function(X) {      # on the terms scaled by their sd (then back)
    sc <- apply(X, 2, sd)
    Z <- cbind(1, sweep(X, 2, sc, "/"))
    nll <- function(th) {
      sigma <- exp(th[4]); eta <- as.vector(Z %*% th[1:3])
      z <- (log(y) - eta) / sigma
      z0 <- ifelse(t0 > 0, (log(pmax(t0, 1e-300)) - eta) / sigma, -Inf)
      -sum(d * (z - log(sigma) - log(y)) - exp(z) + ifelse(t0 > 0, exp(z0), 0))
    }
    start <- survreg(Surv(y, d) ~ Z - 1, dist = "weibull")
    o <- nlminb(c(coef(start), log(start$scale)), nll, control = list(rel.tol = 1e-15, x.tol = 1e-12))
    o <- optim(o$par, nll, method = "BFGS", control = list(reltol = 1e-16, maxit = 1000), hessian = TRUE)
    D <- diag(c(1, 1 / sc))
    list(ll = -o$value, b = as.vector(D %*% o$par[1:3]), V = D %*% solve(o$hessian)[1:3, 1:3] %*% D)
  }
  best <- search(function(X) fit(X)$ll)
  f <- fit(terms(x, best$p))
  c(list(powers = best$p, ll = best$ll), curve(cbind(1, terms(at, best$p)), f$b, f$V))
}
out <- list(x = x, y = y, d = d, g = g, yb = yb, w = w, o = o, at = at,
            cox = cox_case("breslow"), cox_efron = cox_case("efron"),
            cox_fw = cox_case("breslow", wt = w), cox_robust = cox_case("breslow", robust = TRUE),
            cox_cluster = cox_case("breslow", clustered = TRUE),
            cox_strata = cox_other(function(X) Surv(y, d) ~ X + strata(s)),
            cox_t0 = cox_other(function(X) Surv(t0, y, d) ~ X), s = s, t0 = t0,
            xtlogit_re = xtlogit_re(), xtlogit_fe = xtlogit_fe(), xtreg_fe_aw = xtreg_fe_aw(),
            weibull_fw = survreg_case("weibull", w), weibull_pw = survreg_case("weibull", w, pweights = TRUE),
            ereg_aw = survreg_case("exponential", w / mean(w)),
            weibull_nocons = weibull_nocons(), ereg_offset = ereg_offset(), ereg_t0 = ereg_t0(),
            weibull_t0 = weibull_t0())
cat(jsonlite::toJSON(out, digits = NA, auto_unbox = TRUE))
