# Reference values for stcrreg with delayed entry (tests/test_survival_stcrreg_delayed_entry.py).
# MASS's Melanoma data (tests/survival_reference/melanoma.csv) with entry times: every third
# subject enters at min(round(time/2), 400) (ties among the entries, some at other subjects'
# exit times), the others at 0.  Written to melanoma_entry.csv.
#
# b, the log pseudolikelihood and Breslow's baseline cumulative subhazard: survival::finegray on
# (entry, time] data -- Geskus's (2011) weights: a subject failed of the competing event stays in
# the risk sets after its failure weighted G(t-) H(t) / (G(T-) H(T)), G the censoring
# Kaplan-Meier with the entry times in its risk sets, H the reverse-time Kaplan-Meier of the entry
# times -- and coxph on its data (Breslow ties, the weights fgwt).
#
# The robust variance: coxph's has no terms for the estimated G and H, so it is computed here,
# subject by subject in loops (an implementation independent of mlm's grid code), as Fine and
# Gray's sandwich I^-1 (sum u u') I^-1 with u_i = eta_i + psiG_i + psiH_i:
#   eta_i  the subject's score residual in the weighted risk sets;
#   psiG_i = [censored] qG(T_i)/Y(T_i) - sum_{e_i < u <= T_i} c(u) qG(u)/Y(u)^2,
#            Y(u) = #{e < u <= T}, qG(u) = sum_{tau_k >= u} d_k/S0_k sum_{competing, T_j < u} w_jk r_j (x_j - xbar_k);
#   psiH_i = -[ qH(e_i)/n(e_i) - sum_{e_i <= a < T_i} m(a) qH(a)/n(a)^2 ],
#            n(a) = #{e <= a < T}, m(a) the entries at a,
#            qH(a) = sum_{tau_k > a} d_k/S0_k sum_{competing, T_j <= a} w_jk r_j (x_j - xbar_k)
# (each the linearised influence of the estimated hazard of censoring, resp. reverse hazard of
# entry, on the score, as crr's psi for G).  The same loops without delayed entry give crr's
# variance (checked below: "crr_check").
# Run from the worktree root: Rscript tests/survival_reference/finegray_delayed_entry.R > tests/survival_reference/finegray_delayed_entry.json
library(survival)
library(cmprsk)
d <- read.csv("tests/survival_reference/melanoma.csv")
d$id <- seq_len(nrow(d))
d$t0 <- ifelse(d$id %% 3 == 0, pmin(round(d$time / 2), 400), 0)
d$event <- factor(ifelse(d$status == 2, 0, ifelse(d$status == 1, 1, 2)), 0:2, c("censor", "melanoma", "other"))
write.csv(d[, c("id", "t0", "time", "status", "age", "sex", "thickness", "ulcer")],
          "tests/survival_reference/melanoma_entry.csv", row.names = FALSE)

fg_variance <- function(e, T, s, X, b) {
  X <- as.matrix(X); n <- nrow(X); p <- ncol(X)
  r <- exp(drop(X %*% b))
  u <- sort(unique(T[s == 0])); cu <- sapply(u, function(v) sum(T == v & s == 0))
  Yu <- sapply(u, function(v) sum(e < v & v <= T))
  Gm <- function(t) prod(1 - (cu / Yu)[u < t])
  a <- sort(unique(e)); ma <- sapply(a, function(v) sum(e == v)); na <- sapply(a, function(v) sum(e <= v & v < T))
  Hs <- function(t) prod(1 - (ma / na)[a >= t])
  tau <- sort(unique(T[s == 1])); dk <- sapply(tau, function(v) sum(T == v & s == 1)); K <- length(tau)
  W <- matrix(0, n, K)
  for (i in 1:n) for (k in 1:K) {
    if (e[i] < tau[k] && tau[k] <= T[i]) W[i, k] <- 1
    else if (s[i] == 2 && T[i] < tau[k]) W[i, k] <- Gm(tau[k]) * Hs(tau[k]) / (Gm(T[i]) * Hs(T[i]))
  }
  S0 <- colSums(W * r); xbar <- t(sapply(1:K, function(k) colSums(W[, k] * r * X) / S0[k]))
  if (p == 1) xbar <- matrix(xbar, ncol = 1)
  info <- matrix(0, p, p)
  for (k in 1:K) {
    S2 <- crossprod(X * sqrt(W[, k] * r)) / S0[k]
    info <- info + dk[k] * (S2 - tcrossprod(xbar[k, ]))
  }
  q_sum <- function(ks, js) {  # sum_k d_k/S0_k sum_j w_jk r_j (x_j - xbar_k)
    out <- rep(0, p)
    for (k in ks) for (j in js) out <- out + dk[k] / S0[k] * W[j, k] * r[j] * (X[j, ] - xbar[k, ])
    out
  }
  qG <- t(sapply(u, function(v) q_sum(which(tau >= v), which(s == 2 & T < v))))
  qH <- t(sapply(a, function(v) q_sum(which(tau > v), which(s == 2 & T <= v))))
  if (p == 1) { qG <- matrix(qG, ncol = 1); qH <- matrix(qH, ncol = 1) }
  U <- matrix(0, n, p)
  for (i in 1:n) {
    eta <- rep(0, p)
    if (s[i] == 1) eta <- X[i, ] - xbar[match(T[i], tau), ]
    for (k in 1:K) eta <- eta - dk[k] * W[i, k] * r[i] * (X[i, ] - xbar[k, ]) / S0[k]
    psiG <- rep(0, p)
    if (s[i] == 0) { m <- match(T[i], u); psiG <- qG[m, ] / Yu[m] }
    for (m in which(e[i] < u & u <= T[i])) psiG <- psiG - cu[m] * qG[m, ] / Yu[m]^2
    m0 <- match(e[i], a)
    psiH <- -qH[m0, ] / na[m0]
    for (m in which(e[i] <= a & a < T[i])) psiH <- psiH + ma[m] * qH[m, ] / na[m]^2
    U[i, ] <- eta + psiG + psiH
  }
  Vi <- solve(info)
  ll <- sum(log(r[s == 1])) - sum(dk * log(S0))  # the loops' weights give finegray's ll
  list(V = Vi %*% crossprod(U) %*% Vi, ll = ll)
}

out <- list()
fg <- finegray(Surv(t0, time, event) ~ age + sex + thickness + ulcer, data = d, id = id, etype = "melanoma",
               timefix = FALSE)
fit <- coxph(Surv(fgstart, fgstop, fgstatus) ~ age + sex + thickness + ulcer, weights = fgwt, data = fg,
             ties = "breslow", control = coxph.control(eps = 1e-12, iter.max = 100, timefix = FALSE))
X <- d[, c("age", "sex", "thickness", "ulcer")]
L <- fg_variance(d$t0, d$time, c(1, 0, 2)[d$status], X, coef(fit))
V <- L$V
stopifnot(abs(L$ll - fit$loglik[2]) < 1e-9)
bh <- basehaz(fit, centered = FALSE)
bh <- bh[bh$time %in% d$time[d$status == 1], ]
out$entry <- list(b = unname(coef(fit)), ll = fit$loglik[2], se = sqrt(diag(V)),
                  times = bh$time, basecsh = bh$hazard, n = nrow(d), n_delayed = sum(d$t0 > 0))
# one covariate, for fpfit's final model check and a second variance
fg1 <- finegray(Surv(t0, time, event) ~ thickness, data = d, id = id, etype = "melanoma", timefix = FALSE)
fit1 <- coxph(Surv(fgstart, fgstop, fgstatus) ~ thickness, weights = fgwt, data = fg1, ties = "breslow",
              control = coxph.control(eps = 1e-12, iter.max = 100, timefix = FALSE))
L1 <- fg_variance(d$t0, d$time, c(1, 0, 2)[d$status], d["thickness"], coef(fit1))
V1 <- L1$V
stopifnot(abs(L1$ll - fit1$loglik[2]) < 1e-9)
out$thickness <- list(b = unname(coef(fit1)), ll = fit1$loglik[2], se = sqrt(diag(V1)))
# tvc(thickness) (texp(_t)): coxph's tt() on finegray's data, thickness times the failure time
fgt <- finegray(Surv(t0, time, event) ~ age + sex + thickness, data = d, id = id, etype = "melanoma", timefix = FALSE)
fitt <- coxph(Surv(fgstart, fgstop, fgstatus) ~ age + sex + tt(thickness), weights = fgwt, data = fgt, ties = "breslow",
              tt = function(x, t, ...) x * t, control = coxph.control(eps = 1e-12, iter.max = 100, timefix = FALSE))
out$tvc <- list(b = unname(coef(fitt)), ll = fitt$loglik[2])
# twoway fpfitci thickness age, estcmd(stcrreg) estopts(compete(status==3)) on these data:
# fracpoly's powers of thickness by -2 ll of the finegray fits with age, its final fit on the
# centred terms, fracpred's x b and robust stdp (the loops' V times N/(N-1)) at the observation
# twoway keeps at each distinct age (fpfit_stcrreg_common.R)
source("tests/survival_reference/fpfit_stcrreg_common.R")
fgfit <- function(X) {
  D <- data.frame(d[, c("id", "t0", "time", "event")], X1 = X[, 1], X2 = X[, 2], age = d$age)
  g <- finegray(Surv(t0, time, event) ~ X1 + X2 + age, data = D, id = id, etype = "melanoma", timefix = FALSE)
  coxph(Surv(fgstart, fgstop, fgstatus) ~ X1 + X2 + age, weights = fgwt, data = g, ties = "breslow",
        control = coxph.control(eps = 1e-12, iter.max = 100, timefix = FALSE))
}
sc <- 10^floor(log10(max(d$thickness) - min(d$thickness)))
pw <- best_powers(d$thickness / sc, function(X) list(loglik = fgfit(X)$loglik[2]))
Xc <- sweep(fp(d$thickness / sc, pw), 2, fp(mean(d$thickness / sc), pw))
ff <- fgfit(Xc)
Lf <- fg_variance(d$t0, d$time, c(1, 0, 2)[d$status], cbind(Xc, d$age), coef(ff))
keep <- kept_rows(d$age, d$thickness)
out$fpfit <- fracpred(pw, d$age[keep], cbind(Xc[keep, ], d$age[keep]), coef(ff), Lf$V * nrow(d) / (nrow(d) - 1))
# everyone entering at 100 (stset enter(time 100)): crr on the subjects still under observation
# at 100 (H is 1 after 100, the risk sets and G those of these subjects)
late <- d[d$time > 100, ]
c100 <- crr(late$time, late$status, cbind(age = late$age), failcode = 1, cencode = 2, gtol = 1e-12, maxiter = 100)
out$common_entry <- list(b = unname(c100$coef), se = unname(sqrt(diag(c100$var))), ll = c100$loglik, n = nrow(late))
# the loops without delayed entry reproduce crr's variance
c0 <- crr(d$time, d$status, as.matrix(X), failcode = 1, cencode = 2, gtol = 1e-12, maxiter = 100)
V0 <- fg_variance(rep(0, nrow(d)), d$time, c(1, 0, 2)[d$status], X, c0$coef)$V
out$crr_check <- list(max_rel_diff = max(abs(sqrt(diag(V0)) / sqrt(diag(c0$var)) - 1)))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
