# Independent reference values for mean/total/ratio/proportion outside svy and for ci/cii.
# Run: Rscript reference.R  (writes reference.json next to this script).
# Packages: survey (linearized variances), jsonlite; base R for the intervals.
suppressMessages({library(survey); library(jsonlite)})
d <- read.csv("data.csv")
n <- nrow(d)
out <- list()
tci <- function(b, se, df, level = 0.95) { q <- qt(1 - (1 - level) / 2, df); c(b - q * se, b + q * se) }
rec <- function(b, se, df, level = 0.95) {
  b <- as.numeric(b); se <- as.numeric(se); ci <- tci(b, se, df, level)
  list(b = as.numeric(b), se = as.numeric(se), lb = as.numeric(ci[1]), ub = as.numeric(ci[2]), df = df)
}
# -- mean, unweighted: s/sqrt(n), t on n - 1
out$mean_y <- rec(mean(d$y), sd(d$y) / sqrt(n), n - 1)
out$mean_x <- rec(mean(d$x), sd(d$x) / sqrt(n), n - 1)
out$mean_y_level90 <- rec(mean(d$y), sd(d$y) / sqrt(n), n - 1, 0.90)
# -- over(g): each group's s/sqrt(n_g), the df of the whole sample
out$mean_y_over_g <- lapply(split(d$y, d$g), function(v) rec(mean(v), sd(v) / sqrt(length(v)), n - 1))
# -- fweights: the expanded data's mean and SE (df: observations - 1, see descriptive.py)
e <- d[rep(seq_len(n), d$f), ]
out$mean_y_fw <- rec(mean(e$y), sd(e$y) / sqrt(nrow(e)), n - 1)
# -- aweights: [R] mean's formula with weights normalized to sum to n
w <- d$pw * n / sum(d$pw); yb <- sum(w * d$y) / n
out$mean_y_aw <- rec(yb, sqrt(sum(w * (d$y - yb)^2) / (n * (n - 1))), n - 1)
# -- iweights (pw as iweights): 1/(W(W-1)) sum w (y - ybar)^2
W <- sum(d$pw); yi <- sum(d$pw * d$y) / W
out$mean_y_iw <- rec(yi, sqrt(sum(d$pw * (d$y - yi)^2) / (W * (W - 1))), n - 1)
# -- pweights, clusters: the survey package's with-replacement linearization
des_pw <- svydesign(ids = ~1, weights = ~pw, data = d)
des_cl <- svydesign(ids = ~c, data = d, weights = ~rep(1, n))
des_pwcl <- svydesign(ids = ~c, weights = ~pw, data = d)
C <- length(unique(d$c))
m <- svymean(~y, des_pw); out$mean_y_pw <- rec(coef(m), SE(m), n - 1)
m <- svymean(~y, des_cl); out$mean_y_cluster <- rec(coef(m), SE(m), C - 1)
m <- svymean(~y, des_pwcl); out$mean_y_pw_cluster <- rec(coef(m), SE(m), C - 1)
m <- svyby(~y, ~g, des_pw, svymean)
out$mean_y_over_g_pw <- lapply(seq_len(nrow(m)), function(i) rec(m$y[i], m$se[i], n - 1))
# -- total: the mean times n (fw: N; pw: the weight sum), its SE scaled the same way
out$total_y <- rec(n * mean(d$y), sqrt(n) * sd(d$y), n - 1)
out$total_y_fw <- rec(nrow(e) * mean(e$y), sqrt(nrow(e)) * sd(e$y), n - 1)
m <- svymean(~y, des_pw); out$total_y_pw <- rec(W * coef(m), W * SE(m), n - 1)
out$total_y_aw <- rec(n * yb, n * sqrt(sum(w * (d$y - yb)^2) / (n * (n - 1))), n - 1)  # aweights: n, not W
# -- ratio: linearized (survey's svyratio), fweights as the expanded data
des_1 <- svydesign(ids = ~1, data = d, weights = ~rep(1, n))
r <- svyratio(~y, ~x, des_1); out$ratio_y_x <- rec(coef(r), SE(r), n - 1)
des_e <- svydesign(ids = ~1, data = e, weights = ~rep(1, nrow(e)))
r <- svyratio(~y, ~x, des_e); out$ratio_y_x_fw <- rec(coef(r), SE(r), n - 1)
r <- svyratio(~y, ~x, des_pw); out$ratio_y_x_pw <- rec(coef(r), SE(r), n - 1)
# -- proportion (Stata 13): p and sqrt(p (1 - p) / (n - 1)), t on n - 1
out$proportion_g <- lapply(split(d$g, d$g), function(v) {
  p <- length(v) / n; rec(p, sqrt(p * (1 - p) / (n - 1)), n - 1) })
# -- ci means: t.test's interval
tt <- t.test(d$y); out$ci_mean_y <- list(N = n, mean = mean(d$y), se = sd(d$y) / sqrt(n),
                                         lb = tt$conf.int[1], ub = tt$conf.int[2])
tt <- t.test(d$y, conf.level = 0.9); out$ci_mean_y_90 <- list(lb = tt$conf.int[1], ub = tt$conf.int[2])
# -- ci binomial: exact (binom.test), Wilson (prop.test without correction), Jeffreys (beta
#    quantiles), Agresti-Coull and Wald (their formulas)
k <- sum(d$b); z <- qnorm(0.975); p <- k / n
out$ci_b_exact <- as.list(binom.test(k, n)$conf.int)
out$ci_b_wilson <- as.list(prop.test(k, n, correct = FALSE)$conf.int)
out$ci_b_jeffreys <- as.list(qbeta(c(0.025, 0.975), k + 0.5, n - k + 0.5))
nt <- n + z^2; pt <- (k + z^2 / 2) / nt
out$ci_b_agresti <- list(pt - z * sqrt(pt * (1 - pt) / nt), pt + z * sqrt(pt * (1 - pt) / nt))
out$ci_b_wald <- list(p - z * sqrt(p * (1 - p) / n), p + z * sqrt(p * (1 - p) / n))
out$ci_b_k <- k
# -- ci poisson: exact (poisson.test) over the exposure's total, and per observation
ci <- poisson.test(sum(d$k), sum(d$t))$conf.int
out$ci_k_exposure <- list(lb = ci[1], ub = ci[2], T = sum(d$t), K = sum(d$k))
out$ci_k <- as.list(poisson.test(sum(d$k), n)$conf.int)
out$cii_poisson_10_3 <- as.list(poisson.test(3, 10)$conf.int)
out$cii_exact_10_0 <- as.list(binom.test(0, 10)$conf.int)
# -- ci variances: chi-squared interval; Bonett (2006) from his equations
s2 <- var(d$y)
out$ci_var_y <- list(Var = s2, lb = (n - 1) * s2 / qchisq(0.975, n - 1), ub = (n - 1) * s2 / qchisq(0.025, n - 1))
bonett <- function(x, level = 0.95) {
  n <- length(x); zz <- qnorm(1 - (1 - level) / 2)
  tr <- 1 / (2 * sqrt(n - 4)); lo <- floor(n * tr) + 1; hi <- n + 1 - lo
  m <- mean(sort(x)[lo:hi])
  g4 <- n * sum((x - m)^4) / (sum((x - mean(x))^2))^2
  cc <- n / (n - zz); se <- cc * sqrt((g4 - (n - 3) / n) / (n - 1))
  list(kurtosis = g4, lb = exp(log(cc * var(x)) - zz * se), ub = exp(log(cc * var(x)) + zz * se))
}
out$ci_var_y_bonett <- bonett(d$y)
out$cii_var_20_4 <- list(lb = 19 * 4 / qchisq(0.975, 19), ub = 19 * 4 / qchisq(0.025, 19))
g4 <- 3.2; zz <- qnorm(0.975); cc <- 20 / (20 - zz); se <- cc * sqrt((g4 - 17 / 20) / 19)
out$cii_var_20_4_bonett <- list(lb = exp(log(cc * 4) - zz * se), ub = exp(log(cc * 4) + zz * se))
out$cii_means_20_3.5_2.1 <- as.list(tci(3.5, 2.1 / sqrt(20), 19))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "reference.json")
