# Reference numbers for tests/test_linktest.py: the link test is a refit of the model with its
# linear prediction (_hat) and that squared (_hatsq) as the only covariates.
# Run: Rscript linktest_reference.R  (writes linktest.csv and linktest_reference.json here)
library(jsonlite)
set.seed(20261205)
n <- 80
x <- round(rnorm(n), 3)
x2 <- round(runif(n), 3)
y <- round(1 + x + 0.5 * x2 + 0.3 * x^2 + rnorm(n), 3)
yb <- as.numeric(y > 1.5)
cnt <- rpois(n, exp(0.3 + 0.4 * x))
d <- data.frame(y = y, yb = yb, cnt = cnt, x = x, x2 = x2)
write.csv(d, "linktest.csv", row.names = FALSE)
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
refit <- function(fit, family) {
  hat <- unname(if (inherits(fit, "glm")) predict(fit, type = "link") else predict(fit))
  hatsq <- hat^2
  if (is.null(family)) m <- lm(d[[all.vars(formula(fit))[1]]] ~ hat + hatsq)
  else m <- glm(d[[all.vars(formula(fit))[1]]] ~ hat + hatsq, family = family, control = ctl)
  s <- summary(m)$coefficients
  out <- list(b = unname(s[, 1]), se = unname(s[, 2]), t_hatsq = unname(s[3, 3]),
              ll = as.numeric(logLik(m)), N = n)
  if (!is.null(family) && m$family$link == "probit") {
    # Stata's probit reports the observed information (R's glm the expected one)
    X <- model.matrix(m); eta <- drop(X %*% coef(m)); yy <- m$y
    l1 <- dnorm(eta) / pnorm(eta); l0 <- dnorm(eta) / pnorm(-eta)
    w <- ifelse(yy == 1, l1 * (l1 + eta), l0 * (l0 - eta))
    se <- sqrt(diag(solve(t(X) %*% (w * X))))
    out$se <- unname(se)
    out$t_hatsq <- unname(coef(m)[3] / se[3])
  }
  if (is.null(family)) {
    out$df_r <- m$df.residual
    out$r2 <- summary(m)$r.squared
    out$rss <- sum(residuals(m)^2)
  }
  out
}
res <- list(
  regress = refit(lm(y ~ x + x2, data = d), NULL),
  logit = refit(glm(yb ~ x + x2, family = binomial, data = d, control = ctl), binomial),
  probit = refit(glm(yb ~ x + x2, family = binomial(link = "probit"), data = d, control = ctl),
                 binomial(link = "probit")),
  poisson = refit(glm(cnt ~ x + x2, family = poisson, data = d, control = ctl), poisson)
)
write(toJSON(res, digits = 15, auto_unbox = TRUE, pretty = TRUE), "linktest_reference.json")
