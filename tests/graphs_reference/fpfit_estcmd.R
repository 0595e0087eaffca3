# Reference values for tests/test_graphs_fpfit_estcmd.py: twoway fpfit/fpfitci with
# estcmd(logit|probit|poisson).  fracpoly's degree-2 search written out with glm(): x (positive,
# range below 10: divided by 10^floor(log10(range)) = 1) in the terms of each pair of powers
# from S = {-2, -1, -.5, 0, .5, 1, 2, 3} (a repeated power times log x), the pair of the
# smallest deviance; the final model's terms centred at the mean of x (fracpoly's default, which
# changes no fitted value with a constant); fracpred's linear predictor x b and its stdp at the
# distinct x, the band x b -/+ invnormal(.975) stdp (no e(df_r)); V from R's glm (the
# information matrix; for probit the observed one, as Stata's probit, written out below).  Poisson's deviance residual
# at the smallest y of each distinct x (fracpred's dresid).  Run in this folder: Rscript fpfit_estcmd.R > fpfit_estcmd.json
set.seed(20261204)
n <- 80
x <- round(runif(n, 0.5, 6), 1)
eta <- -1 + 1.2 * log(x) - 0.1 * x
yb <- rbinom(n, 1, plogis(eta))
yc <- rpois(n, exp(0.3 + 0.5 * log(x)))
source("fp_terms.R")  # S, terms(), the scaled z
best <- function(y, fam) {
  bestdev <- Inf
  for (i in seq_along(S)) for (j in i:length(S)) {
    p <- c(S[i], S[j])
    d <- deviance(glm(y ~ terms(z, p), family = fam, control = glm.control(epsilon = 1e-14, maxit = 100)))
    if (d < bestdev - 1e-9) { bestdev <- d; bp <- p }
  }
  centre <- terms(mean(z), bp)
  X <- sweep(terms(z, bp), 2, centre)
  fit <- glm(y ~ X, family = fam, control = glm.control(epsilon = 1e-14, maxit = 100))  # converged further than glm's default
  at <- sort(unique(x))
  X0 <- cbind(1, sweep(terms(at / scale, bp), 2, centre))
  xb <- as.vector(X0 %*% coef(fit))
  V <- vcov(fit)
  if (fam$link == "probit") {
    # Stata's probit: the observed information; R's glm reports the expected one (the two
    # differ for a non-canonical link): -d2 ll/d eta2 = l (l + eta) at y = 1, l = phi/Phi,
    # and l0 (l0 - eta) at y = 0, l0 = phi/(1 - Phi)
    Xf <- cbind(1, X)
    e <- as.vector(Xf %*% coef(fit))
    l1 <- dnorm(e) / pnorm(e)
    l0 <- dnorm(e) / pnorm(-e)
    v <- ifelse(y == 1, l1 * (l1 + e), l0 * (l0 - e))
    V <- solve(crossprod(Xf, Xf * v))
  }
  se <- sqrt(rowSums((X0 %*% V) * X0))
  list(powers = bp, at = at, xb = xb, se = se, dev = bestdev)
}
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
out <- function(name, r) sprintf('  "%s": {"powers": [%s], "at": [%s], "xb": [%s], "se": [%s]}', name,
                                 num(r$powers), num(r$at), num(r$xb), num(r$se))
lg <- best(yb, binomial("logit"))
pr <- best(yb, binomial("probit"))
po <- best(yc, poisson())
first <- sapply(po$at, function(v) min(yc[x == v]))
mu <- exp(po$xb)
dres <- sign(first - mu) * sqrt(ifelse(first == 0, 2 * mu, 2 * (first * log(ifelse(first > 0, first, 1) / mu) - (first - mu))))
cat("{\n")
cat(sprintf('  "x": [%s],\n  "yb": [%s],\n  "yc": [%s],\n', num(x), num(yb), num(yc)))
cat(out("logit", lg), ",\n", sep = "")
cat(out("probit", pr), ",\n", sep = "")
cat(out("poisson", po), ",\n", sep = "")
cat(sprintf('  "poisson_dresid": [%s]\n', num(dres)))
cat("}\n")
