# twoway fpfit estcmd(clogit|xtgee) with estopts(vce(opg)), technique(bhhh), nonest and
# vce(jackknife) (tests/test_graphs_fpfit_grouped_vce.py): fracpoly's degree-2 search and
# fracpred's x b / stdp at the distinct x on fpfit_grouped.json's data, with
# ../reference_values/clogit_enumeration.R's exact conditional logit and gee_fit.R's GEE.
# - opg: V = (sum_g s_g s_g')^-1 over the final model's group scores (bhhh alone: the same);
# - nonest: V M V c/(c-1), M from the rows' scores u_t x_t summed by c2 = g %% 5 + (t > 2),
#   clusters that cross the groups;
# - clogit jackknife: the powers of -2 ll, V = (n-1)/n sum (b_(g) - bbar)(...)' over the
#   groups left out one at a time, the band's quantile qt(.975, n - 1);
# (xtgee's vce(jackknife): fpfit_xtgee_jackknife.R.)
# Run from this folder: Rscript fpfit_grouped_vce.R
source("fpfit_grouped_setup.R")
c2 <- g %% 5 + (t > 2)
keep <- as.vector(tapply(y, g, function(v) any(v != v[1]))[as.character(g)])
yk <- y[keep]; gk <- g[keep]
group_scores <- function(X, b) t(sapply(unique(gk), function(h) { r <- gk == h
  group_terms(X[r, , drop = FALSE], yk[r], drop(X[r, , drop = FALSE] %*% b))$score }))
score_index <- function(X, b) {
  u <- numeric(length(yk))
  for (h in unique(gk)) {
    r <- which(gk == h); eta <- drop(X[r, , drop = FALSE] %*% b); k <- sum(yk[r])
    idx <- combn(length(r), k, simplify = FALSE)
    s <- sapply(idx, function(S) sum(eta[S])); p <- exp(s - max(s)); p <- p / sum(p)
    u[r] <- yk[r] - sapply(seq_along(r), function(j) sum(p[sapply(idx, function(S) j %in% S)]))
  }
  u
}
clogit_case <- function(variance) {
  bp <- search(function(X) -2 * clogit_fit(yk, X[keep, , drop = FALSE], gk)$ll)
  centre <- terms(mean(z), bp)
  X <- sweep(terms(z, bp), 2, centre)[keep, ]
  f <- clogit_fit(yk, X, gk)
  df <- Inf
  if (variance == "opg") V <- solve(crossprod(group_scores(X, f$b)))
  if (variance == "nonest") {
    U <- rowsum(score_index(X, f$b) * X, c2[keep]); cc <- nrow(U)
    V <- f$V %*% crossprod(U) %*% f$V * cc / (cc - 1)
  }
  if (variance == "jackknife") {
    B <- t(sapply(unique(gk), function(h) clogit_fit(yk[gk != h], X[gk != h, ], gk[gk != h])$b))
    m <- nrow(B); d <- sweep(B, 2, colMeans(B)); V <- (m - 1) / m * crossprod(d); df <- m - 1
  }
  X0 <- sweep(terms(at / scale, bp), 2, centre)
  list(powers = bp, at = at, drawn = keep[first], xb = as.vector(X0 %*% f$b),
       se = sqrt(rowSums((X0 %*% V) * X0)), df_r = if (is.finite(df)) df else NULL)
}
out <- list(clogit_opg = clogit_case("opg"), clogit_nonest = clogit_case("nonest"),
            clogit_jackknife = clogit_case("jackknife"))
write_json(out, "fpfit_grouped_vce.json", digits = 15, auto_unbox = TRUE)
