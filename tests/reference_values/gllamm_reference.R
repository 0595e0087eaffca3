# Reference values for gllamm (tests/test_gllamm.py): what gllamm computes -- ML estimates under
# its integration rule -- by an independent implementation in R, checked against lme4.
#
# Run from the repository root:  OPENBLAS_NUM_THREADS=1 Rscript tests/reference_values/gllamm_reference.R
# writes tests/reference_values/gllamm_reference.json.  R is never a test dependency: the JSON is
# committed.
#
# Data: samples/data/hsb.dta (shipped; 7,185 students in 160 schools), its first 40 schools, with the variables the test
# derives in mlm:  hi = mathach > 13;  cnt = floor(max(mathach, 0) / 3);  and the school-by-sector
# binomial table agg: r = sum(hi), n = count, by school and female.
#
# gllamm's rules (gllamm.ado 2.3.20: programs ghquad, initmacs, hglm_ml; Rabe-Hesketh, Skrondal &
# Pickles 2005), for a random intercept u_j ~ N(0, sd^2):
#   nip(Q), no adapt: ordinary Gauss-Hermite quadrature, nodes sqrt(2) sd x_k from the prior;
#   adapt:  nodes m_j + sqrt(2) s_j x_k with (m_j, s_j) the posterior mean and SD of u_j computed
#           by the same rule, iterated to a fixed point at the current parameters.
# The log likelihood below is exactly that (own code, vectorised over schools); it is maximised
# over (beta, sd) -- gllamm's parametrisation, so optimHess gives e(V) in gllamm's metric.
# Cross-checks: glmer(nAGQ = 25) estimates (close to the exact integral; glmer's log likelihood
# with nAGQ > 1 leaves out the Poisson and binomial constants, so it is not compared) and, for the Gaussian random slope
# model, lmer ML (adaptive quadrature is exact for Gaussian responses).
# gllapred: posterior means/SDs of u_j (u), E(mu | y) (mu) and E(mu) over the prior (mu marginal)
# with the same rule at the estimates.
suppressMessages({
  library(haven); library(lme4); library(jsonlite)
})

hsb <- as.data.frame(read_dta("samples/data/hsb.dta"))
# the first 40 schools (mlm: egen sid = group(school), keep if sid <= 40): keeps the tests fast
hsb$sid <- as.integer(factor(hsb$school))
hsb <- hsb[hsb$sid <= 40, ]
hsb$hi <- as.numeric(hsb$mathach > 13)
hsb$cnt <- floor(pmax(hsb$mathach, 0) / 3)
hsb$cl <- as.integer(factor(hsb$school))

gh <- function(Q) {  # physicists' Gauss-Hermite rule (Golub-Welsch)
  if (Q == 1) return(list(x = 0, w = sqrt(pi)))
  i <- 1:(Q - 1); J <- matrix(0, Q, Q)
  J[cbind(i, i + 1)] <- sqrt(i / 2); J[cbind(i + 1, i)] <- sqrt(i / 2)
  e <- eigen(J, symmetric = TRUE)
  o <- order(e$values)
  list(x = e$values[o], w = sqrt(pi) * e$vectors[1, o]^2)
}

logf <- function(family, y, eta, n) {
  if (family == "logit") return(y * eta - log1p(exp(eta)))
  if (family == "binomial") return(lchoose(n, y) + y * eta - n * log1p(exp(eta)))
  if (family == "poisson") return(y * eta - exp(eta) - lgamma(y + 1))
  stop("family")
}
meanf <- function(family, eta, n) {
  if (family %in% c("logit")) return(plogis(eta))
  if (family == "binomial") return(n * plogis(eta))
  exp(eta)
}

# per school: (log integrated likelihood, nodes, posterior weights) at parameters (beta, sd)
cluster_fit <- function(par, X, y, cl, n, family, Q, adapt) {
  p <- ncol(X); beta <- par[1:p]; sd <- abs(par[p + 1])
  q <- gh(Q); G <- max(cl)
  xb <- drop(X %*% beta)
  m <- rep(0, G); s <- rep(sd, G)
  for (it in 1:500) {
    U <- m + s * sqrt(2) * matrix(q$x, G, Q, byrow = TRUE)
    eta <- xb + U[cl, , drop = FALSE]
    L <- rowsum(logf(family, y, eta, n), cl, reorder = TRUE)
    la <- matrix(log(q$w) + q$x^2, G, Q, byrow = TRUE) + log(sqrt(2) * s) +
      dnorm(U, 0, sd, log = TRUE) + L
    mx <- apply(la, 1, max)
    lik <- mx + log(rowSums(exp(la - mx)))
    pw <- exp(la - lik)
    if (!adapt) break
    newm <- rowSums(pw * U); news <- sqrt(rowSums(pw * (U - newm)^2))
    done <- max(abs(newm - m)) < 1e-12 && max(abs(news - s)) < 1e-12
    m <- newm; s <- news
    if (done) break
  }
  list(ll = sum(lik), U = U, pw = pw, xb = xb)
}

fit_gllamm <- function(X, y, cl, n, family, Q, adapt, start) {
  f <- function(par) -cluster_fit(par, X, y, cl, n, family, Q, adapt)$ll
  o <- nlminb(start, f, control = list(eval.max = 2000, iter.max = 1000, rel.tol = 1e-14))
  par <- o$par; par[length(par)] <- abs(par[length(par)])
  o2 <- optim(par, f, method = "BFGS", control = list(reltol = 1e-15, maxit = 1000))
  par <- o2$par; par[length(par)] <- abs(par[length(par)])
  H <- optimHess(par, f, control = list(ndeps = rep(1e-4, length(par))))
  V <- solve(H)
  cf <- cluster_fit(par, X, y, cl, n, family, Q, adapt)
  post_m <- rowSums(cf$pw * cf$U); post_s <- sqrt(rowSums(cf$pw * (cf$U - post_m)^2))
  mu_cond <- rowSums(cf$pw[cl, ] * meanf(family, cf$xb + cf$U[cl, ], n))
  q <- gh(Q); sd <- par[length(par)]
  mu_marg <- drop(meanf(family, outer(cf$xb, sqrt(2) * sd * q$x, "+"), n) %*% (q$w / sqrt(pi)))
  list(ll = -f(par), b = par, se = sqrt(diag(V)), V = V, post_mean = post_m, post_sd = post_s,
       mu = mu_cond, mu_marginal = mu_marg)
}

out <- list()
rows_checked <- c(1, 2, 50, 500, 1000, nrow(hsb))

# 1. logit random intercept, adapt, nip 8 (gllamm's default number of points)
X <- cbind(hsb$ses, hsb$female, 1)
g <- glmer(hi ~ ses + female + (1 | school), data = hsb, family = binomial, nAGQ = 25)
start <- c(fixef(g)[c(2, 3, 1)], sqrt(VarCorr(g)$school[1]))
for (adapt in c(TRUE, FALSE)) {
  r <- fit_gllamm(X, hsb$hi, hsb$cl, 1, "logit", 8, adapt, start)
  key <- if (adapt) "logit_adapt8" else "logit_ghermite8"
  out[[key]] <- list(
    command = paste0("gllamm hi ses female, i(school) link(logit) family(binomial)", if (adapt) " adapt" else ""),
    names = c("hi:ses", "hi:female", "hi:_cons", "scho1:_cons"),
    ll = r$ll, b = unname(r$b), se = unname(r$se), var = unname(r$b[4]^2),
    post_mean_schools = unname(r$post_mean[1:5]), post_sd_schools = unname(r$post_sd[1:5]),
    rows = rows_checked, mu = unname(r$mu[rows_checked]), mu_marginal = unname(r$mu_marginal[rows_checked]))
}
out$logit_glmer_nAGQ25 <- list(ll = as.numeric(logLik(g)), b = unname(c(fixef(g)[c(2, 3, 1)])),
                              var = unname(VarCorr(g)$school[1]))

# 2. Poisson random intercept, adapt, nip 12
X2 <- cbind(hsb$ses, 1)
g2 <- glmer(cnt ~ ses + (1 | school), data = hsb, family = poisson, nAGQ = 25)
r2 <- fit_gllamm(X2, hsb$cnt, hsb$cl, 1, "poisson", 12, TRUE, c(fixef(g2)[c(2, 1)], sqrt(VarCorr(g2)$school[1])))
out$poisson_adapt12 <- list(command = "gllamm cnt ses, i(school) family(poisson) adapt nip(12)",
                            names = c("cnt:ses", "cnt:_cons", "scho1:_cons"),
                            ll = r2$ll, b = unname(r2$b), se = unname(r2$se),
                            glmer_nAGQ25_b = unname(c(fixef(g2)[c(2, 1)], sqrt(VarCorr(g2)$school[1]))))

# 3. binomial with denominators (school x female table), adapt, nip 8
agg <- aggregate(cbind(r = hi, n = 1) ~ school + female, data = hsb, FUN = sum)
agg <- agg[order(agg$school, agg$female), ]
agg$cl <- as.integer(factor(agg$school))
X3 <- cbind(agg$female, 1)
g3 <- glmer(cbind(r, n - r) ~ female + (1 | school), data = agg, family = binomial, nAGQ = 25)
r3 <- fit_gllamm(X3, agg$r, agg$cl, agg$n, "binomial", 8, TRUE, c(fixef(g3)[c(2, 1)], sqrt(VarCorr(g3)$school[1])))
out$binomial_denom_adapt8 <- list(command = "gllamm r female, i(school) family(binomial) denom(n) adapt",
                                  names = c("r:female", "r:_cons", "scho1:_cons"),
                                  ll = r3$ll, b = unname(r3$b), se = unname(r3$se),
                                  glmer_nAGQ25_b = unname(c(fixef(g3)[c(2, 1)], sqrt(VarCorr(g3)$school[1]))))

# 4. Gaussian random intercept and slope (adaptive quadrature is exact): lmer ML
m4 <- lmer(mathach ~ ses + female + (1 + ses | school), data = hsb, REML = FALSE)
vc <- VarCorr(m4)$school
out$gaussian_slope_adapt <- list(
  command = "gllamm mathach ses female, i(school) nrf(2) eqs(inter slope) adapt",
  ll = as.numeric(logLik(m4)), b = unname(fixef(m4)[c(2, 3, 1)]),
  var1 = unname(vc[1, 1]), cov21 = unname(vc[1, 2]), var2 = unname(vc[2, 2]),
  level1_var = unname(sigma(m4)^2))

writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "tests/reference_values/gllamm_reference.json")
