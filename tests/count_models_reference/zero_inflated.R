# Reference values for zip/zinb (tests/test_zero_inflated.py), from pscl::zeroinfl.
# Run from this directory: Rscript zero_inflated.R > zero_inflated.json
# pscl's coefficient order: count (Intercept), x1, x2; zero (Intercept), z1; Stata's puts _cons last.
suppressMessages({library(pscl); library(MASS); library(sandwich)})
d <- read.csv("zi.csv")
ctl <- zeroinfl.control(reltol = 1e-14, maxit = 100000, EM = FALSE)
out <- list()
put <- function(name, m, extra = list()) {
  V <- vcov(m)
  out[[name]] <<- c(list(coef = unname(coef(m)), names = names(coef(m)), se = unname(sqrt(diag(V))),
                         ll = as.numeric(logLik(m))), extra)
}
m1 <- zeroinfl(y ~ x1 + x2 | z1, data = d, dist = "poisson", control = ctl)
# Vuong (Stata's m_i = ln(Pr_zip / Pr_poisson), sqrt(N) mean / sd)
p0 <- glm(y ~ x1 + x2, data = d, family = poisson)
pz <- predict(m1, type = "prob")[cbind(1:nrow(d), d$y + 1)]
pp <- dpois(d$y, fitted(p0))
m <- log(pz / pp)
put("zip", m1, list(vuong = sqrt(length(m)) * mean(m) / sd(m), ll_poisson = as.numeric(logLik(p0)),
                    n = predict(m1, type = "response")[1:5], pr = predict(m1, type = "zero")[1:5],
                    pr2 = predict(m1, type = "prob")[1:5, 3]))
m0 <- zeroinfl(y ~ 1 | z1, data = d, dist = "poisson", control = ctl)
out$zip$ll_0 <- as.numeric(logLik(m0))
m2 <- zeroinfl(y ~ x1 + x2 | z1, data = d, dist = "poisson", link = "probit", control = ctl)
put("zip_probit", m2)
m3 <- zeroinfl(y ~ x1 + x2 + offset(log(t)) | z1, data = d, dist = "poisson", control = ctl)
put("zip_exposure", m3)
m4 <- zeroinfl(y ~ x1 + x2 | z1 + offset(x1), data = d, dist = "poisson", control = ctl)
put("zip_offset2", m4)
# cluster-robust: sandwich's meat over clusters with Stata's G/(G-1) (no (N-1)/(N-k))
cl <- d$cl
s <- estfun(m1)
sums <- rowsum(s, cl)
G <- nrow(sums)
Vcl <- vcov(m1) %*% crossprod(sums) %*% vcov(m1) * G / (G - 1)
out$zip_cluster <- list(se = unname(sqrt(diag(Vcl))))
Vr <- vcov(m1) %*% crossprod(s) %*% vcov(m1) * nrow(d) / (nrow(d) - 1)
out$zip_robust <- list(se = unname(sqrt(diag(Vr))))
# zinb: pscl's theta = 1/alpha, so ln alpha = -log(theta), SE(ln alpha) = SE(log theta)
n1 <- zeroinfl(ynb ~ x1 + x2 | z1, data = d, dist = "negbin", control = ctl)
nb0 <- glm.nb(ynb ~ x1 + x2, data = d, control = glm.control(epsilon = 1e-14, maxit = 1000))
pz <- predict(n1, type = "prob", at = 0:max(d$ynb))[cbind(1:nrow(d), d$ynb + 1)]
pn <- dnbinom(d$ynb, size = nb0$theta, mu = fitted(nb0))
m <- log(pz / pn)
zipnb <- zeroinfl(ynb ~ x1 + x2 | z1, data = d, dist = "poisson", control = ctl)
n0 <- zeroinfl(ynb ~ 1 | z1, data = d, dist = "negbin", control = ctl)
put("zinb", n1, list(lnalpha = -log(n1$theta), se_lnalpha = n1$SE.logtheta, vuong = sqrt(length(m)) * mean(m) / sd(m),
                     ll_zip = as.numeric(logLik(zipnb)), ll_0 = as.numeric(logLik(n0)),
                     n = predict(n1, type = "response")[1:5], pr = predict(n1, type = "zero")[1:5],
                     pr2 = predict(n1, type = "prob", at = 0:max(d$ynb))[1:5, 3]))
n2 <- zeroinfl(ynb ~ x1 + x2 | z1, data = d, dist = "negbin", link = "probit", control = ctl)
put("zinb_probit", n2, list(lnalpha = -log(n2$theta), se_lnalpha = n2$SE.logtheta))
cat(jsonlite::toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE))
