# clogit, vce(jackknife, cluster(v)): each replicate leaves out the rows of one cluster of v and
# refits the conditional logit on the rest, grouped by the original groups (a group cut by v keeps
# its other rows); V = (n-1)/n sum (b_(j) - bbar)(b_(j) - bbar)'.  survival::clogit (exact).
# Data as tests/test_clogit_jackknife_cluster.py builds them.
suppressMessages(library(survival))
n <- 60; i <- 1:n
d <- data.frame(g = ceiling(i / 3), x = (i * 7) %% 11 / 3, z = (i * 5) %% 7, y = as.numeric(i %% 3 == 1))
flip <- ((i * 13) %% 17 < 4) & (i %% 3 != 1)
d$y[flip] <- 1 - d$y[flip]
d$c <- ceiling(d$g / 4)          # nested: 5 clusters of 4 groups
d$c2 <- ceiling(i / 7)           # crossing the groups: 9 clusters
fit <- function(dd) coef(clogit(y ~ x + z + strata(g), data = dd, method = "exact",
                                control = coxph.control(eps = 1e-12, iter.max = 100)))
out <- list(b = unname(fit(d)))
for (v in c("c", "c2")) {
  cl <- sort(unique(d[[v]]))
  B <- t(sapply(cl, function(k) fit(d[d[[v]] != k, ])))
  m <- nrow(B); dev <- sweep(B, 2, colMeans(B))
  out[[v]] <- list(V = as.vector((m - 1) / m * t(dev) %*% dev), n = m)
}
cat(jsonlite::toJSON(out, digits = NA, auto_unbox = TRUE), file = "clogit_jackknife_cluster.json")
