# Reference values for tests/test_regress_weighted_leverage.py: predict's leverage statistics
# after a weighted regress, and the fit plots' predopts(hat) at their grid.
# Run: Rscript weighted_leverage.R > weighted_leverage.json
#
# Stata's conventions, and how R's are converted:
# - leverage: Stata h_i = x_i (X'WX)^-1 x_i', W the weights regress uses (aweights rescaled to
#   sum to n, fweights as given).  R's hatvalues() of a weighted lm is w_i x_i (X'WX)^-1 x_i'
#   (invariant to the weights' scale), so Stata's h = hatvalues(fit) / w_i with w rescaled.
# - fweights: every observation stands for w_i copies; Stata's statistics of observation i are
#   those of one copy in lm on the rows repeated (hatvalues, rstandard, rstudent,
#   cooks.distance, dffits, covratio of R; Welsch's distance written out as regres_p computes
#   it, rstudent sqrt(h/(1-h)) sqrt((N-1)/(1-h)), N the rows repeated).  R's covratio,
#   (s_(i)^2/s^2)^p / (1-h), equals regres_p's ((N-df_m-t^2-1)/(N-df_m-2))^(df_m+1)/(1-h).
# - aweights: Stata's covratio from regres_p.ado: t = e_i / (e(rmse) sqrt(1-h_i)) with the raw
#   residual e_i and e(rmse)^2 = sum wn_i e_i^2 / (n-k) (wn: the rescaled aweights), which is
#   R's sigma(fit)^2 * n / sum(w); then ((n-df_m-t^2-1)/(n-df_m-2))^(df_m+1)/(1-h).
# - at a grid point x0 of the fit plots: x0 (X'WX)^-1 x0' = se.fit^2 / sigma^2 of R's
#   predict(), which uses the raw weights: divided by n/sum(w) for the rescaled aweights.
set.seed(20261203)
n <- 25
x <- round(runif(n, 0, 10), 2)
z <- round(rnorm(n), 3)
fw <- sample(1:4, n, replace = TRUE)
aw <- round(runif(n, 0.2, 3), 2)
y <- round(2 + 0.3 * x - 0.8 * z + rnorm(n, 0, 1), 3)
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")

rows <- rep(seq_len(n), fw)
ffit <- lm(y ~ x + z, data = data.frame(x = x[rows], z = z[rows], y = y[rows]))
first <- match(seq_len(n), rows)  # one copy of each observation
N <- length(rows)
hf <- hatvalues(ffit)[first]
rsf <- rstudent(ffit)[first]

wfit <- lm(y ~ x + z, weights = aw)
wn <- aw * n / sum(aw)
ha <- hatvalues(wfit) / wn
s2a <- sigma(wfit)^2 * n / sum(aw)
ta <- residuals(wfit) / sqrt(s2a * (1 - ha))
df_m <- 2
cova <- ((n - df_m - ta^2 - 1) / (n - df_m - 2))^(df_m + 1) / (1 - ha)

grid <- seq(min(x), max(x), length.out = 5)
gf <- lm(y ~ x, data = data.frame(x = x[rows], y = y[rows]))
pf <- predict(gf, newdata = data.frame(x = grid), se.fit = TRUE)
ga <- lm(y ~ x, weights = aw)
pa <- predict(ga, newdata = data.frame(x = grid), se.fit = TRUE)

cat("{\n")
cat(sprintf('  "x": [%s],\n  "z": [%s],\n  "y": [%s],\n  "fw": [%s],\n  "aw": [%s],\n',
            num(x), num(z), num(y), num(fw), num(aw)))
cat(sprintf('  "fweight": {"hat": [%s], "rstandard": [%s], "rstudent": [%s], "cooksd": [%s],\n',
            num(hf), num(rstandard(ffit)[first]), num(rsf), num(cooks.distance(ffit)[first])))
cat(sprintf('              "dfits": [%s], "welsch": [%s], "covratio": [%s]},\n',
            num(dffits(ffit)[first]), num(rsf * sqrt(hf / (1 - hf)) * sqrt((N - 1) / (1 - hf))),
            num(covratio(ffit)[first])))
cat(sprintf('  "aweight": {"hat": [%s], "covratio": [%s]},\n', num(ha), num(cova)))
cat(sprintf('  "grid": [%s],\n', num(grid)))
cat(sprintf('  "grid_hat_fweight": [%s],\n', num(pf$se.fit^2 / pf$residual.scale^2)))
cat(sprintf('  "grid_hat_aweight": [%s]\n', num(pa$se.fit^2 / pa$residual.scale^2 / (n / sum(aw)))))
cat("}\n")
