# Reference values for tests/test_predict_glm_influence.py: predict after glm -- hat, cooksd,
# likelihood, anscombe, standardized/studentized residuals (glim_p).  R's hatvalues() are
# glim_p's W x (X'WX)^-1 x'; cooks.distance() is h r_P^2/(phi p (1-h)^2) with phi R's dispersion
# (Pearson X2/(N-p), 1 for binomial/Poisson: Stata's default e(phi)); rstudent()'s
# likelihood residual sign(d) sqrt(d^2 + h r_P^2/(1-h)) is glim_p's for binomial/Poisson
# (R divides it by sigma for the other families); rstandard(type="deviance") is
# d/sqrt(phi (1-h)): glim_p's "standardized studentized" deviance residual.
# Run in this folder: Rscript glm_influence.R > glm_influence.json
set.seed(20261205)
n <- 40
x <- round(runif(n, 0, 4), 2)
z <- rep(0:1, length.out = n)
cnt <- rpois(n, exp(0.3 + 0.3 * x - 0.4 * z))
g <- round(rgamma(n, shape = 3, rate = 3 / exp(0.5 + 0.2 * x)), 3)
m <- rep(c(5, 8), length.out = n)
s <- rbinom(n, m, plogis(-0.5 + 0.4 * x))
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
stats <- function(f, anscombe = NULL) {
  h <- hatvalues(f)
  out <- list(hat = h, cooksd = cooks.distance(f), likelihood = rstudent(f),
              std_deviance = residuals(f, "deviance") / sqrt(1 - h),
              stu_std_deviance = rstandard(f, type = "deviance"),
              std_pearson = residuals(f, "pearson") / sqrt(1 - h),
              phi = summary(f)$dispersion)
  if (!is.null(anscombe)) out$anscombe <- anscombe
  out
}
fp <- glm(cnt ~ x + z, family = poisson, control = ctl)
mu <- fitted(fp)
sp <- stats(fp, 1.5 * (cnt^(2/3) - mu^(2/3)) / mu^(1/6))
fg <- glm(g ~ x + z, family = Gamma(link = "log"), control = ctl)
mg <- fitted(fg)
sg <- stats(fg, 3 * (g^(1/3) - mg^(1/3)) / mg^(1/3))
# the likelihood residual of a gamma fit, glim_p's (not divided by sigma)
hg <- hatvalues(fg); dg <- residuals(fg, "deviance"); pg <- residuals(fg, "pearson")
sg$likelihood <- sign(dg) * sqrt(dg^2 + hg * pg^2 / (1 - hg))
fb <- glm(cbind(s, m - s) ~ x + z, family = binomial, control = ctl)
sb <- stats(fb)
obj <- function(name, r) sprintf('  "%s": {%s}', name,
  paste(sprintf('"%s": [%s]', names(r), sapply(r, function(v) num(unname(v)))), collapse = ", "))
cat("{\n")
cat(sprintf('  "x": [%s],\n  "z": [%s],\n  "cnt": [%s],\n  "g": [%s],\n  "m": [%s],\n  "s": [%s],\n',
            num(x), num(z), num(cnt), num(g), num(m), num(s)))
cat(obj("poisson", sp), ",\n", sep = "")
cat(obj("gamma", sg), ",\n", sep = "")
cat(obj("binomial", sb), "\n", sep = "")
cat("}\n")
