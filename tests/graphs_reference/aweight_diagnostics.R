# Reference values for tests/test_aweight_diagnostics.py: predict's rstandard, rstudent, cooksd,
# dfits and welsch after `regress [aweight]`, and the fit plots' predopts() of them.
# Run: Rscript aweight_diagnostics.R > aweight_diagnostics.json
#
# The reading mlm implements (docs/graphs.md, help predict): Stata's built-in _predict works from
# e(b), e(V), e(rmse) and e(N): its leverage is h_i = x_i V x_i' / s^2 = x_i (X'WX)^-1 x_i' with
# the aweights rescaled to sum to n (no factor w_i: what reproduces Stata 13's published
# vce(hc2); tests/regress_reference/weighted_leverage.R), and every statistic is that of an
# observation of (rescaled) weight one at (x_i, y_i), with the raw residual e_i = y_i - x_i b:
#   rstandard = e_i / (s sqrt(1 - h_i)),   s^2 = e(rmse)^2 = sum wn e^2 / (n - k)
#   rstudent  = e_i / (s_(i) sqrt(1 - h_i)),  s_(i)^2 = ((n - k) s^2 - e_i^2 / (1 - h_i)) / (n - k - 1)
#   cooksd    = e_i^2 h_i / (k s^2 (1 - h_i)^2)
#   dfits     = rstudent sqrt(h_i / (1 - h_i))                    (regres_p.ado)
#   welsch    = dfits sqrt((n - 1) / (1 - h_i))                    (regres_p.ado)
# -- the formulas of [R] regress postestimation with Stata's h, as regres_p.ado itself
# standardises the residual for covratio (resid / (e(rmse) sqrt(1 - hat)), no weight).
#
# The independent check: R's own deletion diagnostics of lm(weights = aw) (rstandard, rstudent,
# cooks.distance, dffits; lm.influence's exact leave-one-out algebra) at the observations whose
# rescaled weight is exactly one (aw_i = mean(aw): rows `unit`) are this reading's values there
# (R's are invariant to the weights' scale; at wn_i = 1 R's h_i, weighted residual and deleted
# s_(i) are Stata's).  At the other rows R's convention differs (it weights the residual by
# sqrt(w_i) and the leverage by w_i); "stata" lists this reading's values at every row, computed
# from R's hatvalues, sigma and residuals as converted above.
set.seed(20261202)
n <- 25
x <- round(runif(n, 0, 10), 2)
z <- round(rnorm(n), 3)
aw <- round(runif(n, 0.2, 3), 2)
unit <- c(3, 11, 19)
aw[unit] <- mean(aw[-unit])   # then aw[unit] == mean(aw): rescaled weight one
y <- round(2 + 0.3 * x - 0.8 * z + rnorm(n, 0, 1), 3)
y[7] <- y[7] + 4              # an outlier, so the statistics are not all small
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")

k <- 3
fit <- lm(y ~ x + z, weights = aw)
wn <- aw * n / sum(aw)
h <- hatvalues(fit) / wn
s2 <- sigma(fit)^2 * n / sum(aw)
e <- residuals(fit)
s2_i <- ((n - k) * s2 - e^2 / (1 - h)) / (n - k - 1)
rstd <- e / sqrt(s2 * (1 - h))
rstu <- e / sqrt(s2_i * (1 - h))
cook <- e^2 * h / (k * s2 * (1 - h)^2)
dfits <- rstu * sqrt(h / (1 - h))
welsch <- dfits * sqrt((n - 1) / (1 - h))
stopifnot(max(abs(wn[unit] - 1)) < 1e-12)
stopifnot(max(abs(rstandard(fit)[unit] - rstd[unit])) < 1e-10)
stopifnot(max(abs(rstudent(fit)[unit] - rstu[unit])) < 1e-10)

# twoway lfit y x [aw=aw], n(5) predopts(stat): regress y x [aw=aw]; grid point i paired with
# observation i's y (twoway__lfit_serset); leverage there se.fit^2 / sigma^2 of R's predict,
# rescaled as above
g <- lm(y ~ x, weights = aw)
grid <- seq(min(x), max(x), length.out = 5)
p <- predict(g, newdata = data.frame(x = grid), se.fit = TRUE)
gs2 <- sigma(g)^2 * n / sum(aw)
gh <- p$se.fit^2 / p$residual.scale^2 / (n / sum(aw))
ge <- y[1:5] - p$fit
gs2_i <- ((n - 2) * gs2 - ge^2 / (1 - gh)) / (n - 2 - 1)
grstu <- ge / sqrt(gs2_i * (1 - gh))
gdfits <- grstu * sqrt(gh / (1 - gh))

cat("{\n")
cat(sprintf('  "x": [%s],\n  "z": [%s],\n  "y": [%s],\n  "aw": [%s],\n  "unit": [%s],\n',
            num(x), num(z), num(y), num(aw), num(unit - 1)))
cat(sprintf('  "r": {"rstandard": [%s], "rstudent": [%s], "cooksd": [%s], "dfits": [%s]},\n',
            num(rstandard(fit)), num(rstudent(fit)), num(cooks.distance(fit)), num(dffits(fit))))
cat(sprintf('  "stata": {"rstandard": [%s], "rstudent": [%s], "cooksd": [%s],\n',
            num(rstd), num(rstu), num(cook)))
cat(sprintf('            "dfits": [%s], "welsch": [%s]},\n', num(dfits), num(welsch)))
cat(sprintf('  "grid": [%s],\n', num(grid)))
# lfitci's band: the statistic -/+ invttail(n - 2, .025) stdp, Stata's stdp = sqrt(x0 V x0') =
# R's se.fit (V = s^2 (X'WX)^-1 is invariant to the weights' scale)
cat(sprintf('  "grid_band_halfwidth": [%s],\n', num(qt(0.975, n - 2) * p$se.fit)))
cat(sprintf('  "grid_stata": {"rstandard": [%s], "rstudent": [%s], "cooksd": [%s], "dfits": [%s], "welsch": [%s]}\n',
            num(ge / sqrt(gs2 * (1 - gh))), num(grstu), num(ge^2 * gh / (2 * gs2 * (1 - gh)^2)),
            num(gdfits), num(gdfits * sqrt((n - 1) / (1 - gh)))))
cat("}\n")
