# Reference numbers for tests/test_graphs_fpfit_idcluster_reads.py (R is not a test dependency).
# fpfit ... estopts(noconstant degree(1) vce(jackknife, cluster(c) keep idcluster(v))): the final
# fit reads v renumbered 1..G (the clusters' sort order).  Each case: R's glm on fracgen's power -2
# term of x (centred at the mean of x, x's scale 10^floor(log10(range)); on the renumbered x: the
# scale of 1..G), no constant, with each cluster left out in turn; V = (G-1)/G sum (b_g - mean b)^2.
# Run: Rscript tests/idcluster_reference/idcluster_reads.R  (writes idcluster_reads.json beside it)
library(jsonlite)
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
d <- read.csv(file.path(here, "data.csv"))
gid <- as.numeric(factor(d$c, levels = sort(unique(d$c))))
G <- max(gid)
term_of <- function(values, renumbered) {
  scale <- if (renumbered) 10^floor(log10(G - 1)) else 10^floor(log10(max(d$x) - min(d$x)))
  (values / scale)^-2 - (mean(d$x) / scale)^-2
}
fit_b <- function(rows, term, family, weights = NULL, offset = NULL, trials = NULL) {
  dd <- data.frame(t = term[rows])
  w <- if (is.null(weights)) rep(1, length(rows)) else weights[rows]
  off <- if (is.null(offset)) rep(0, length(rows)) else offset[rows]
  if (family == "binomial") {
    k <- d$k[rows]; n <- trials[rows]
    f <- glm(cbind(k, n - k) ~ t - 1, family = binomial, data = dd, offset = off,
             control = glm.control(epsilon = 1e-14, maxit = 200))
  } else {
    yy <- if (family == "poisson") d$y[rows] else d$yb[rows]
    fam <- if (family == "poisson") quasipoisson() else quasibinomial()
    f <- suppressWarnings(glm(yy ~ t - 1, family = fam, data = dd, weights = w, offset = off,
                              control = glm.control(epsilon = 1e-14, maxit = 200)))
  }
  unname(coef(f)[1])
}
case <- function(family, renumbered, weights = NULL, offset = NULL, trials = NULL) {
  xs <- if (renumbered) gid else d$x
  term <- term_of(xs, renumbered)
  all <- seq_len(nrow(d))
  b <- fit_b(all, term, family, weights, offset, trials)
  reps <- sapply(1:G, function(g) fit_b(all[gid != g], term, family, weights, offset, trials))
  V <- (G - 1) / G * sum((reps - mean(reps))^2)
  at <- sort(unique(xs))
  list(b = b, V = V, G = G, at = at, term_at = term_of(at, renumbered))
}
out <- list(
  pw_v_times_2 = case("poisson", FALSE, weights = 2 * gid),
  pw_x = case("poisson", TRUE, weights = gid),
  offset_x = case("poisson", TRUE, offset = gid),
  exposure_x = case("poisson", TRUE, offset = log(gid)),
  logit_pw_v_times_3 = case("logit", FALSE, weights = 3 * gid),
  glm_binomial_m = case("binomial", FALSE, trials = gid)
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), file.path(here, "idcluster_reads.json"))
