# Reference numbers for sts test's weighted tests (tests/test_survival_sts_tests.py), on
# sts_km.csv (written by sts_km.R) with a stratum s = id mod 2:
#   log-rank: survdiff (rho = 0), stratified with strata(s), several variables (g + s);
#   Wilcoxon (n), Tarone-Ware (sqrt n), Peto-Peto (Stata's "ns": prod (1 - d/(n+1)) up to and
#   including t), Fleming-Harrington S(t-)^p (1 - S(t-))^q: the weighted statistic written out
#   (u = sum W (d_g - n_g d/n), V = sum W^2 n_g d (n-d)/(n(n-1)) (delta - n_h/n), chi2 = u V^- u');
#   fh(1 0) also from survdiff(rho = 1); the Cox test from coxph (Breslow ties, LR chi2);
#   the test for trend Z = sum u_g g, chi2 = Z^2 / g'Vg; delayed entry Surv(t0, t, d).
# Run: Rscript sts_tests.R  (reads sts_km.csv, writes sts_tests.json)
library(survival)
library(jsonlite)
library(MASS)
df <- read.csv("sts_km.csv")
df$s <- df$id %% 2

weighted <- function(t0, t, d, g, s, kind, p = 0, q = 0) {
  lv <- sort(unique(g)); k <- length(lv)
  U <- rep(0, k); V <- matrix(0, k, k); O <- rep(0, k); E <- rep(0, k)
  for (st in sort(unique(s))) {
    sel <- s == st
    T0 <- t0[sel]; T <- t[sel]; D <- d[sel]; G <- g[sel]
    ev <- sort(unique(T[D == 1]))
    if (length(ev) == 0) next
    N <- sapply(ev, function(u) sum(T0 < u & T >= u))
    Dt <- sapply(ev, function(u) sum(T == u & D == 1))
    km_before <- cumprod(c(1, 1 - Dt / N))[seq_along(ev)]       # S(t-)
    ns <- cumprod(1 - Dt / (N + 1))                              # Stata's ns at t
    W <- switch(kind, logrank = rep(1, length(ev)), wilcoxon = N, tware = sqrt(N), peto = ns,
                fh = km_before^p * (1 - km_before)^q)
    for (j in seq_along(ev)) {
      u <- ev[j]
      ng <- sapply(lv, function(x) sum(G == x & T0 < u & T >= u))
      dg <- sapply(lv, function(x) sum(G == x & T == u & D == 1))
      O <- O + dg; E <- E + ng * Dt[j] / N[j]
      U <- U + W[j] * (dg - ng * Dt[j] / N[j])
      if (N[j] > 1) V <- V + W[j]^2 * Dt[j] * (N[j] - Dt[j]) / (N[j] - 1) *
          (diag(ng / N[j]) - outer(ng / N[j], ng / N[j]))
    }
  }
  chi2 <- as.numeric(t(U) %*% ginv(V) %*% U)
  list(observed = O, expected = E, u = U, V = V, chi2 = chi2, df = k - 1,
       p = pchisq(chi2, k - 1, lower.tail = FALSE))
}
trend <- function(r, scores) {
  z <- sum(r$u * scores); chi2 <- z^2 / as.numeric(t(scores) %*% r$V %*% scores)
  list(chi2 = chi2, p = pchisq(chi2, 1, lower.tail = FALSE))
}
one <- rep(0, nrow(df))
out <- list()
for (kind in c("logrank", "wilcoxon", "tware", "peto")) {
  out[[kind]] <- weighted(df$t0 * 0, df$t, df$d, df$g, one, kind)
  out[[paste0(kind, "_strata")]] <- weighted(df$t0 * 0, df$t, df$d, df$g, df$s, kind)
  out[[paste0(kind, "_entry")]] <- weighted(df$t0, df$t, df$d, df$g, one, kind)
}
out$fh_1_1 <- weighted(df$t0 * 0, df$t, df$d, df$g, one, "fh", 1, 1)
out$fh_0_1 <- weighted(df$t0 * 0, df$t, df$d, df$g, one, "fh", 0, 1)
out$fh_1_0 <- weighted(df$t0 * 0, df$t, df$d, df$g, one, "fh", 1, 0)
out$fh_1_0_entry <- weighted(df$t0, df$t, df$d, df$g, one, "fh", 1, 0)
out$fh_2_1_strata <- weighted(df$t0 * 0, df$t, df$d, df$g, df$s, "fh", 2, 1)
out$survdiff_rho1 <- survdiff(Surv(t, d) ~ g, data = df, rho = 1)$chisq
out$survdiff_strata <- survdiff(Surv(t, d) ~ g + strata(s), data = df)$chisq
out$survdiff_two <- survdiff(Surv(t, d) ~ g + s, data = df)$chisq
out$trend_logrank <- trend(out$logrank, 1:3)
out$trend_peto <- trend(out$peto, 1:3)
out$trend_strata <- trend(out$logrank_strata, 1:3)
cox_lr <- function(fit) 2 * (fit$loglik[2] - fit$loglik[1])
relhaz <- function(fit, expected) { b <- c(0, coef(fit)); exp(b - sum(b * expected) / sum(expected)) }
c1 <- coxph(Surv(t, d) ~ factor(g), data = df, ties = "breslow")
c2 <- coxph(Surv(t, d) ~ factor(g) + strata(s), data = df, ties = "breslow")
c3 <- coxph(Surv(t0, t, d) ~ factor(g), data = df, ties = "breslow")
out$cox <- list(chi2 = cox_lr(c1), hazard = relhaz(c1, out$logrank$expected))
out$cox_strata <- list(chi2 = cox_lr(c2), hazard = relhaz(c2, out$logrank_strata$expected))
out$cox_entry <- list(chi2 = cox_lr(c3), hazard = relhaz(c3, out$logrank_entry$expected))
# the per-stratum log-rank tests of detail
out$detail <- lapply(0:1, function(st) survdiff(Surv(t, d) ~ g, data = df[df$s == st, ])$chisq)
# sts generate lb(na)/ub(na) and sts list, cumhaz: Nelson-Aalen H (survfit's cumhaz), its
# standard error sqrt(sum d/n^2) (survfit's std.chaz) and the interval H exp(-+z se/H)
na_table <- function(fit, level) {
  sm <- summary(fit, censored = TRUE)
  z <- qnorm(0.5 + level / 200)
  H <- sm$cumhaz; se <- sqrt(cumsum(sm$n.event / sm$n.risk^2))
  list(time = sm$time, n_risk = sm$n.risk, cumhaz = H, se = se, std_chaz = sm$std.chaz,
       lower = ifelse(H > 0, H * exp(-z * se / H), NA), upper = ifelse(H > 0, H * exp(z * se / H), NA))
}
out$na_groups <- lapply(1:3, function(k) na_table(survfit(Surv(t, d) ~ 1, data = df[df$g == k, ]), 95))
out$na_plain90 <- na_table(survfit(Surv(t, d) ~ 1, data = df), 90)
out$na_entry <- na_table(survfit(Surv(t0, t, d) ~ 1, data = df), 95)
write_json(out, "sts_tests.json", digits = NA, auto_unbox = TRUE, pretty = TRUE, matrix = "rowmajor")
