# Replicate variances of xtreg (fe, be), glm (jackknife, one-step jackknife), xtlogit/xtprobit
# (random intercept, 12-point adaptive quadrature: lme4::glmer nAGQ = 12), xtpoisson, re (the gamma
# model's closed-form likelihood maximised here) and streg (survival::survreg), computed by
# refitting in R:
#   jackknife V = (n-1)/n sum (b_(j) - bbar)(b_(j) - bbar)'  (mse: about b), j over the clusters
#   one-step jackknife (glm, canonical links) V = (N-p)/N sum d_i d_i',
#     d_i = (X'WX)^-1 x_i (y_i - mu_i)/(1 - h_i), h_i the GLM hat values
# Stata's parameter order: slopes, _cons, then the ancillary parameter.
# Data: xt_replicates_panel.csv (30 panels of 5), st_replicates_subjects.csv (40 subjects, every
# third in two records split at half its time: a subject's likelihood is its one-record one),
# auto_subset.csv.  Run from tests/reference_values: Rscript xt_replicates_reference.R
suppressMessages({library(lme4); library(survival)})
jk <- function(B, b = NULL) {
  m <- nrow(B); centre <- if (is.null(b)) colMeans(B) else b
  dev <- sweep(B, 2, centre); (m - 1) / m * t(dev) %*% dev
}
se <- function(V) unname(sqrt(diag(V)))
out <- list()
p <- read.csv("xt_replicates_panel.csv")
ids <- sort(unique(p$id))

# xtreg, fe: the within estimator (lm with panel dummies); Stata's _cons = ybar - xbar'b
fe <- function(d) {
  b <- coef(lm(y ~ x1 + x2 + factor(id), d))[c("x1", "x2")]
  c(b, mean(d$y) - sum(colMeans(d[, c("x1", "x2")]) * b))
}
Bfe <- t(sapply(ids, function(j) fe(p[p$id != j, ])))
out$xtreg_fe <- list(b = unname(fe(p)), se = se(jk(Bfe)), se_mse = se(jk(Bfe, fe(p))))
# the jackknife prefix: one observation at a time
Bobs <- t(sapply(seq_len(nrow(p)), function(i) fe(p[-i, ])))
out$xtreg_fe_prefix <- list(se = se(jk(Bobs)))
# xtreg, be: OLS on the panel means
be <- function(d) {
  m <- aggregate(cbind(y, x1, x2) ~ id, d, mean)
  coef(lm(y ~ x1 + x2, m))[c("x1", "x2", "(Intercept)")]
}
Bbe <- t(sapply(ids, function(j) be(p[p$id != j, ])))
out$xtreg_be <- list(b = unname(be(p)), se = se(jk(Bbe)))

# xtlogit / xtprobit, re: (b, lnsig2u = ln sigma_u^2)
re_fit <- function(d, link) {
  f <- glmer(yb ~ x1 + x2 + (1 | id), d, family = binomial(link), nAGQ = 12,
             control = glmerControl(optimizer = "bobyqa", optCtrl = list(maxfun = 1e5),
                                    check.conv.grad = .makeCC("ignore", tol = 1)))
  unname(c(fixef(f)[c("x1", "x2", "(Intercept)")], 2 * log(getME(f, "theta"))))
}
for (link in c("logit", "probit")) {
  b <- re_fit(p, link)
  B <- t(sapply(ids, function(j) re_fit(p[p$id != j, ], link)))
  out[[paste0("xt", link, "_re")]] <- list(b = b, se = se(jk(B)))
}

# xtpoisson, re (gamma): nu = 1/alpha, lambda = exp(xb),
# ln L_i = lgamma(nu + Y) - lgamma(nu) - sum lgamma(y + 1) + sum y xb + nu ln nu - (nu + Y) ln(nu + Lambda)
gamma_fit <- function(d) {
  X <- cbind(d$x1, d$x2, 1)
  nll <- function(th) {
    xb <- drop(X %*% th[1:3]); nu <- exp(-th[4])
    Y <- tapply(d$yc, d$id, sum); L <- tapply(exp(xb), d$id, sum)
    -(sum(lgamma(nu + Y) - lgamma(nu) + nu * log(nu) - (nu + Y) * log(nu + L)) +
        sum(d$yc * xb - lgamma(d$yc + 1)))
  }
  start <- c(coef(glm(yc ~ x1 + x2, poisson, d))[c("x1", "x2", "(Intercept)")], -1)
  f <- optim(start, nll, method = "BFGS", control = list(reltol = 1e-15, maxit = 1000))
  f <- optim(f$par, nll, method = "Nelder-Mead", control = list(reltol = 1e-15, maxit = 5000))
  optim(f$par, nll, method = "BFGS", control = list(reltol = 1e-16, maxit = 1000))$par
}
Bg <- t(sapply(ids, function(j) gamma_fit(p[p$id != j, ])))
out$xtpoisson_re <- list(b = unname(gamma_fit(p)), se = se(jk(Bg)))

# glm: family(poisson) and family(binomial) one-step jackknife (canonical links)
a <- read.csv("auto_subset.csv")
one_step <- function(f) {
  X <- model.matrix(f); h <- hatvalues(f); W <- f$weights
  D <- solve(crossprod(X * sqrt(W))) %*% t(X * ((f$y - f$fitted.values) / (1 - h)))
  N <- nrow(X); k <- ncol(X)
  V <- (N - k) / N * D %*% t(D)
  ord <- c(2:k, 1)
  V[ord, ord]
}
fp <- glm(mpg ~ weight + foreign, poisson, a, control = glm.control(epsilon = 1e-14))
fb <- glm(foreign ~ mpg + weight, binomial, a, control = glm.control(epsilon = 1e-14))
out$glm_jackknife1 <- list(poisson = se(one_step(fp)), binomial = se(one_step(fb)))
# glm gaussian vce(jackknife, mse) over clusters g = ceil(_n/5)
a$g <- ceiling(seq_len(nrow(a)) / 5)
gfit <- function(d) coef(lm(mpg ~ weight + foreign, d))[c("weight", "foreign", "(Intercept)")]
Bgl <- t(sapply(sort(unique(a$g)), function(k) gfit(a[a$g != k, ])))
out$glm_gaussian_cluster_mse <- list(se = se(jk(Bgl, gfit(a))))

# streg: one record per subject (the split records telescope); Weibull in the log relative-hazard
# metric (b_PH = -b_AFT/sigma, ln_p = -ln sigma), lognormal in its AFT metric (ln_sig)
s <- read.csv("st_replicates_subjects.csv")
last <- s[!duplicated(s$pid, fromLast = TRUE), ]
wb <- function(d) {
  f <- survreg(Surv(t1, died) ~ x + grp, d, dist = "weibull", control = survreg.control(rel.tolerance = 1e-13))
  sc <- f$scale; b <- coef(f)
  c(-b[c("x", "grp", "(Intercept)")] / sc, -log(sc))
}
ln <- function(d) {
  f <- survreg(Surv(t1, died) ~ x + grp, d, dist = "lognormal", control = survreg.control(rel.tolerance = 1e-13))
  c(coef(f)[c("x", "grp", "(Intercept)")], log(f$scale))
}
for (nm in c("weibull", "lognormal")) {
  f <- if (nm == "weibull") wb else ln
  B <- t(sapply(last$pid, function(j) f(last[last$pid != j, ])))
  out[[paste0("streg_", nm)]] <- list(b = unname(f(last)), se = se(jk(B)))
}
cat(jsonlite::toJSON(out, digits = NA, auto_unbox = TRUE), file = "xt_replicates_reference.json")
