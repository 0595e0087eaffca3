# Reference numbers for sts's adjustfor()/strata(), hazard and the Nelson-Aalen band
# (tests/test_survival_sts_adjusted.py) on sts_km.csv.
# adjustfor(): Stata's sts runs stcox adjustfor [, strata()] (Breslow ties) and takes the
# baseline survivor at covariates 0 -- Kalbfleisch-Prentice's product, R's survfit at x = 0
# with stype = 1, ctype = 1; by(): one fit per group; strata(): one fit, a baseline per stratum.
# hazard: Stata's kernel sum of the hazard contributions d/n at the failure times (kdensity
# [iw = d/n], Stata's epanechnikov kernel 3/4 (1 - z^2/5)/sqrt(5) on |z| < sqrt(5)) at 101 points
# from the first to the last failure time, kept on [L + h, R - h] (boundary restriction);
# variance sum K^2 d/n^2 / h^2 and the band h exp(+-z sd/h).
# Run: Rscript sts_adjusted.R  (writes sts_adjusted.json)
library(survival)
library(jsonlite)
df <- read.csv("sts_km.csv")
df$x <- ((df$id * 37) %% 11 - 5) / 4
df$z <- as.integer(df$id %% 3 == 0)
base <- function(fit, nd) {
  s <- survfit(fit, newdata = nd, stype = 1, ctype = 1)
  list(time = s$time, surv = as.numeric(s$surv))
}
zero <- data.frame(x = 0, z = 0)
f1 <- coxph(Surv(t, d) ~ x, data = df, ties = "breslow")
f2 <- coxph(Surv(t, d) ~ x + z, data = df, ties = "breslow")
byg <- lapply(1:3, function(k) base(coxph(Surv(t, d) ~ x, data = df[df$g == k, ], ties = "breslow"), zero))
fs <- coxph(Surv(t, d) ~ x + strata(g), data = df, ties = "breslow")
ss <- survfit(fs, newdata = zero, stype = 1, ctype = 1)
strata <- lapply(1:3, function(k) { s <- ss[k]; list(time = s$time, surv = as.numeric(s$surv)) })
f1e <- coxph(Surv(t0, t, d) ~ x, data = df, ties = "breslow")

K <- function(u) ifelse(abs(u) < sqrt(5), 0.75 * (1 - u^2 / 5) / sqrt(5), 0)
contributions <- function(sub) {
  ev <- sort(unique(sub$t[sub$d == 1]))
  n <- sapply(ev, function(u) sum(sub$t >= u))
  dd <- sapply(ev, function(u) sum(sub$t == u & sub$d == 1))
  list(t = ev, dh = dd / n, dv = dd / n^2)
}
smooth <- function(cc, grid, h, lo, hi, boundary, level = 95) {
  w <- outer(grid, cc$t, function(a, b) K((a - b) / h))
  y <- as.numeric(w %*% cc$dh) / h
  v <- as.numeric(w^2 %*% cc$dv) / h^2
  keep <- if (boundary) grid >= lo + h & grid <= hi - h else grid >= lo & grid <= hi
  y <- pmax(y, 0); zq <- qnorm(0.5 + level / 200)
  list(at = grid[keep], y = y[keep], lower = (y * exp(-zq * sqrt(v) / y))[keep],
       upper = (y * exp(zq * sqrt(v) / y))[keep])
}
cp <- contributions(df)
grid <- min(cp$t) + (max(cp$t) - min(cp$t)) * (0:100) / 100
haz_plain <- smooth(cp, grid, 4, min(cp$t), max(cp$t), TRUE)
haz_nob <- smooth(cp, grid, 4, min(cp$t), max(cp$t), FALSE)
haz_by <- lapply(1:3, function(k) { ck <- contributions(df[df$g == k, ]); smooth(ck, grid, 6, min(ck$t), max(ck$t), TRUE) })

na_ci <- with(cp, { A <- cumsum(dh); se <- sqrt(cumsum(dv)); zq <- qnorm(0.975)
  list(time = t, cumhaz = A, lower = A * exp(-zq * se / A), upper = A * exp(zq * se / A)) })

out <- list(adjust_x = base(f1, zero), adjust_xz = base(f2, zero), adjust_by = byg, adjust_strata = strata,
            adjust_entry = base(f1e, zero), b_x = as.numeric(coef(f1)),
            hazard = haz_plain, hazard_noboundary = haz_nob, hazard_by = haz_by, na_ci = na_ci)
write_json(out, "sts_adjusted.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
