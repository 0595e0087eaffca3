# Reference values for tests/test_binreg.py (binreg.out): binreg's IRLS fits are R's glm() fits of
# the binomial family (R's IRLS, EIM standard errors from summary()); vce(robust)'s "Semirobust"
# sandwich is sandwich::vcovHC(type = "HC0") * N/(N-1) (the EIM bread); vce(cluster) vcovCL with
# G/(G-1).  Data: binreg.csv.  Run: Rscript binreg.R > binreg.out
library(sandwich)
d <- read.csv("binreg.csv")
n <- nrow(d)
out <- function(tag, what, v) cat(tag, what, sprintf("%.10g", v), "\n")
show <- function(tag, f, V = vcov(f)) {
  out(tag, "b", coef(f)); out(tag, "se", sqrt(diag(V)))
  out(tag, "deviance", deviance(f)); out(tag, "pearson", sum(residuals(f, type = "pearson")^2))
}
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
f_rr <- glm(y ~ x + a, family = binomial(link = "log"), data = d, start = c(-1, 0, 0), control = ctl)
show("rr", f_rr)
show("rr_robust", f_rr, vcovHC(f_rr, type = "HC0") * n / (n - 1))
G <- length(unique(d$cl))
show("rr_cluster", f_rr, vcovCL(f_rr, cluster = ~cl, type = "HC0", cadjust = FALSE) * G / (G - 1))
f_rd <- glm(y ~ x + a, family = binomial(link = "identity"), data = d, start = c(0.3, 0, 0), control = ctl)
show("rd", f_rd)
f_or <- glm(y ~ x + a, family = binomial(link = "logit"), data = d, control = ctl)
show("or", f_or)
logc <- binomial()  # the log-complement link ln(1 - u), as glm's logc
logc$linkfun <- function(mu) log1p(-mu)
logc$linkinv <- function(eta) -expm1(eta)
logc$mu.eta <- function(eta) -exp(eta)
logc$valideta <- function(eta) all(eta < 0)
logc$link <- "logc"
f_hr <- glm(y ~ x + a, family = logc, data = d, start = c(-0.5, 0, 0), control = ctl)
show("hr", f_hr)
f_n <- glm(cbind(k, m - k) ~ x, family = binomial(link = "log"), data = d, start = c(-1, 0), control = ctl)
show("rr_n", f_n)
# fweights: the same fit on the expanded data
e <- d[rep(seq_len(n), d$w), ]
f_fw <- glm(y ~ x + a, family = binomial(link = "log"), data = e, start = c(-1, 0, 0), control = ctl)
show("rr_fw", f_fw)
# pweights: the weighted fit, Semirobust as HC0 * N/(N-1) over the rows
f_pw <- suppressWarnings(glm(y ~ x + a, family = binomial(link = "log"), data = d, weights = w,
                             start = c(-1, 0, 0), control = ctl))
show("rr_pw", f_pw, vcovHC(f_pw, type = "HC0") * n / (n - 1))
