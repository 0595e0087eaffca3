# glm's vce(jackknife) with pweights (tests/test_glm_vce_replicates.py): each replicate the weighted
# fit without one observation, V = (n-1)/n sum (b_(i) - mean)(b_(i) - mean)' (jackknife.ado's
# _loop_jknife_iw with pweights).  Run from tests/reference_values: Rscript glm_pweight_jackknife.R
d <- read.csv("auto_subset.csv")
d$pw <- 1 + (seq_len(nrow(d)) %% 3)
loo <- function(family) {
  fit <- glm(mpg ~ weight, family = family, weights = pw, data = d)
  n <- nrow(d)
  B <- t(sapply(seq_len(n), function(i)
    coef(glm(mpg ~ weight, family = family, weights = pw, data = d[-i, ]))))
  V <- (n - 1) / n * crossprod(sweep(B, 2, colMeans(B)))
  list(b = unname(coef(fit)), se = unname(sqrt(diag(V))))
}
# cluster(c), c = mod(_n, 7): each replicate leaves one cluster out, V (G-1)/G as above
d$c <- seq_len(nrow(d)) %% 7
G <- sort(unique(d$c))
B <- t(sapply(G, function(g) coef(glm(mpg ~ weight, weights = pw, data = d[d$c != g, ]))))
cluster_se <- unname(sqrt(diag((length(G) - 1) / length(G) * crossprod(sweep(B, 2, colMeans(B))))))
out <- list(gaussian = loo(gaussian()), poisson = loo(poisson()), gaussian_cluster_se = cluster_se)
writeLines(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE), "glm_pweight_jackknife.json")
