# Independent check of xtgee y x z [fw=f], i(grp) corr(independent) vce(jackknife) (Gaussian,
# identity: each fit is weighted least squares): one copy of panel g left out per replicate
# (f_g - 1 on its rows), V = (F-1)/F sum_g f_g (b_(g) - c)(b_(g) - c)', c the f-weighted mean.
d <- read.csv("tests/reference_values/clogit_jackknife_fw.csv")
f <- tapply(d$f, d$grp, function(v) v[1]); f <- setNames(as.vector(f), names(f))
full <- lm(y ~ x + z, data = d, weights = f)
B <- t(sapply(names(f), function(g) { w <- d$f - (d$grp == as.numeric(g))
  coef(lm(y ~ x + z, data = d[w > 0, ], weights = w[w > 0])) }))
Fsum <- sum(f); cbar <- colSums(B * f) / Fsum
D <- sweep(B, 2, cbar)
V <- (Fsum - 1) / Fsum * t(D * f) %*% D
cat(sprintf("b %.10f %.10f %.10f\n", coef(full)[2], coef(full)[3], coef(full)[1]))
cat(sprintf("se %.10f %.10f %.10f\n", sqrt(V[2, 2]), sqrt(V[3, 3]), sqrt(V[1, 1])))
cat(sprintf("df_r %d\n", Fsum - 1))
