# Reference values for tests/test_streg_frailty_constraints.py: streg ..., frailty() [shared()]
# constraints() on the kidney data (stset time, failure(status), covariates age female), plain
# and inside twoway fpfitci age female, estcmd(streg).  A constraint fixing a parameter at c is
# the likelihood maximised over the other parameters with that one held at c: the closed-form
# marginal likelihoods of streg_frailty_likelihood.R maximised by optim() over the free
# parameters, V = solve(-optimHess) over them (the fixed one: no variance, as ml's
# V = N (N'(-H)N)^-1 N').  "at_estimate": age fixed at the unconstrained estimate, which must
# give back the unconstrained fit.  chi2: the Wald statistic of the free _t slopes (ml's model
# test under constraints).  The fpfit cases: fracpoly's degree-2 search over the powers
# (-2, -1, -.5, 0, .5, 1, 2, 3) of age / 10^floor(log10(range)), each fit with the constraint,
# the final terms centred at the mean; x b and its stdp at the rows twoway keeps (the smallest
# age at each female).
# Run: Rscript tests/survival_reference/streg_frailty_constraints.R > tests/survival_reference/streg_frailty_constraints.json
source("tests/survival_reference/streg_frailty_likelihood.R")
z0 <- numeric(n)
# f maximised with the parameters idx held at val, from start
fit_fixed <- function(f, start, idx, val) {
  full <- function(q) { p <- start; p[idx] <- val; p[-idx] <- q; p }
  g <- function(q) f(full(q))
  o <- maxim(g, start[-idx])
  V <- matrix(0, length(start), length(start))
  V[-idx, -idx] <- solve(-optimHess(o$par, g, control = list(ndeps = rep(1e-4, length(o$par)))))
  list(b = full(o$par), V = V, ll = o$value)
}
wald_slopes <- function(b, V) {  # the free ones among age, female
  s <- which(diag(V)[1:2] > 0)
  drop(t(b[s]) %*% solve(V[s, s, drop = FALSE]) %*% b[s])
}
frailty_model <- function(dist, kind, g) {
  shared <- !identical(g, g_unshared)
  aux <- if (dist == "exponential") NULL else 0
  cons <- if (dist %in% c("lognormal", "loglogistic")) 4 else -4
  pc <- maxim(function(p) ll_plain(p, dist, X, z0), c(0, 0, cons, aux))
  f <- function(p) ll_frailty(p, dist, kind, X, g, shared, z0)
  list(f = f, fit = maxim(f, c(pc$par, -1)))
}
cases <- list(
  list(name = "weibull_gamma_shared_age", dist = "weibull", kind = "gamma", g = g_shared, idx = 1, val = 0.01),
  list(name = "weibull_invgaussian_shared_ln_the", dist = "weibull", kind = "invgaussian", g = g_shared,
       idx = 5, val = 0),
  list(name = "weibull_gamma_unshared_female", dist = "weibull", kind = "gamma", g = g_unshared, idx = 2,
       val = -1.5),
  list(name = "lognormal_gamma_shared_age", dist = "lognormal", kind = "gamma", g = g_shared, idx = 1, val = 0))
out <- list()
m <- frailty_model("weibull", "gamma", g_shared)
at <- fit_fixed(m$f, m$fit$par, 1, m$fit$par[1])
out$weibull_gamma_shared_at_estimate <- list(
  value = m$fit$par[1], b_free = m$fit$par, ll_free = m$fit$value,
  b = at$b, se = sqrt(diag(at$V)), ll = at$ll, chi2 = wald_slopes(at$b, at$V))
for (cs in cases) {
  m <- frailty_model(cs$dist, cs$kind, cs$g)
  r <- fit_fixed(m$f, m$fit$par, cs$idx, cs$val)
  out[[cs$name]] <- list(b = r$b, se = sqrt(diag(r$V)), ll = r$ll, chi2 = wald_slopes(r$b, r$V))
}

# twoway fpfitci age female, estcmd(streg) estopts(d(weibull) frailty(gamma) shared(id)
# constraints(#)): parameters (the two FP terms, female, _cons, ln_p, ln_the)
z <- d$age / 10^floor(log10(max(d$age) - min(d$age)))
source("tests/survival_reference/fracpoly_terms.R")
fp_model <- function(Xfp, idx, val) {
  Xm <- cbind(Xfp, d$female, 1)
  fit_fixed(function(q) ll_frailty(q, "weibull", "gamma", Xm, g_shared, TRUE, z0), c(0, 0, -1, -4, 0, -1),
            idx, val)
}
for (cs in list(list(name = "fpfit_female", idx = 3, val = -1.5), list(name = "fpfit_ln_the", idx = 6, val = 0))) {
  best <- NULL
  for (i in seq_along(S)) for (j in i:length(S)) {
    p <- c(S[i], S[j]); dev <- -2 * fp_model(fp(z, p), cs$idx, cs$val)$ll
    if (is.null(best) || dev < best$dev - 1e-9 * abs(best$dev)) best <- list(p = p, dev = dev)
  }
  Xc <- sweep(fp(z, best$p), 2, fp(mean(z), best$p))
  f <- fp_model(Xc, cs$idx, cs$val)
  Xt <- cbind(Xc, d$female, 1)
  o <- order(d$female, d$age)
  keep <- o[c(TRUE, diff(d$female[o]) != 0)]
  X0 <- Xt[keep, ]
  V <- f$V[1:4, 1:4]
  out[[cs$name]] <- list(powers = best$p, dev = best$dev, at = d$female[keep], xb = as.vector(X0 %*% f$b[1:4]),
                         se = sqrt(rowSums((X0 %*% V) * X0)))
}
cat(jsonlite::toJSON(out, digits = 12, auto_unbox = TRUE, pretty = TRUE), "\n")
