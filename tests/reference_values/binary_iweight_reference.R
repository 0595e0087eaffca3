# logit, probit and cloglog with importance weights: R's glm() with prior weights maximises the
# same weighted log likelihood sum_i w_i l_i.  Stata's V is the inverse of its negative observed
# Hessian (OIM; glm's vcov() is the expected one, equal only for the canonical logit), here
# optimHess() of the weighted log likelihood with its analytic gradient (sandwich's estfun).
# The robust V is H^-1 (sum_i (w_i s_i)(w_i s_i)') H^-1 times n/(n-1) (Stata's _robust).  Data: deterministic formulas, the same
# in tests/test_binary_iweights.py.
# Run: Rscript tests/reference_values/binary_iweight_reference.R > tests/reference_values/binary_iweight_reference.json
suppressPackageStartupMessages(library(sandwich))
i <- 1:80
x <- sin(i * 0.7) * 2
z <- ((i * 5) %% 9) / 4
w <- 0.25 + ((i * 7) %% 11) / 5
y <- as.numeric(((i * 13) %% 7) < 3 | x > 1.5)
d <- data.frame(y, x, z, w)
out <- list()
for (link in c("logit", "probit", "cloglog")) {
  m <- suppressWarnings(glm(y ~ x + z, family = binomial(link = link), weights = w, data = d,
                            control = glm.control(epsilon = 1e-14, maxit = 100)))
  p <- fitted(m)
  ll <- sum(w * (y * log(p) + (1 - y) * log(1 - p)))
  m0 <- suppressWarnings(glm(y ~ 1, family = binomial(link = link), weights = w, data = d,
                             control = glm.control(epsilon = 1e-14, maxit = 100)))
  p0 <- fitted(m0)
  ll0 <- sum(w * (y * log(p0) + (1 - y) * log(1 - p0)))
  n <- nrow(d)
  X <- model.matrix(m)
  lin <- binomial(link = link)$linkinv
  mueta <- binomial(link = link)$mu.eta
  f <- function(b) { p <- lin(drop(X %*% b)); sum(w * (y * log(p) + (1 - y) * log(1 - p))) }
  g <- function(b) { eta <- drop(X %*% b); p <- lin(eta)
                     drop(t(X) %*% (w * (y - p) * mueta(eta) / (p * (1 - p)))) }
  H <- optimHess(coef(m), f, g, control = list(fnscale = -1, ndeps = rep(1e-5, ncol(X))))
  Vo <- solve(-H)
  S <- estfun(m)
  Vr <- Vo %*% crossprod(S) %*% Vo * n / (n - 1)
  # order: x, z, _cons (Stata's)
  o <- c(2, 3, 1)
  out[[link]] <- list(b = unname(coef(m)[o]), V = unname(Vo[o, o]), V_robust = unname(Vr[o, o]),
                      ll = ll, ll_0 = ll0)
}
# logit [iw=w], vce(jackknife): each observation left out, the others' iweights; jackknife.ado's
# iweight sum (_loop_jknife_iw, summed [iw = (n-1)/n]): df = round(n (n-1)/n),
# V = df/(df+1) (n-1)/n sum_j (b_(j) - bbar)(b_(j) - bbar)'
n <- nrow(d)
B <- t(sapply(1:n, function(j) {
  m <- suppressWarnings(glm(y ~ x + z, family = binomial, weights = w, data = d[-j, ],
                            control = glm.control(epsilon = 1e-14, maxit = 100)))
  coef(m)[c(2, 3, 1)]
}))
D <- sweep(B, 2, colMeans(B))
df <- round(n * (n - 1) / n)
out$logit_jackknife <- list(V = unname(df / (df + 1) * (n - 1) / n * crossprod(D)), df_r = df)
cat(jsonlite::toJSON(list(source = "binary_iweight_reference.R", fits = out), digits = NA, auto_unbox = TRUE,
                     pretty = TRUE))
