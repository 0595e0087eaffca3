# Reference values for tests/test_tobit_intreg.py: tobit and intreg by R's survreg (Gaussian,
# Surv(type = "interval2"), independent of mlm's Newton code) on
#  - MROZ (AER's PSID1976: Wooldridge's tobit example, hours on nwifeinc educ exper expersq age
#    kidslt6 kidsge6, ll(0)), written to mroz_hours.csv;
#  - the interval data of censored_intervals.csv (points, left-, right- and interval-censored),
#    intreg y1 y2 x1 x2; and the same by direct maximisation of the likelihood with het(x2) (optim).
# survreg's scale is sigma; its var for Log(scale) is the (b, ln sigma) block as intreg posts it.
# Run in this folder: Rscript censored_reference.R > censored_reference.json
suppressMessages({library(AER); library(survival)})
data("PSID1976")
d <- PSID1976
m <- data.frame(hours = d$hours, nwifeinc = (d$fincome - d$hours * d$wage) / 1000, educ = d$education,
                exper = d$experience, expersq = d$experience^2, age = d$age, kidslt6 = d$youngkids,
                kidsge6 = d$oldkids)
write.csv(m, "mroz_hours.csv", row.names = FALSE)
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
fit_json <- function(name, f, ll0 = NA) {
  V <- vcov(f)
  sprintf('  "%s": {"b": [%s], "se": [%s], "lnsigma": %.17g, "se_lnsigma": %.17g, "ll": %.17g, "ll_0": %s}',
          name, num(coef(f)), num(sqrt(diag(V))[seq_along(coef(f))]), log(f$scale),
          sqrt(V[nrow(V), nrow(V)]), f$loglik[2], if (is.na(ll0)) "null" else sprintf("%.17g", ll0))
}
# tobit ll(0): left-censored at 0 where hours <= 0
lo <- ifelse(m$hours <= 0, NA, m$hours); hi <- ifelse(m$hours <= 0, 0, m$hours)
t1 <- survreg(Surv(lo, hi, type = "interval2") ~ nwifeinc + educ + exper + expersq + age + kidslt6 + kidsge6,
              data = m, dist = "gaussian")
t0 <- survreg(Surv(lo, hi, type = "interval2") ~ 1, data = m, dist = "gaussian")
# two limits ll(0) ul(3000)
lo2 <- ifelse(m$hours <= 0, NA, ifelse(m$hours >= 3000, 3000, m$hours))
hi2 <- ifelse(m$hours <= 0, 0, ifelse(m$hours >= 3000, NA, m$hours))
t2 <- survreg(Surv(lo2, hi2, type = "interval2") ~ nwifeinc + educ + exper + age + kidslt6, data = m,
              dist = "gaussian")
t2r <- survreg(Surv(lo2, hi2, type = "interval2") ~ nwifeinc + educ + exper + age + kidslt6, data = m,
               dist = "gaussian", robust = TRUE)
t3c <- survreg(Surv(lo, hi, type = "interval2") ~ educ + age, data = m, dist = "gaussian", cluster = kidsge6)
# interval data
set.seed(20261202)
n <- 300
x1 <- round(rnorm(n), 3); x2 <- round(runif(n, 0, 2), 3)
ystar <- 1 + 0.8 * x1 - 0.5 * x2 + rnorm(n) * exp(0.2 + 0.3 * x2)
y1 <- floor(ystar); y2 <- y1 + 1
k <- seq_len(n) %% 10
y1[k == 0] <- NA                                          # left-censored at y2
y2[k == 1] <- NA                                          # right-censored at y1
y1[k == 2] <- y2[k == 2] <- round(ystar[k == 2], 3)       # points
y1[k == 3] <- y2[k == 3] <- NA; x1[k == 3 & seq_len(n) < 40] <- NA  # dropped
g <- rep(1:30, length.out = n)
w <- (seq_len(n) %% 3) + 1
iv <- data.frame(y1, y2, x1, x2, g, w)
write.csv(iv, "censored_intervals.csv", row.names = FALSE, na = "")
keep <- !(is.na(y1) & is.na(y2)) & !is.na(x1)
ivk <- iv[keep, ]
i1 <- survreg(Surv(y1, y2, type = "interval2") ~ x1 + x2, data = ivk, dist = "gaussian")
i0 <- survreg(Surv(y1, y2, type = "interval2") ~ 1, data = ivk, dist = "gaussian")
ic <- survreg(Surv(y1, y2, type = "interval2") ~ x1 + x2, data = ivk, dist = "gaussian", cluster = g)
iw <- survreg(Surv(y1, y2, type = "interval2") ~ x1 + x2, data = ivk, dist = "gaussian", weights = w)
# the sandwich with Stata's factor G/(G-1) (n/(n-1)): V (sum_g s_g s_g') V, the per-observation scores
# by central differences of each observation's log likelihood at the estimates (survreg's own
# dfbeta residuals are one-step approximations and differ in the 3rd digit for interval data)
sandwich <- function(f, dat, cl) {
  th <- c(coef(f), log(f$scale)); Xm <- model.matrix(~ x1 + x2, dat)
  l1 <- ifelse(is.na(dat$y1), -Inf, dat$y1); u1 <- ifelse(is.na(dat$y2), Inf, dat$y2)
  lli <- function(t) { m <- drop(Xm %*% t[1:3]); s <- exp(t[4])
    ifelse(l1 == u1, dnorm((l1 - m) / s, log = TRUE) - log(s), log(pnorm((u1 - m) / s) - pnorm((l1 - m) / s))) }
  S <- sapply(1:4, function(j) { e <- replace(numeric(4), j, 1e-6); (lli(th + e) - lli(th - e)) / 2e-6 })
  Sg <- rowsum(S, cl); G <- nrow(Sg); V <- vcov(f)
  sqrt(diag(V %*% crossprod(Sg) %*% V * G / (G - 1)))
}
# het(x2): ln sigma = g0 + g1 x2, by R's optim (BFGS) on the likelihood written out here, from the
# homoskedastic estimates; V the inverse of optimHess's numerical Hessian
het_ll <- function(t, dat) {
  m <- t[1] + t[2] * dat$x1 + t[3] * dat$x2; s <- exp(t[4] + t[5] * dat$x2)
  l1 <- ifelse(is.na(dat$y1), -Inf, dat$y1); u1 <- ifelse(is.na(dat$y2), Inf, dat$y2)
  sum(ifelse(l1 == u1, dnorm((l1 - m) / s, log = TRUE) - log(s), log(pnorm((u1 - m) / s) - pnorm((l1 - m) / s))))
}
h0 <- c(coef(i1), log(i1$scale), 0)[c(1, 2, 3, 4, 5)]
h <- optim(h0, het_ll, dat = ivk, method = "BFGS", control = list(fnscale = -1, reltol = 1e-14, maxit = 1000))
hV <- solve(-optimHess(h$par, het_ll, dat = ivk))
cat("{\n")
cat(fit_json("tobit", t1, t0$loglik[1]), ",\n", sep = "")
cat(fit_json("tobit2", t2), ",\n", sep = "")
cat(sprintf('  "tobit2_robust_se": [%s],\n', num(sqrt(diag(vcov(t2r))))))
cat(sprintf('  "tobit_cluster_se": [%s],\n', num(sqrt(diag(vcov(t3c))))))
cat(fit_json("intreg", i1, i0$loglik[1]), ",\n", sep = "")
cat(sprintf('  "intreg_cluster_se": [%s],\n', num(sandwich(i1, ivk, ivk$g))))
cat(sprintf('  "intreg_robust_se": [%s],\n', num(sandwich(i1, ivk, seq_len(nrow(ivk))))))
cat(fit_json("intreg_fweight", iw), ",\n", sep = "")
cat(sprintf('  "intreg_het": {"b": [%s], "se": [%s], "ll": %.17g}\n', num(h$par), num(sqrt(diag(hV))), h$value))
cat("}\n")
