# twoway fpfitci estcmd(clogit) estopts(group(g) vce(cluster c)) with c = ceil(g/4) missing on
# some rows (tests/test_graphs_fpfit_grouped_cluster_missing.py), on fpfit_grouped.json's data.
# fracpoly's sample keeps every row: x's scaling, the terms' centring (at the mean of z over all rows)
# and the points (the distinct x, the first row at each) are over all of them.  clogit.ado marks
# out c before it checks that the groups nest within the clusters and drops the groups whose
# outcome does not vary among the rows left (row 1 was group 1's only case, row 39 group 10's:
# both groups go), so every fit -- fracpoly's degree-2 search by -2 ll and the final model -- is
# on those rows, V the cluster sandwich V M V nc/(nc-1) over the clusters left; fracpred draws
# where the kept row is in e(sample).  The band: x b -/+ invnormal(.975) stdp.
# Run from this folder: Rscript fpfit_grouped_cluster_missing.R
source("fpfit_grouped_setup.R")
missing_rows <- c(1, 6, 9, 39, 50, 77)
cl <- ceiling(g / 4)
cl[missing_rows] <- NA
marked <- !is.na(cl)
varies <- as.vector(tapply(y[marked], g[marked], function(v) any(v != v[1]))[as.character(g)])
keep <- marked & !is.na(varies) & varies
yk <- y[keep]; gk <- g[keep]; ck <- cl[keep]
bp <- search(function(X) -2 * clogit_fit(yk, X[keep, , drop = FALSE], gk)$ll)
centre <- terms(mean(z), bp)
X <- sweep(terms(z, bp), 2, centre)[keep, ]
f <- clogit_fit(yk, X, gk, cluster = ck, robust = TRUE)
X0 <- sweep(terms(at / scale, bp), 2, centre)
out <- list(missing_rows = missing_rows, powers = bp, at = at, drawn = keep[first],
            xb = as.vector(X0 %*% f$b), se = sqrt(rowSums((X0 %*% f$V_robust) * X0)),
            n_clusters = f$n_clusters, dropped_groups = setdiff(unique(g), unique(gk)))
write_json(out, "fpfit_grouped_cluster_missing.json", digits = 15, auto_unbox = TRUE)
