# Reference values for tests/test_classic_tests.py (prtest, bitest, signtest, sdtest, robvar),
# computed independently of mlm with R's stats and car packages.
# Run: Rscript reference.R > reference_values.txt
# The data are the test's: obs 1..74, foreign = (_n <= 22), rep = (mod(_n,3) == 0),
# y2 = (mod(_n,4) == 0), mpg = 12 + mod(7 _n, 23) + 3 foreign mod(_n, 5), mpg2 = 10 + mod(5 _n, 17).
suppressMessages(library(car))
i <- 1:74
foreign <- as.numeric(i <= 22)
rep <- as.numeric(i %% 3 == 0)
y2 <- as.numeric(i %% 4 == 0)
mpg <- 12 + (7 * i) %% 23 + 3 * foreign * (i %% 5)
mpg2 <- 10 + (5 * i) %% 17
out <- function(name, value) cat(sprintf("%s %.15g\n", name, value))

# prtest foreign == .4: prop.test without continuity correction; z = sign * sqrt(X-squared)
t <- prop.test(sum(foreign), 74, p = 0.4, correct = FALSE)
out("prtest1_z", sign(mean(foreign) - 0.4) * sqrt(unname(t$statistic)))
out("prtest1_p", t$p.value)
# prtest foreign, by(rep): groups rep == 0 (first) and rep == 1
x <- c(sum(foreign[rep == 0]), sum(foreign[rep == 1])); n <- c(sum(rep == 0), sum(rep == 1))
t <- prop.test(x, n, correct = FALSE)
out("prtest2_z", sign(x[1] / n[1] - x[2] / n[2]) * sqrt(unname(t$statistic)))
out("prtest2_p", t$p.value)
# prtesti 30 12 45 30, count
t <- prop.test(c(12, 30), c(30, 45), correct = FALSE)
out("prtesti_z", -sqrt(unname(t$statistic)))
out("prtesti_p", t$p.value)

# bitest foreign == .4; bitesti 225 9 .02; bitesti 10 0 .3
out("bitest_p", binom.test(22, 74, 0.4)$p.value)
out("bitest_p_u", binom.test(22, 74, 0.4, alternative = "greater")$p.value)
out("bitest_p_l", binom.test(22, 74, 0.4, alternative = "less")$p.value)
out("bitesti1_p", binom.test(9, 225, 0.02)$p.value)
out("bitesti1_P_k", dbinom(9, 225, 0.02))
out("bitesti1_P_oppk", dbinom(0, 225, 0.02))
out("bitesti2_p", binom.test(0, 10, 0.3)$p.value)
out("bitesti3_p", binom.test(3, 3, 0.3)$p.value)

# signtest mpg = 20: binomial sign test on the nonzero differences
d <- mpg - 20; np <- sum(d > 0); nn <- sum(d < 0)
out("signtest_p_pos", binom.test(np, np + nn, 0.5, alternative = "greater")$p.value)
out("signtest_p_neg", binom.test(nn, np + nn, 0.5, alternative = "greater")$p.value)
out("signtest_p", binom.test(np, np + nn, 0.5)$p.value)

# sdtest mpg == 5 (chi2 on 73 df); sdtest mpg, by(foreign) (var.test); sdtest mpg == mpg2
c2 <- 73 * var(mpg) / 25
out("sdtest1_chi2", c2)
out("sdtest1_p_u", pchisq(c2, 73, lower.tail = FALSE))
t <- var.test(mpg[foreign == 0], mpg[foreign == 1])
out("sdtest2_F", unname(t$statistic))
out("sdtest2_p", t$p.value)
out("sdtest2_p_l", var.test(mpg[foreign == 0], mpg[foreign == 1], alternative = "less")$p.value)
t <- var.test(mpg, mpg2)
out("sdtest3_F", unname(t$statistic))
out("sdtest3_p", t$p.value)

# robvar mpg, by(foreign): Levene (mean), Brown-Forsythe (median) and Stata's W10 centre, the
# mean of the values between the group's 10th and 90th percentiles (quantile type 2 is
# summarize's definition)
g <- factor(foreign)
stata10 <- function(v) { q <- quantile(v, c(0.1, 0.9), type = 2); mean(v[v >= q[1] & v <= q[2]]) }
for (spec in list(list("w0", mean), list("w50", median), list("w10", stata10))) {
  t <- leveneTest(mpg ~ g, center = spec[[2]])
  out(spec[[1]], t[1, "F value"])
  out(paste0("p_", spec[[1]]), t[1, "Pr(>F)"])
}

# ksmirnov mpg, by(foreign): D+ = max(F_domestic - F_foreign) ("greater"), D- ("less"), the
# two-sided asymptotic p (R sums the whole Kolmogorov series, Stata five terms)
a <- mpg[foreign == 0]; b <- mpg[foreign == 1]
out("ks_D", unname(suppressWarnings(ks.test(a, b, exact = FALSE))$statistic))
out("ks_p", suppressWarnings(ks.test(a, b, exact = FALSE))$p.value)
out("ks_D_1", unname(suppressWarnings(ks.test(a, b, alternative = "greater", exact = FALSE))$statistic))
out("ks_p_1", suppressWarnings(ks.test(a, b, alternative = "greater", exact = FALSE))$p.value)
out("ks_D_2", unname(suppressWarnings(ks.test(a, b, alternative = "less", exact = FALSE))$statistic))
out("ks_p_2", suppressWarnings(ks.test(a, b, alternative = "less", exact = FALSE))$p.value)
# ksmirnov x, by(g) exact on eight values without ties: x = 2 3 5 1 (g = 0), 7 8 9 4 (g = 1)
out("ks_exact_p", ks.test(c(2, 3, 5, 1), c(7, 8, 9, 4), exact = TRUE)$p.value)
# ksmirnov mpg = normal((mpg - 24)/8): one sample against N(24, 8^2)
t <- suppressWarnings(ks.test(mpg, "pnorm", 24, 8, exact = FALSE))
out("ks1_D", unname(t$statistic))
out("ks1_p", t$p.value)

# median mpg, by(foreign): Mood's median test = Pearson chi2 on the 2 x k table of
# (mpg > pooled median) by group; continuity-corrected chi2 (R's Yates correction, equal to
# median.ado's formula when |ad - bc| >= N/2); Fisher's exact (two-sided, and the smaller tail)
med <- quantile(mpg, 0.5, type = 2)
tab <- table(mpg > med, foreign)
out("median_chi2", unname(chisq.test(tab, correct = FALSE)$statistic))
out("median_p", chisq.test(tab, correct = FALSE)$p.value)
out("median_chi2_cc", unname(chisq.test(tab, correct = TRUE)$statistic))
out("median_p_cc", chisq.test(tab, correct = TRUE)$p.value)
tab <- table(mpg >= med, foreign)  # medianties(above)
out("median_above_p_exact", fisher.test(tab)$p.value)
out("median_above_p1_exact", min(fisher.test(tab, alternative = "less")$p.value,
                                 fisher.test(tab, alternative = "greater")$p.value))
g3 <- i %% 3
tab <- table(mpg > med, g3)
out("median3_chi2", unname(chisq.test(tab, correct = FALSE)$statistic))
out("median3_p_exact", fisher.test(tab)$p.value)

# tabi 30 18 \ 38 14 (exact by default) and tabi 10 2 3 \ 4 5 6, chi2 exact
m <- matrix(c(30, 38, 18, 14), 2)
out("tabi_p_exact", fisher.test(m)$p.value)
out("tabi_p1_exact", min(fisher.test(m, alternative = "less")$p.value, fisher.test(m, alternative = "greater")$p.value))
m <- matrix(c(10, 4, 2, 5, 3, 6), 2)
out("tabi23_chi2", unname(suppressWarnings(chisq.test(m, correct = FALSE))$statistic))
out("tabi23_p", suppressWarnings(chisq.test(m, correct = FALSE))$p.value)
out("tabi23_p_exact", fisher.test(m)$p.value)

# ksmirnov x, by(g) exact with 300 + 300 values without ties (x = sin(_n) + .15 (_n > 300),
# g = _n > 300): the path counts pass 1e100, where mlm rescales them
x <- sin(1:600) + 0.15 * (1:600 > 300)
t <- ks.test(x[1:300], x[301:600], exact = TRUE)
out("ks_big_D", unname(t$statistic))
out("ks_big_p_exact", t$p.value)

# kap r1 r2 (60 subjects: r1 = 1 + mod(_n,3), r2 = r1 except 1 + mod(_n+1,3) when mod(_n,4) == 0,
# and 3 for _n > 55): Cohen's kappa (psych::cohen.kappa; its weighted kappa with quadratic
# disagreement weights is kap's wgt(w2), with |i - j| weights wgt(w)); z from Fleiss, Cohen and
# Everitt's (1969) variance under no agreement, written out here
n <- 1:60
r1 <- 1 + n %% 3
r2 <- ifelse(n %% 4 == 0, 1 + (n + 1) %% 3, r1); r2[n > 55] <- 3
ck <- suppressWarnings(psych::cohen.kappa(cbind(r1, r2)))
out("kap_kappa", ck$kappa)
out("kap_w2_kappa", ck$weighted.kappa)
ckw <- suppressWarnings(psych::cohen.kappa(cbind(r1, r2), w = abs(outer(1:3, 1:3, "-"))))
out("kap_w_kappa", ckw$weighted.kappa)
null_z <- function(a, b, w) {
  f <- table(factor(a, 1:3), factor(b, 1:3)) / length(a); fi <- rowSums(f); fj <- colSums(f)
  pe <- sum(w * outer(fi, fj)); po <- sum(w * f); k <- (po - pe) / (1 - pe)
  wi <- w %*% fj; wj <- t(fi %*% w)
  v <- sum(outer(fi, fj) * (w - (outer(c(wi), rep(1, 3)) + outer(rep(1, 3), c(wj))))^2) - pe^2
  k / (sqrt(v) / ((1 - pe) * sqrt(length(a))))
}
out("kap_z", null_z(r1, r2, diag(3)))
out("kap_w_z", null_z(r1, r2, 1 - abs(outer(1:3, 1:3, "-")) / 2))

# kappa d1 d2 d3 (10 subjects, 4 ratings each: d1 = mod(_n,3), d2 = mod(_n+1,2), d3 = 4 - d1 - d2):
# Fleiss's (1971) kappa per category and combined, with Fleiss, Nee and Landis's (1979) se
fleiss <- function(x) {
  m <- sum(x[1, ]); N <- nrow(x); p <- colSums(x) / (N * m); q <- 1 - p
  kj <- 1 - colSums(x * (m - x)) / (N * m * (m - 1) * p * q)
  k <- sum(p * q * kj) / sum(p * q)
  se <- sqrt(2) / (sum(p * q) * sqrt(N * m * (m - 1))) * sqrt(sum(p * q)^2 - sum(p * q * (q - p)))
  list(kj = kj, zj = kj / sqrt(2 / (N * m * (m - 1))), k = k, z = k / se)
}
d1 <- (1:10) %% 3; d2 <- (2:11) %% 2; d3 <- 4 - d1 - d2
fl <- fleiss(cbind(d1, d2, d3))
for (j in 1:3) { out(paste0("kappa3_k", j), fl$kj[j]); out(paste0("kappa3_z", j), fl$zj[j]) }
out("kappa3_kappa", fl$k)
out("kappa3_z", fl$z)
# kappa c1 c2 (two outcomes, 3 ratings each: c1 = mod(_n,4), c2 = 3 - c1)
c1 <- (1:10) %% 4
fl <- fleiss(cbind(c1, 3 - c1))
out("kappa2_kappa", fl$k)
out("kappa2_z", fl$z)

# kap r1 r2 r3 (three nonunique raters, r3 = 1 + mod(_n*2, 3)): Fleiss's kappa of the counts of
# each subject's ratings by category
r3 <- 1 + (2 * n) %% 3
cnt <- sapply(1:3, function(c) (r1 == c) + (r2 == c) + (r3 == c))
fl <- fleiss(cnt)
out("kap3_kappa", fl$k)
out("kap3_z", fl$z)
