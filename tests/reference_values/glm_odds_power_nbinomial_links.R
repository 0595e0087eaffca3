# Reference values for glm's link(opower #) and link(nbinomial)
# (tests/test_glm_odds_power_nbinomial_links.py).
#
# Run from the repository root:
#   Rscript tests/reference_values/glm_odds_power_nbinomial_links.R
# writes tests/reference_values/glm_odds_power_nbinomial_links.json (committed; R is never a
# test dependency).
#
# Data: samples/data/hsb.dta, hi = mathach > 13, cnt = floor(max(mathach, 0) / 3), model ~ ses.
# Links as custom link-glm objects (Stata's glim_l12 and glim_l04):
#   opower a:  eta = ((mu/(1-mu))^a - 1)/a,  mu = o/(1+o) with o = (1 + a eta)^(1/a),
#              dmu/deta = mu^(1-a) (1-mu)^(1+a)
#   nbinomial: eta = ln(mu/(mu + 1/k)),  mu = (1/k)/(exp(-eta) - 1),  dmu/deta = mu (1 + k mu)
# Stata glm -> R:
#   family(binomial) link(opower a)      glm(binomial(link = opower(a))), a = -1 and -.3 (a > 0
#                                        bounds eta below, -1/a, which this ses slope crosses)
#   family(nbinomial k) link(nbinomial)  glm(MASS::negative.binomial(theta = 1/k, link = nblink(k)))
#   family(poisson) link(nbinomial)      glm(poisson(link = nblink(1)))  (glm.ado's k is 1 then)
# V: Stata's glm (ml, OIM) is the inverse observed information at phi = 1 (numDeriv Jacobian of
# the score in b); ll the family's log likelihood; mu and xb (predict mu / xb) at the
# first 5 rows.
suppressMessages({library(haven); library(jsonlite); library(numDeriv); library(MASS)})
d <- as.data.frame(read_dta("samples/data/hsb.dta"))
d$hi <- as.numeric(d$mathach > 13)
d$cnt <- floor(pmax(d$mathach, 0) / 3)

opower <- function(a) structure(list(
  linkfun = function(mu) ((mu / (1 - mu))^a - 1) / a,
  linkinv = function(eta) { o <- (1 + a * eta)^(1 / a); o / (1 + o) },
  mu.eta = function(eta) { o <- (1 + a * eta)^(1 / a); mu <- o / (1 + o); mu^(1 - a) * (1 - mu)^(1 + a) },
  valideta = function(eta) all(is.finite(eta)) && all(1 + a * eta > 0),
  name = paste0("opower(", a, ")")), class = "link-glm")
nblink <- function(k) structure(list(
  linkfun = function(mu) log(mu / (mu + 1 / k)),
  linkinv = function(eta) (1 / k) / (exp(-eta) - 1),
  mu.eta = function(eta) { mu <- (1 / k) / (exp(-eta) - 1); mu * (1 + k * mu) },
  valideta = function(eta) all(is.finite(eta)) && all(eta < 0),
  name = paste0("nbinomial(", k, ")")), class = "link-glm")

ctl <- glm.control(epsilon = 1e-14, maxit = 200)
X <- cbind(d$ses, 1)
ll_fun <- function(fam, y, kind, k = 1) function(b) {
  mu <- fam$linkinv(as.vector(X %*% b))
  if (kind == "binomial") sum(dbinom(y, 1, mu, log = TRUE))
  else if (kind == "poisson") sum(dpois(y, mu, log = TRUE))
  else sum(dnbinom(y, size = 1 / k, mu = mu, log = TRUE))
}
pack <- function(fit, y, kind, k = 1) {
  # glm()'s IRLS can stop short at the edge of the link's domain (opower -1: eta < 1); the
  # optimum is polished by maximising the log likelihood from glm()'s estimate
  fam <- family(fit)
  ll <- ll_fun(fam, y, kind, k)
  start <- unname(coef(fit)[c(2, 1)])  # Stata's order: ses, _cons
  neg <- function(b) { v <- -ll(b); if (is.finite(v)) v else 1e300 }
  b <- start
  for (restart in 1:3) b <- optim(b, neg, control = list(reltol = 1e-15, maxit = 20000))$par
  if (ll(b) < ll(start)) b <- start
  # the observed information: the Jacobian of the analytic score X'((y - mu) mu'(eta)/V(mu)),
  # small steps as opower -1's optimum is near the edge eta = 1
  score <- function(b) { eta <- as.vector(X %*% b); mu <- fam$linkinv(eta)
    as.vector(crossprod(X, (y - mu) * fam$mu.eta(eta) / fam$variance(mu))) }
  V <- solve(-jacobian(score, b, method.args = list(d = 1e-4)))
  eta <- as.vector(X %*% b); mu <- fam$linkinv(eta)
  list(b = b, se = sqrt(diag(V)), ll = ll(b), deviance = sum(fam$dev.resids(y, mu, rep(1, length(y)))),
       pearson = sum((y - mu)^2 / fam$variance(mu)), mu = mu[1:5], xb = eta[1:5])
}
models <- list(
  opower_minus_one = pack(glm(hi ~ ses, family = binomial(link = opower(-1)), data = d, control = ctl,
                             start = c(-0.4, 0.4)),
                         d$hi, "binomial"),
  opower_minus = pack(glm(hi ~ ses, family = binomial(link = opower(-0.3)), data = d, control = ctl), d$hi, "binomial"),
  nbinomial_half = pack(glm(cnt ~ ses, family = negative.binomial(theta = 2, link = nblink(0.5)), data = d,
                            control = ctl, start = c(-0.5, 0.1)), d$cnt, "nbinomial", 0.5),
  poisson_nblink = pack(glm(cnt ~ ses, family = poisson(link = nblink(1)), data = d, control = ctl,
                            start = c(-0.5, 0.1)), d$cnt, "poisson"))
write_json(list(models = models), "tests/reference_values/glm_odds_power_nbinomial_links.json",
           digits = NA, auto_unbox = TRUE, pretty = TRUE)
