# xtologit / xtoprobit reference values (tests/test_xtologit.py): the random-effects ordered
# logit/probit likelihood of the wine data (xtologit_wine.csv: rating 1-5, warm, yes, judge)
# integrated over u_j ~ N(0, s^2) by integrate() (no quadrature rule), maximised by optim();
# SEs from optimHess() in the metric (b, cuts, ln s^2), sigma2_u's by the delta method.
# The comparison model (s = 0) gives ll_c.  Run: Rscript xtologit_reference.R > xtologit_reference.json
d <- read.csv("xtologit_wine.csv")
X <- cbind(d$warm, d$yes)
groups <- split(seq_len(nrow(d)), d$judge)
K <- 5
cdf <- list(logit = plogis, probit = pnorm)

ll_fixed <- function(par, F) {
  b <- par[1:2]; cuts <- c(-Inf, par[3:6], Inf); xb <- drop(X %*% b)
  sum(log(F(cuts[d$rating + 1] - xb) - F(cuts[d$rating] - xb)))
}

ll_re <- function(par, F) {
  b <- par[1:2]; cuts <- c(-Inf, par[3:6], Inf); s <- exp(par[7] / 2); xb <- drop(X %*% b)
  total <- 0
  for (g in groups) {
    f <- function(u) sapply(u, function(v) prod(F(cuts[d$rating[g] + 1] - xb[g] - v) -
                                                 F(cuts[d$rating[g]] - xb[g] - v))) * dnorm(u, 0, s)
    total <- total + log(integrate(f, -Inf, Inf, rel.tol = 1e-12, abs.tol = 0)$value)
  }
  total
}

fit_one <- function(link) {
  F <- cdf[[link]]
  start <- c(1, 1, -1, 1, 3, 4)
  o0 <- optim(start, function(p) -ll_fixed(p, F), method = "BFGS", control = list(reltol = 1e-15, maxit = 1000))
  o <- optim(c(o0$par, 0), function(p) -ll_re(p, F), method = "BFGS",
             control = list(reltol = 1e-15, maxit = 2000))
  H <- optimHess(o$par, function(p) -ll_re(p, F))
  V <- solve(H)
  v <- exp(o$par[7])
  list(command = if (link == "logit") "xtologit rating warm yes" else "xtoprobit rating warm yes",
       loglik = -o$value, ll_c = -o0$value, b = o$par[1:6], se = sqrt(diag(V))[1:6],
       sigma2_u = v, se_sigma2_u = v * sqrt(V[7, 7]))
}

out <- lapply(c("logit", "probit"), fit_one)
fmt <- function(x) paste0("[", paste(sprintf("%.12g", x), collapse = ", "), "]")
cat("[\n")
for (i in seq_along(out)) {
  r <- out[[i]]
  cat(sprintf('  {"command": "%s", "loglik": %.12g, "ll_c": %.12g, "b": %s, "se": %s, "sigma2_u": %.12g, "se_sigma2_u": %.12g}%s\n',
              r$command, r$loglik, r$ll_c, fmt(r$b), fmt(r$se), r$sigma2_u, r$se_sigma2_u,
              if (i < length(out)) "," else ""))
}
cat("]\n")
