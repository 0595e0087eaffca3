# The random-effects complementary log-log model (xtcloglog, re) by lme4::glmer with adaptive
# Gauss-Hermite quadrature (nAGQ = 12 and 30), the pooled model (xtcloglog's comparison model,
# e(ll_c)) by glm; the population-averaged model (xtcloglog, pa vce(robust) = xtgee binomial
# cloglog exchangeable) by geepack::geeglm (sandwich SEs, the moment estimator of alpha).
# Run: Rscript xtcloglog_reference.R -> xtcloglog_reference.json
library(lme4)
library(jsonlite)
library(geepack)
d <- read.csv("xtcloglog_panels.csv")
fit_re <- function(fml, data, q) {
  m <- glmer(fml, data = data, family = binomial(link = "cloglog"), nAGQ = q,
             control = glmerControl(optimizer = "bobyqa", optCtrl = list(maxfun = 1e5)))
  # theta is sd(u); Stata's lnsig2u = 2 log sd, its SE from the Hessian lme4 gives for (theta, beta)
  # is not available directly: refit the deviance as a function of (beta, lnsig2u) below
  devfun <- update(m, devFunOnly = TRUE)
  par <- c(getME(m, "theta"), fixef(m))
  f <- function(p) { devfun(c(exp(p[1] / 2), p[-1])) / 2 }  # -ll in (lnsig2u, beta)
  p0 <- c(2 * log(par[1]), par[-1])
  opt <- optim(p0, f, method = "BFGS", control = list(reltol = 1e-14, maxit = 1000))
  H <- optimHess(opt$par, f)
  V <- solve(H)
  k <- length(opt$par)
  list(b = as.numeric(opt$par[c(2:k)]), lnsig2u = opt$par[1], ll = -opt$value,
       se = sqrt(diag(V))[c(2:k)], se_lnsig2u = sqrt(V[1, 1]), ll_lme4 = as.numeric(logLik(m)))
}
pooled <- glm(y ~ x1 + x2, data = d, family = binomial(link = "cloglog"))
out <- list(
  re12 = fit_re(y ~ x1 + x2 + (1 | id), d, 12),
  re30 = fit_re(y ~ x1 + x2 + (1 | id), d, 30),
  offset12 = fit_re(y ~ x1 + x2 + offset(off) + (1 | id), d, 12),
  ll_c = as.numeric(logLik(pooled)),
  pa = {
    g <- geeglm(y ~ x1 + x2, family = binomial(link = "cloglog"), data = d[order(d$id, d$t), ], id = id,
                waves = t, corstr = "exchangeable", control = geese.control(epsilon = 1e-13, maxit = 500))
    list(b = unname(coef(g)), se = unname(summary(g)$coefficients[, 2]), alpha = unname(unlist(g$geese$alpha)))
  })
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "xtcloglog_reference.json")
