# Reference numbers for sts (tests/test_survival_sts.py): Kaplan-Meier with log-log
# intervals (survfit conf.type="log-log"), delayed entry (Surv(t0, t, d)), and the
# log-rank / Gehan-Wilcoxon tests (survdiff rho=0; the Wilcoxon from the n-weighted statistic).
# Run: Rscript sts_km.R  (writes sts_km.csv and sts_km.json)
library(survival)
library(jsonlite)
set.seed(2026)
n <- 60
g <- rep(1:3, length.out = n)
t <- round(rexp(n, rate = c(0.10, 0.06, 0.04)[g]) + 0.5)
t <- pmin(t, 30)
d <- as.integer(t < 30 & runif(n) < 0.8)
t0 <- ifelse(seq_len(n) %% 5 == 0, pmin(2, t - 0.5), 0)
df <- data.frame(id = seq_len(n), t0 = t0, t = t, d = d, g = g)
write.csv(df, "sts_km.csv", row.names = FALSE)
tab <- function(fit) {
  s <- summary(fit, censored = TRUE)
  list(time = s$time, n_risk = s$n.risk, n_event = s$n.event, surv = s$surv,
       std_err = s$std.err, lower = s$lower, upper = s$upper, cumhaz = s$cumhaz)
}
plain <- survfit(Surv(t, d) ~ 1, data = df, conf.type = "log-log")
byg <- survfit(Surv(t, d) ~ g, data = df, conf.type = "log-log")
entry <- survfit(Surv(t0, t, d) ~ 1, data = df, conf.type = "log-log")
lev90 <- survfit(Surv(t, d) ~ 1, data = df, conf.type = "log-log", conf.int = 0.90)
groups <- lapply(1:3, function(k) tab(survfit(Surv(t, d) ~ 1, data = df[df$g == k, ], conf.type = "log-log")))
lr <- survdiff(Surv(t, d) ~ g, data = df)
# Gehan-Wilcoxon (Stata's wilcoxon): U = sum n_j (d_gj - n_gj d_j / n_j)
ev <- sort(unique(df$t[df$d == 1]))
U <- rep(0, 3); V <- matrix(0, 3, 3)
for (u in ev) {
  nr <- sapply(1:3, function(k) sum(df$t[df$g == k] >= u)); N <- sum(nr)
  dg <- sapply(1:3, function(k) sum(df$t[df$g == k] == u & df$d[df$g == k] == 1)); D <- sum(dg)
  U <- U + N * (dg - nr * D / N)
  if (N > 1) V <- V + N^2 * D * (N - D) / (N - 1) * (diag(nr / N) - outer(nr / N, nr / N))
}
wil <- as.numeric(t(U[1:2]) %*% solve(V[1:2, 1:2]) %*% U[1:2])
out <- list(plain = tab(plain), entry = tab(entry), level90 = tab(lev90), groups = groups,
            logrank = list(observed = as.numeric(lr$obs), expected = as.numeric(lr$exp), chi2 = lr$chisq,
                           p = pchisq(lr$chisq, 2, lower.tail = FALSE)),
            wilcoxon = list(chi2 = wil, p = pchisq(wil, 2, lower.tail = FALSE)))
write_json(out, "sts_km.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
