# (about 30 minutes on one shared core: integrate() over 30 groups at every likelihood evaluation)
# Independent ML fits of mestreg's models on mestreg_sim.csv (tests/test_mestreg.py):
# the group likelihoods by R's adaptive integrate() over the random intercept (one effect) or
# by a 40 x 40 Gauss-Hermite product rule on the prior (the random slope, unstructured),
# maximised with optim(BFGS); standard errors from optimHess in (beta, ln_p, log variance
# [, Cholesky]) and the delta method to the variances.  The log likelihood is Stata's (that of
# ln t: ln f(t) + ln t for a failure).  Run: Rscript mestreg_reference.R > mestreg_reference.json
d <- read.csv("mestreg_sim.csv")
g <- split(seq_len(nrow(d)), d$hosp)
lt <- log(d$time)

llrow <- function(eta, lnp, dist) {           # per row, eta (n x K) in its metric
  if (dist == "weibull") { p <- exp(lnp); H <- exp(eta) * d$time^p
    return(d$fail * (eta + lnp + p * lt) - H) }
  if (dist == "exponential") { H <- exp(eta) * d$time; return(d$fail * (eta + lt) - H) }
  if (dist == "lognormal") { s <- exp(lnp); z <- (lt - eta) / s
    return(ifelse(d$fail == 1, dnorm(z, log = TRUE) - lnp, pnorm(-z, log.p = TRUE))) }
}

ll_ri <- function(par, dist, X) {
  k <- ncol(X); b <- par[1:k]; anc <- if (dist == "exponential") 0 else par[k + 1]
  s <- exp(0.5 * par[length(par)]); xb <- drop(X %*% b); tot <- 0
  for (r in g) {
    # scaled by the integrand's value at its mode (no underflow), over +/- 15 posterior SDs (curvature)
    h <- function(v) sum(llrow(xb + v, anc, dist)[r]) + dnorm(v, 0, s, log = TRUE)
    m <- optimize(h, c(-6 * s - 5, 6 * s + 5), maximum = TRUE)
    c0 <- m$objective
    fi <- function(u) sapply(u, function(v) { y <- exp(h(v) - c0); if (is.finite(y)) y else 0 })
    e <- 1e-3; v0 <- m$maximum; curv <- -(h(v0 + e) - 2 * c0 + h(v0 - e)) / e^2
    psd <- if (is.finite(curv) && curv > 0) 1 / sqrt(curv) else s
    tot <- tot + c0 + log(integrate(fi, v0 - 15 * psd, v0 + 15 * psd, rel.tol = 1e-9, abs.tol = 0,
                                    subdivisions = 500L, stop.on.error = FALSE)$value)
  }
  tot
}

gh <- function(n) { i <- 1:(n - 1); J <- diag(0, n); J[cbind(i, i + 1)] <- sqrt(i / 2); J[cbind(i + 1, i)] <- sqrt(i / 2)
  e <- eigen(J, symmetric = TRUE); list(x = e$values, w = sqrt(pi) * e$vectors[1, ]^2) }
rule <- gh(40)
ll_rs <- function(par, X) {                    # weibull, random slope on x and intercept, unstructured
  k <- ncol(X); b <- par[1:k]; lnp <- par[k + 1]
  L <- matrix(c(par[k + 2], par[k + 4], 0, par[k + 3]), 2)   # rows (x, _cons): L11, L21, L22
  xb <- drop(X %*% b)
  nodes <- as.matrix(expand.grid(a = rule$x, c = rule$x)) * sqrt(2)
  lw <- log(as.vector(outer(rule$w, rule$w))) - log(pi)
  U <- nodes %*% t(L)                          # (K x 2): slope, intercept
  tot <- 0
  for (r in g) {
    eta <- outer(xb[r], rep(1, nrow(U))) + outer(d$x[r], U[, 1]) + outer(rep(1, length(r)), U[, 2])
    p <- exp(lnp); H <- exp(eta) * d$time[r]^p
    l <- colSums(d$fail[r] * (eta + lnp + p * lt[r]) - H) + lw
    m <- max(l); tot <- tot + m + log(sum(exp(l - m)))
  }
  tot
}

X <- cbind(x = d$x, age = d$age, `_cons` = 1)
grad <- function(f, x) sapply(seq_along(x), function(j) { h <- 1e-5 * max(1, abs(x[j])); e <- rep(0, length(x))
  e[j] <- h; (f(x + e) - f(x - e)) / (2 * h) })
# BFGS, then Newton steps on optimHess (BFGS stops short along the flat age/_cons direction)
fit <- function(f, start) { o <- optim(start, f, method = "BFGS", control = list(fnscale = -1, maxit = 1000, reltol = 1e-14))
  x <- o$par
  for (it in 1:8) { H <- optimHess(x, f); x <- x - solve(H, grad(f, x)) }
  H <- optimHess(x, f); list(par = x, ll = f(x), V = solve(-H)) }
out <- list()
for (dist in c("weibull", "exponential", "lognormal")) {
  st <- c(0, 0, if (dist == "lognormal") 1 else -1, if (dist == "exponential") NULL else 0, log(0.3))
  r <- fit(function(p) ll_ri(p, dist, X), st)
  k <- length(r$par); J <- diag(k); J[k, k] <- exp(r$par[k])       # log variance -> variance
  est <- r$par; est[k] <- exp(r$par[k]); V <- J %*% r$V %*% t(J)
  out[[dist]] <- list(ll = r$ll, b = est, se = sqrt(diag(V)))
}
r <- fit(function(p) ll_rs(p, X), c(0.5, -0.02, -1, log(1.4), 0.3, 0.5, 0))
k <- 4; th <- r$par
tr <- function(th) { L <- matrix(c(th[5], th[7], 0, th[6]), 2); S <- L %*% t(L); c(th[1:4], S[1, 1], S[2, 2], S[1, 2]) }
J <- numDeriv_jac <- sapply(1:7, function(j) { h <- 1e-6 * max(1, abs(th[j])); e <- rep(0, 7); e[j] <- h
  (tr(th + e) - tr(th - e)) / (2 * h) })
V <- J %*% r$V %*% t(J)
out[["weibull_slope"]] <- list(ll = r$ll, b = tr(th), se = sqrt(diag(V)))
fmt <- function(v) paste0("[", paste(sprintf("%.10g", v), collapse = ", "), "]")
cat("{\n", paste(sapply(names(out), function(n) sprintf('  "%s": {"ll": %.10f, "b": %s, "se": %s}', n, out[[n]]$ll,
    fmt(out[[n]]$b), fmt(out[[n]]$se))), collapse = ",\n"), "\n}\n", sep = "")
