# Reference values for tests/test_clogit_options.py (Rscript clogit_options_reference.R in
# tests/reference_values).  clogit's weights, offset and robust/cluster variance on
# conditional_panels.csv:
# - an independent exact conditional logit: each group's likelihood by enumerating the
#   subsets of its size-k case sets (combn), Newton-Raphson on sum_g w_g l_g;
# - the robust variance V M V with M = c/(c-1) sum_j u_j u_j', u_j the weighted group
#   scores summed by cluster (each group its own cluster by default);
# - survival::clogit(..., method = "breslow", cluster = id) (R has no robust variance for the
#   exact method) on the groups with exactly one case (where exact,
#   Breslow and Efron coincide): R's robust variance is V M V without the c/(c-1) factor;
#   its SEs are recorded to show that, and the enumeration's without the factor match them.
suppressMessages({library(survival); library(jsonlite)})
d <- read.csv("conditional_panels.csv")
d$w <- (d$id %% 3) + 1
d$c <- ceiling(d$id / 5)
d$o <- d$x1 / 2
tot <- tapply(d$yb, d$id, sum); n <- tapply(d$yb, d$id, length)
informative <- as.numeric(names(tot)[tot > 0 & tot < n])
d <- d[d$id %in% informative, ]

group_terms <- function(X, y, eta) {  # exact: enumerate the case sets of size k
  k <- sum(y); idx <- combn(length(y), k, simplify = FALSE)
  s <- sapply(idx, function(S) sum(eta[S]))
  xs <- t(sapply(idx, function(S) colSums(X[S, , drop = FALSE])))
  if (ncol(X) == 1) xs <- matrix(xs, ncol = 1)
  m <- max(s); p <- exp(s - m) / sum(exp(s - m))
  ex <- colSums(p * xs)
  list(ll = sum(eta[y == 1]) - (m + log(sum(exp(s - m)))),
       score = colSums(X[y == 1, , drop = FALSE]) - ex,
       info = t(xs) %*% (p * xs) - outer(ex, ex))
}

fit <- function(dd, vars, w = NULL, off = NULL, wkind = "none", cluster = NULL, robust = FALSE) {
  X <- as.matrix(dd[, vars, drop = FALSE]); y <- dd$yb; ids <- unique(dd$id)
  off <- if (is.null(off)) rep(0, nrow(dd)) else off
  wg <- if (is.null(w)) rep(1, length(ids)) else sapply(ids, function(g) w[dd$id == g][1])
  b <- rep(0, ncol(X))
  terms <- function(b) lapply(ids, function(g) { r <- dd$id == g
    group_terms(X[r, , drop = FALSE], y[r], drop(X[r, , drop = FALSE] %*% b) + off[r]) })
  for (it in 1:100) {
    tt <- terms(b)
    U <- Reduce(`+`, Map(function(t, w) w * t$score, tt, wg))
    I <- Reduce(`+`, Map(function(t, w) w * t$info, tt, wg))
    step <- solve(I, U); b <- b + step
    if (max(abs(step)) < 1e-14) break
  }
  tt <- terms(b)
  I <- Reduce(`+`, Map(function(t, w) w * t$info, tt, wg))
  V <- solve(I)
  ll <- sum(mapply(function(t, w) w * t$ll, tt, wg))
  S <- t(sapply(tt, function(t) t$score)); if (ncol(X) == 1) S <- matrix(S, ncol = 1)
  res <- list(b = unname(b), se = unname(sqrt(diag(V))), ll = ll)
  if (robust) {
    if (!is.null(cluster)) {
      cg <- sapply(ids, function(g) cluster[dd$id == g][1])
      U <- rowsum(wg * S, cg); cc <- nrow(U); M <- t(U) %*% U
    } else if (wkind == "fweight") {
      cc <- sum(wg); M <- t(wg * S) %*% S
    } else {
      U <- wg * S; cc <- nrow(U); M <- t(U) %*% U
    }
    res$se_robust_nofactor <- unname(sqrt(diag(V %*% M %*% V)))
    res$se_robust <- unname(sqrt(diag(V %*% M %*% V) * cc / (cc - 1)))
    res$n_clusters <- cc
  }
  res
}

one <- d[d$id %in% as.numeric(names(tot)[tot == 1]), ]
cx <- clogit(yb ~ x1 + x2 + strata(id), data = one, method = "breslow", cluster = id)
out <- list(
  robust = fit(d, c("x1", "x2"), robust = TRUE),
  cluster = fit(d, c("x1", "x2"), cluster = d$c, robust = TRUE),
  fweight = fit(d, c("x1", "x2"), w = d$w, wkind = "fweight", robust = TRUE),
  pweight = fit(d, c("x1", "x2"), w = d$w, wkind = "pweight", robust = TRUE),
  offset = fit(d, c("x2"), off = d$o),
  one_case = fit(one, c("x1", "x2"), robust = TRUE),
  one_case_coxph = list(b = unname(coef(cx)), se_robust = unname(sqrt(diag(cx$var))))
)
out$fweight$N <- sum(d$w)
write(toJSON(list(source = "clogit_options_reference.R on conditional_panels.csv", fits = out), digits = 15,
             auto_unbox = TRUE, pretty = TRUE), "clogit_options_reference.json")
