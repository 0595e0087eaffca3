# Reference values for tests/test_graphs_fpfit_glm_links.py: twoway fpfitci with estcmd(glm)
# estopts(family(binomial) link(opower -.5)) and estopts(family(nbinomial .5) link(nbinomial)).
# fracpoly's degree-2 search (fp_terms.R) by glm()'s deviance (for the 0/1 outcome -2 ll; for the
# negative binomial at fixed k the deviance is -2 ll plus a constant), the links as custom
# link-glm objects (Stata's glim_l12 and glim_l04; tests/reference_values/
# glm_odds_power_nbinomial_links.R checks them on glm itself); x b and its stdp at the distinct x,
# V the inverse observed information (Stata's glm ml; R's glm reports the expected one).
# A candidate pair on which glm() fails is skipped, as frac_154's capture skips it.
# Run in this folder: Rscript fpfit_glm_links.R > fpfit_glm_links.json
suppressMessages(library(MASS))
set.seed(20261202)
n <- 70
x <- round(runif(n, 0.5, 6), 1)
yb <- rbinom(n, 1, 0.35 + 0.3 * x / 6)
yn <- rnbinom(n, size = 2, mu = 1 + 1.5 * sqrt(x))
source("fp_terms.R")
opower <- function(a) structure(list(
  linkfun = function(mu) ((mu / (1 - mu))^a - 1) / a,
  linkinv = function(eta) { o <- (1 + a * eta)^(1 / a); o / (1 + o) },
  mu.eta = function(eta) { o <- (1 + a * eta)^(1 / a); mu <- o / (1 + o); mu^(1 - a) * (1 - mu)^(1 + a) },
  valideta = function(eta) all(is.finite(eta)) && all(1 + a * eta > 0),
  name = "opower"), class = "link-glm")
nblink <- function(k) structure(list(
  linkfun = function(mu) log(mu / (mu + 1 / k)),
  linkinv = function(eta) (1 / k) / (exp(-eta) - 1),
  mu.eta = function(eta) { mu <- (1 / k) / (exp(-eta) - 1); mu * (1 + k * mu) },
  valideta = function(eta) all(is.finite(eta)) && all(eta < 0),
  name = "nbinomial"), class = "link-glm")
best_powers <- function(y, fam) {  # fp_terms.R's, a failing candidate skipped
  bestdev <- Inf
  for (i in seq_along(S)) for (j in i:length(S)) {
    p <- c(S[i], S[j])
    d <- tryCatch(deviance(glm(y ~ terms(z, p), family = fam,
                               control = glm.control(epsilon = 1e-14, maxit = 200))), error = function(e) Inf)
    if (d < bestdev - 1e-9) { bestdev <- d; bp <- p }
  }
  list(powers = bp, dev = bestdev)
}
# -d2 ll/d eta2 = h'^2/V - (y - mu)(h''/V - h'^2 V'/V^2), h'' by a central difference of mu.eta
curvature_of <- function(fam, dvar) function(y, eta) {
  mu <- fam$linkinv(eta); h1 <- fam$mu.eta(eta); V <- fam$variance(mu)
  h2 <- (fam$mu.eta(eta + 1e-6) - fam$mu.eta(eta - 1e-6)) / 2e-6
  h1^2 / V - (y - mu) * (h2 / V - h1^2 * dvar(mu) / V^2)
}
fb <- binomial(link = opower(-0.5))
fn <- negative.binomial(theta = 2, link = nblink(0.5))
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
out <- function(name, r) sprintf('  "%s": {"powers": [%s], "at": [%s], "xb": [%s], "se": [%s]}',
                                 name, num(r$powers), num(r$at), num(r$xb), num(r$se))
cat("{\n")
cat(sprintf('  "x": [%s],\n  "yb": [%s],\n  "yn": [%s],\n', num(x), num(yb), num(yn)))
cat(out("opower", fp_fit(yb, fb, curvature_of(fb, function(mu) 1 - 2 * mu))), ",\n", sep = "")
cat(out("nbinomial", fp_fit(yn, fn, curvature_of(fn, function(mu) 1 + 2 * 0.5 * mu))), "\n", sep = "")
cat("}\n")
