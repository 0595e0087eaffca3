# Reference numbers for tests/test_binary_fit.py: MASS's birthwt (Hosmer & Lemeshow's low birth
# weight data; a few values differ from Stata's lbw.dta, so the numbers are not the manual's).
# Run: Rscript lbw_reference.R  (writes lbw.csv and lbw_reference.json here)
library(MASS)
library(jsonlite)
d <- birthwt[, c("low", "age", "lwt", "race", "smoke", "ptl", "ht", "ui")]
write.csv(d, "lbw.csv", row.names = FALSE)
d$race <- factor(d$race)
m <- glm(low ~ age + lwt + race + smoke + ptl + ht + ui, family = binomial, data = d,
         control = glm.control(epsilon = 1e-14, maxit = 50))
p <- unname(fitted(m))
y <- d$low
# Pearson over covariate patterns
key <- do.call(paste, d[, c("age", "lwt", "race", "smoke", "ptl", "ht", "ui")])
M <- tapply(rep(1, length(y)), key, sum); O <- tapply(y, key, sum); E <- tapply(p, key, sum)
ok <- E > 0 & E < M
pearson <- sum(((O - E)^2 / (E * (1 - E / M)))[ok])
k <- length(coef(m))
# Hosmer-Lemeshow, 10 groups: each distinct probability (cumulative count W) ends group floor(10 W / N)
hl <- function(g) {
  v <- sort(unique(p)); W <- sapply(v, function(t) sum(p <= t)); N <- length(p)
  rows <- list(); last_k <- 0; last_v <- -Inf
  for (j in seq_along(v)) {
    kk <- floor(g * W[j] / N + 1e-9)
    if (kk > last_k) {
      b <- p <= v[j] & p > last_v
      rows[[length(rows) + 1]] <- c(kk, sum(b), sum(y[b]), sum(p[b]))
      last_k <- kk; last_v <- v[j]
    }
  }
  r <- do.call(rbind, rows)
  chi2 <- sum((r[, 3] - r[, 4])^2 / (r[, 4] * (1 - r[, 4] / r[, 2])))
  list(group = r[, 1], total = r[, 2], observed = r[, 3], expected = r[, 4], chi2 = chi2, df = nrow(r) - 2)
}
# classification at .5
a <- sum(y == 1 & p >= .5); b <- sum(y == 0 & p >= .5); c <- sum(y == 1 & p < .5); dd <- sum(y == 0 & p < .5)
# area: trapezoid over the empirical ROC points (cutoffs at every distinct probability)
cuts <- c(sort(unique(p), decreasing = TRUE), -Inf)
tpr <- c(0, sapply(cuts[-length(cuts)], function(t) mean(p[y == 1] >= t)))
fpr <- c(0, sapply(cuts[-length(cuts)], function(t) mean(p[y == 0] >= t)))
area <- sum(diff(fpr) * (head(tpr, -1) + tail(tpr, -1)) / 2)
out <- list(n = length(y), coef = as.list(coef(m)),
            pearson = list(chi2 = pearson, patterns = length(M), df = length(M) - k,
                           p = pchisq(pearson, length(M) - k, lower.tail = FALSE)),
            hl10 = hl(10), hl10_p = pchisq(hl(10)$chi2, hl(10)$df, lower.tail = FALSE),
            ctable = c(a, b, c, dd), area = area)
write(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "lbw_reference.json")
