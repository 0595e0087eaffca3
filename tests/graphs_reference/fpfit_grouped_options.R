# twoway fpfit estcmd(clogit|xtgee) with the commands' options (tests/test_graphs_fpfit_grouped_options.py):
# fracpoly's degree-2 search and fracpred's x b / stdp at the distinct x on fpfit_grouped.json's
# data, with ../reference_values/clogit_enumeration.R's exact conditional logit (weights,
# offset, robust and cluster variances) and ../reference_values/gee_fit.R's GEE fit (ar and
# stationary structures, probit link, offset, pweights, nmp, rgf).  w = mod(g, 3) + 1,
# o = t/4, c = ceil(g/4).  Run from this folder: Rscript fpfit_grouped_options.R
source("fpfit_grouped_setup.R")
w <- (g %% 3) + 1; o <- t / 4; cl <- ceiling(g / 4)
informative <- as.vector(tapply(y, g, function(v) any(v != v[1]))[as.character(g)])
keep <- informative
clogit_case <- function(weights = NULL, wkind = "none", off = NULL, cluster = NULL, robust = FALSE) {
  ww <- if (is.null(weights)) NULL else weights[keep]
  oo <- if (is.null(off)) NULL else off[keep]
  dev <- function(X) -2 * clogit_fit(y[keep], X[keep, , drop = FALSE], g[keep], w = ww, off = oo, wkind = wkind)$ll
  bp <- search(dev)
  centre <- terms(mean(z), bp)
  X <- sweep(terms(z, bp), 2, centre)
  f <- clogit_fit(y[keep], X[keep, ], g[keep], w = ww, off = oo, wkind = wkind,
                  cluster = if (is.null(cluster)) NULL else cluster[keep], robust = robust)
  V <- if (robust) f$V_robust else f$V
  X0 <- sweep(terms(at / scale, bp), 2, centre)
  list(powers = bp, at = at, drawn = keep[first], se = sqrt(rowSums((X0 %*% V) * X0)),
       xb = as.vector(X0 %*% f$b) + (if (is.null(off)) 0 else off[first]))
}
xtgee_case <- function(fam, kind, robust = FALSE, ...) {
  key <- if (robust) "V_robust" else "V_conventional"
  wald <- function(X) {
    f <- gee_fit_X(y, cbind(1, X), g, t, fam, kind, ...)
    b <- f$b[2:3]; V <- f[[key]][2:3, 2:3]
    -as.numeric(t(b) %*% solve(V, b))
  }
  bp <- search(wald)
  f <- gee_fit_X(y, cbind(1, terms(z, bp)), g, t, fam, kind, ...)
  X0 <- cbind(1, terms(at / scale, bp))
  extra <- list(...)
  off <- if (is.null(extra$offset)) 0 else extra$offset[first]
  list(powers = bp, at = at, xb = as.vector(X0 %*% f$b) + off, se = sqrt(rowSums((X0 %*% f[[key]]) * X0)))
}
out <- list(
  clogit_robust = clogit_case(robust = TRUE),
  clogit_cluster = clogit_case(cluster = cl, robust = TRUE),
  clogit_fweight = clogit_case(weights = w, wkind = "fweight"),
  clogit_offset = clogit_case(off = o),
  xtgee_ar1 = xtgee_case(binomial(), "ar", g = 1),
  xtgee_pweight_probit = xtgee_case(binomial(link = "probit"), "stationary", robust = TRUE, g = 1, w = w,
                                    wkind = "pweight", offset = o, nmp = TRUE, rgf = TRUE)
)
write_json(out, "fpfit_grouped_options.json", digits = 15, auto_unbox = TRUE)
