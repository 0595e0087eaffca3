# Leave-one-observation-out jackknife standard errors (jackknife.ado's _jk_sum without mse:
# V = (n-1)/n * sum (b_j - mean b)^2) of the fits tests/test_prefix_noisily_own_replicates.py
# runs as `jackknife, noisily: cmd`, on the data built there without random numbers.
# Run: Rscript jackknife_reference.R  (writes jackknife_reference.json beside it)
library(jsonlite)
n <- 1:24
d <- data.frame(x = n / 4, id = ceiling(n / 4))
d$yb <- as.numeric((n * 7) %% 11 > 4)
d$c <- (n * 5) %% 7
d$y <- d$x + ((n * 3) %% 7) / 2 + d$id %% 3

jackknife <- function(fit_slope) {
  b <- sapply(seq_len(nrow(d)), function(j) fit_slope(d[-j, ]))
  N <- length(b)
  list(b = b, se = sqrt((N - 1) / N * sum((b - mean(b))^2)))
}
jk_logit <- jackknife(function(s) coef(glm(yb ~ x, family = binomial, data = s))[["x"]])
jk_poisson <- jackknife(function(s) coef(glm(c ~ x, family = poisson, data = s))[["x"]])
jk_within <- jackknife(function(s) coef(lm(y ~ x + factor(id), data = s))[["x"]])  # xtreg, fe's slope
out <- list(full = list(logit = coef(glm(yb ~ x, family = binomial, data = d))[["x"]],
                        poisson = coef(glm(c ~ x, family = poisson, data = d))[["x"]],
                        xtreg_fe = coef(lm(y ~ x + factor(id), data = d))[["x"]]),
            se = list(logit = jk_logit$se, poisson = jk_poisson$se, xtreg_fe = jk_within$se),
            replicates = list(logit = jk_logit$b, poisson = jk_poisson$b, xtreg_fe = jk_within$b))
write_json(out, file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))),
                          "jackknife_reference.json"), digits = 15, auto_unbox = TRUE, pretty = TRUE)
