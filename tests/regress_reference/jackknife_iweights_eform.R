# Reference values for tests/test_regress_jackknife_iweights_eform.py, against R.
# Run: Rscript jackknife_iweights_eform.R > jackknife_iweights_eform.json
# eform(string): lm's coefficients exponentiated, exp(b) se, the exponentiated t interval.
# iweights with vce(jackknife) (jackknife.ado's _loop_jknife_iw and _jk_sum over _sumaccum):
# replicate g is the weighted fit without observation (cluster) g; with the default count it is
# kept when floor(sum of the others' iweights times n/(n-1)) = floor(sum of iweights) - (its
# observations); m = (n-1)/n, G the kept replicates, df = round(G m):
# V = df/(df+1) m sum (b_g - bbar)(b_g - bbar)'; mse: V = m sum (b_g - b)(b_g - b)' (also survey's
# JK1 design with scale m and mse = TRUE, whose replicate weights are the same).
suppressMessages(library(survey))
n <- 12
x <- 1:n
z <- (x * 7) %% 5
y <- x / 3 + x %% 2 + z^2 / 7
w <- 0.5 + ((x * 13) %% 7) / 4
c <- rep(1:4, each = 3)
order <- c(2, 3, 1)  # regress's order: x, z, _cons
fit <- lm(y ~ x + z)
s <- summary(fit)$coefficients
ci <- confint(fit)
eform <- list(b = exp(s[2:3, 1]), se = exp(s[2:3, 1]) * s[2:3, 2], lo = exp(ci[2:3, 1]), hi = exp(ci[2:3, 2]))
wfit <- function(keep) coef(lm(y ~ x + z, weights = w, subset = keep))
b <- wfit(rep(TRUE, n))
replicates <- function(unit) {
  ids <- sort(unique(unit))
  B <- t(sapply(ids, function(g) wfit(unit != g)))
  k <- length(ids)
  sizes <- sapply(ids, function(g) sum(unit == g))
  sums <- sapply(ids, function(g) sum(w[unit != g] * k / (k - 1)))
  kept <- floor(sums) == floor(sum(w)) - sizes
  list(B = B, k = k, kept = kept)
}
variance <- function(r, kept, mse) {
  m <- (r$k - 1) / r$k
  B <- r$B[kept, , drop = FALSE]
  G <- nrow(B)
  df <- floor(G * m + 0.5)
  D <- sweep(B, 2, if (mse) b else colMeans(B))
  V <- if (mse) m * crossprod(D) else df / (df + 1) * m * crossprod(D)
  list(V = V[order, order], df = df)
}
obs <- replicates(x)
clu <- replicates(c)
default <- variance(obs, obs$kept, FALSE)
nocount <- variance(obs, rep(TRUE, n), FALSE)
mse <- variance(obs, rep(TRUE, n), TRUE)
cluster <- variance(clu, rep(TRUE, 4), FALSE)
design <- svydesign(ids = ~1, weights = ~w, data = data.frame(y, x, z, w))
rep <- as.svrepdesign(design, type = "JK1", mse = TRUE)
svy_mse <- vcov(svyglm(y ~ x + z, design = rep))[order, order]
cat(jsonlite::toJSON(list(
  y = y, x = x, z = z, w = w, c = c,
  eform_b = unname(eform$b), eform_se = unname(eform$se), eform_lo = unname(eform$lo), eform_hi = unname(eform$hi),
  b = unname(b[order]), kept = which(obs$kept), cluster_kept = which(clu$kept),
  V_default = unname(default$V), df_default = default$df,
  V_nocount = unname(nocount$V), df_nocount = nocount$df,
  V_mse = unname(mse$V), V_mse_survey = unname(svy_mse),
  V_cluster = unname(cluster$V), df_cluster = cluster$df
), digits = NA, auto_unbox = TRUE))
