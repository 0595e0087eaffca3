# twoway fpfitci estcmd(clogit) estopts(group(g) vce(cluster c)) with c = ceil(g/4) missing on
# some rows (tests/test_graphs_fpfit_grouped_cluster_missing.py), on fpfit_grouped.json's data.
# fracpoly's sample keeps every row: x's scaling, the terms' centring (at the mean of z over all rows)
# and the points (the distinct x, the first row at each) are over all of them.  clogit.ado marks
# out c before it checks that the groups nest within the clusters and drops the groups whose
# outcome does not vary among the rows left (row 1 was group 1's only case, row 39 group 10's:
# both groups go), so every fit -- fracpoly's degree-2 search by -2 ll and the final model -- is
# on those rows, V the cluster sandwich V M V nc/(nc-1) over the clusters left; fracpred draws
# where the kept row is in e(sample).  The band: x b -/+ invnormal(.975) stdp.
# An offset o = t/4 missing on the same rows does the same (clogit.ado and xtgee.ado mark it
# out): clogit's OIM V, x b + o at the kept row; xtgee (binomial, exchangeable, i(g)) by the
# largest Wald chi2 of its conventional V, on the rows with o.
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
o <- t / 4
o[missing_rows] <- NA
varies_o <- as.vector(tapply(y[marked], g[marked], function(v) any(v != v[1]))[as.character(g)])
keep_o <- marked & !is.na(varies_o) & varies_o
bp_o <- search(function(X) -2 * clogit_fit(y[keep_o], X[keep_o, , drop = FALSE], g[keep_o], off = o[keep_o])$ll)
centre_o <- terms(mean(z), bp_o)
f_o <- clogit_fit(y[keep_o], sweep(terms(z, bp_o), 2, centre_o)[keep_o, ], g[keep_o], off = o[keep_o])
X0 <- sweep(terms(at / scale, bp_o), 2, centre_o)
out$clogit_offset <- list(powers = bp_o, drawn = keep_o[first], xb = as.vector(X0 %*% f_o$b) + o[first],
                          se = sqrt(rowSums((X0 %*% f_o$V) * X0)))
wald <- function(X) {
  f <- gee_fit_X(y[marked], cbind(1, X[marked, ]), g[marked], t[marked], binomial(), "exchangeable",
                 offset = o[marked])
  b <- f$b[2:3]; V <- f$V_conventional[2:3, 2:3]
  -as.numeric(t(b) %*% solve(V, b))
}
bp_x <- search(wald)
f_x <- gee_fit_X(y[marked], cbind(1, terms(z, bp_x))[marked, ], g[marked], t[marked], binomial(), "exchangeable",
                 offset = o[marked])
X0 <- cbind(1, terms(at / scale, bp_x))
out$xtgee_offset <- list(powers = bp_x, drawn = marked[first], xb = as.vector(X0 %*% f_x$b) + o[first],
                         se = sqrt(rowSums((X0 %*% f_x$V_conventional) * X0)))
write_json(out, "fpfit_grouped_cluster_missing.json", digits = 15, auto_unbox = TRUE, na = "null")
