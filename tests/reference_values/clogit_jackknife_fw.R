# Independent check of clogit y x z [fw=f], group(grp) vce(jackknife): the data with every group
# repeated f times (each copy its own group), one copy of group g left out per replicate;
# _jk_sum's V = (F-1)/F sum_g f_g (b_(g) - c)(b_(g) - c)', c the f-weighted mean, F = sum f.
library(survival)
d <- read.csv("tests/reference_values/clogit_jackknife_fw.csv")
expand <- function(freq) {
  parts <- list(); k <- 0
  for (g in unique(d$grp)) for (copy in seq_len(freq[as.character(g)])) {
    k <- k + 1; rows <- d[d$grp == g, ]; rows$cg <- k; parts[[k]] <- rows }
  do.call(rbind, parts)
}
f <- tapply(d$f, d$grp, function(v) v[1]); f <- setNames(as.vector(f), names(f))
full <- clogit(y ~ x + z + strata(cg), data = expand(f), method = "exact")
B <- t(sapply(names(f), function(g) { fg <- f; fg[g] <- fg[g] - 1
  coef(clogit(y ~ x + z + strata(cg), data = expand(fg), method = "exact")) }))
Fsum <- sum(f); cbar <- colSums(B * f) / Fsum
D <- sweep(B, 2, cbar)
V <- (Fsum - 1) / Fsum * t(D * f) %*% D
cat(sprintf("b %.10f %.10f\n", coef(full)[1], coef(full)[2]))
cat(sprintf("se %.10f %.10f\n", sqrt(V[1, 1]), sqrt(V[2, 2])))
cat(sprintf("cov %.10f\n", V[1, 2]))
cat(sprintf("df_r %d\n", Fsum - 1))
