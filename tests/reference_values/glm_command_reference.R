# Reference values for mlm's `glm` command (tests/test_glm_command.py).
#
# Run from the repository root:  Rscript tests/reference_values/glm_command_reference.R
# writes tests/reference_values/glm_command_reference.json (committed; R is never a test
# dependency).
#
# Data: samples/data/hsb.dta with variables derived as the test derives them in mlm:
#   hi = mathach > 13;  cnt = floor(max(mathach, 0) / 3);  expo = exp(meanses);
#   pos = mathach + 3 if mathach + 3 > 0 (gamma);  per school (collapse): trials = students,
#   succ = sum(hi) (grouped binomial).
# Covariates: ses i.sector (student models), meanses sector (school model).
#
# Stata glm -> R:
#   family(binomial) link(logit)          glm(binomial("logit"))           canonical: OIM = EIM
#   family(binomial) link(probit)         glm(binomial("probit")); V = inverse observed information
#                                          (numDeriv Hessian of the log likelihood in b)
#   family(poisson) exposure(expo)        glm(poisson, offset = log(expo))
#   family(gaussian)                      glm(gaussian): V = Pearson/df (X'X)^-1; ll at sigma^2 = D/N
#   family(gamma) link(log)               glm(Gamma("log")): b, deviance, Pearson; V = (Pearson/df)
#                                          times the inverse observed information at scale 1
#   family(binomial trials) link(cloglog) glm(cbind(succ, trials - succ) ~ ., binomial("cloglog"))
#   vce(cluster school) (logit)           V = B (G/(G-1) sum_g S_g S_g') B, B = inverse information
# Deviance and Pearson chi2 as R's deviance() and sum(residuals(type = "pearson")^2);
# ll: logLik() for binomial, Poisson, Gaussian; AIC = (-2 ll + 2k)/N; BIC = D - (N-k) ln N.
suppressMessages({library(haven); library(jsonlite); library(numDeriv)})
d <- as.data.frame(read_dta("samples/data/hsb.dta"))
d$hi <- as.numeric(d$mathach > 13)
d$cnt <- floor(pmax(d$mathach, 0) / 3)
d$expo <- exp(d$meanses)
d$sector2 <- as.numeric(d$sector == 1)
d$pos <- ifelse(d$mathach + 3 > 0, d$mathach + 3, NA)

oim <- function(fit, X, y, ll) {
  H <- hessian(function(b) ll(b), coef(fit))
  solve(-H)
}
pack <- function(fit, V, ll, extra = list()) {
  n <- length(fit$y); k <- length(coef(fit))
  dev <- deviance(fit); pear <- sum(residuals(fit, type = "pearson")^2)
  c(list(b = unname(coef(fit)), se = unname(sqrt(diag(V))), deviance = dev, pearson = pear,
         N = n, ll = ll, aic = if (is.na(ll)) NA else (-2 * ll + 2 * k) / n, bic = dev - (n - k) * log(n)), extra)
}
out <- list()
X <- model.matrix(~ ses + sector2, d)
f <- glm(hi ~ ses + sector2, binomial("logit"), d)
out$logit <- pack(f, vcov(f), as.numeric(logLik(f)))
p <- fitted(f); S <- X * (d$hi - p); Sg <- rowsum(S, d$school); G <- nrow(Sg)
Vc <- vcov(f) %*% (G / (G - 1) * crossprod(Sg)) %*% vcov(f)
out$logit_cluster <- pack(f, Vc, as.numeric(logLik(f)))
f <- glm(hi ~ ses + sector2, binomial("probit"), d, control = glm.control(epsilon = 1e-12))
llp <- function(b) { e <- X %*% b; sum(d$hi * pnorm(e, log.p = TRUE) + (1 - d$hi) * pnorm(-e, log.p = TRUE)) }
out$probit <- pack(f, oim(f, X, d$hi, llp), as.numeric(logLik(f)))
f <- glm(cnt ~ ses + sector2, poisson, d, offset = log(expo))
out$poisson_exposure <- pack(f, vcov(f), as.numeric(logLik(f)))
f <- glm(mathach ~ ses + sector2, gaussian, d)
n <- nrow(d); dev <- deviance(f)
out$gaussian <- pack(f, vcov(f), -n / 2 * (1 + log(2 * pi * dev / n)))
dg <- d[!is.na(d$pos), ]; Xg <- model.matrix(~ ses + sector2, dg)
f <- glm(pos ~ ses + sector2, Gamma("log"), dg, control = glm.control(epsilon = 1e-12))
llg <- function(b) { mu <- exp(Xg %*% b); sum(-dg$pos / mu - log(mu)) }
phi <- sum(residuals(f, type = "pearson")^2) / (nrow(dg) - 3)
out$gamma_log <- pack(f, phi * oim(f, Xg, dg$pos, llg), llg(coef(f)))
sch <- aggregate(cbind(succ = hi, trials = 1) ~ school + meanses + sector2, d, sum)
Xs <- model.matrix(~ meanses + sector2, sch)
f <- glm(cbind(succ, trials - succ) ~ meanses + sector2, binomial("cloglog"), sch,
         control = glm.control(epsilon = 1e-12))
llc <- function(b) { p <- 1 - exp(-exp(Xs %*% b)); sum(dbinom(sch$succ, sch$trials, p, log = TRUE)) }
out$grouped_cloglog <- pack(f, oim(f, Xs, sch$succ, llc), llc(coef(f)))
out$grouped_cloglog$N <- nrow(sch)
out$grouped_cloglog$bic <- out$grouped_cloglog$deviance - (nrow(sch) - 3) * log(nrow(sch))
out$grouped_cloglog$aic <- (-2 * out$grouped_cloglog$ll + 6) / nrow(sch)
write_json(list(source = "tests/reference_values/glm_command_reference.R", R = R.version.string, models = out),
           "tests/reference_values/glm_command_reference.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
