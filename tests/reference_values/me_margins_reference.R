# Reference values for margins after mepoisson with exposure() and melogit with binomial trials
# (tests/test_me_margins_offset.py): lme4 glmer (Laplace, nAGQ = 1 -- Stata's intmethod(laplace))
# and the delta method computed here on glmer's estimates and vcov (the fixed-effects block of the
# inverse Hessian over all parameters, as Stata's e(V)).
#
# Run from the repository root:  OPENBLAS_NUM_THREADS=1 Rscript tests/reference_values/me_margins_reference.R
# writes tests/reference_values/me_margins_reference.json.  R is never a test dependency.
#
# Data: samples/data/hsb.dta with (as the test derives them in mlm)
#   cnt = floor(max(mathach, 0) / 3)   expo = exp(meanses)
#   n2  = 1 + mod(school, 3)           k = min(n2, max(0, floor(mathach / 8)))
# Predictions (Stata's margins after the me commands: the fixed portion, random effects 0):
#   mepoisson cnt ses female, exposure(expo) || school:   mu_i = exp(x_i b + ln expo_i)
#     margins                      mean_i mu_i
#     margins, at(ses=(0 1))       mean_i mu_i with ses set to 0, 1
#     margins, dydx(ses)           mean_i b_ses mu_i
#     margins, predict(nooffset)   mean_i exp(x_i b)
#   melogit k ses || school:, binomial(n2)                mu_i = n2_i invlogit(x_i b)
#     margins                      mean_i mu_i
#     margins, dydx(ses)           mean_i n2_i p_i (1 - p_i) b_ses
# SE: sqrt(J V J'), J = d(margin)/d b (analytic).
suppressMessages({ library(haven); library(lme4); library(jsonlite) })

d <- as.data.frame(read_dta("samples/data/hsb.dta"))
d$cnt <- floor(pmax(d$mathach, 0) / 3)
d$expo <- exp(d$meanses)
d$n2 <- 1 + d$school %% 3
d$k <- pmin(d$n2, pmax(0, floor(d$mathach / 8)))
d$school <- factor(d$school)
ctrl <- glmerControl(optimizer = "bobyqa", optCtrl = list(maxfun = 1e5))

margin <- function(X, b, V, f, df) {  # f: eta -> mean contribution, df: its derivative in eta (matrix form)
  eta <- as.vector(X %*% b)
  m <- mean(f(eta))
  J <- colMeans(df(eta) * X)
  c(m, sqrt(as.numeric(t(J) %*% V %*% J)))
}

out <- list()
m1 <- glmer(cnt ~ ses + female + (1 | school) + offset(log(expo)), d, poisson, nAGQ = 1, control = ctrl)
b <- fixef(m1); V <- as.matrix(vcov(m1))
X <- model.matrix(~ ses + female, d)
off <- log(d$expo)
res <- list()
res$margins <- margin(X, b, V, function(e) exp(e + off), function(e) exp(e + off))
for (s in c(0, 1)) {
  Xs <- X; Xs[, "ses"] <- s
  res[[paste0("at_ses_", s)]] <- margin(Xs, b, V, function(e) exp(e + off), function(e) exp(e + off))
}
# dydx(ses): mean(b_ses exp(eta)); J = mean(exp(eta) (e_ses + b_ses x))
eta <- as.vector(X %*% b) + off
mu <- exp(eta)
J <- colMeans(b[["ses"]] * mu * X); J[["ses"]] <- J[["ses"]] + mean(mu)
res$dydx_ses <- c(mean(b[["ses"]] * mu), sqrt(as.numeric(t(J) %*% V %*% J)))
res$nooffset <- margin(X, b, V, exp, exp)
out$poisson_exposure <- list(stata = "mepoisson cnt ses female, exposure(expo) || school:, intmethod(laplace)",
                             b = unname(c(b[-1], b[1])), ll = as.numeric(logLik(m1)), margins = res)

m2 <- glmer(cbind(k, n2 - k) ~ ses + (1 | school), d, binomial, nAGQ = 1, control = ctrl)
b <- fixef(m2); V <- as.matrix(vcov(m2))
X <- model.matrix(~ ses, d)
n <- d$n2
res <- list()
res$margins <- margin(X, b, V, function(e) n * plogis(e), function(e) n * dlogis(e))
p <- plogis(as.vector(X %*% b))
g <- n * p * (1 - p)
J <- colMeans(b[["ses"]] * g * (1 - 2 * p) * X); J[["ses"]] <- J[["ses"]] + mean(g)
res$dydx_ses <- c(mean(b[["ses"]] * g), sqrt(as.numeric(t(J) %*% V %*% J)))
out$binomial_trials <- list(stata = "melogit k ses || school:, binomial(n2) intmethod(laplace)",
                            b = unname(c(b[-1], b[1])), ll = as.numeric(logLik(m2)), margins = res)

writeLines(toJSON(list(source = "tests/reference_values/me_margins_reference.R",
                       lme4 = as.character(packageVersion("lme4")), models = out),
                  auto_unbox = TRUE, digits = NA, pretty = TRUE),
           "tests/reference_values/me_margins_reference.json")
