# An exact conditional logit (sourced by clogit_options_reference.R and
# ../graphs_reference/fpfit_grouped_options.R): each group's likelihood by enumerating the
# subsets of its size-k case sets (combn); Newton-Raphson on sum_g w_g l_g; the robust
# variance V M V with M = c/(c-1) sum_j u_j u_j', u_j the weighted group scores summed by
# cluster (each group its own cluster by default; fweights: M = c/(c-1) sum w_g s_g s_g',
# c = sum w_g).  Informative groups only (outcome varying).
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

fit <- function(dd, vars, ...) clogit_fit(dd$yb, as.matrix(dd[, vars, drop = FALSE]), dd$id, ...)

clogit_fit <- function(y, X, id, w = NULL, off = NULL, wkind = "none", cluster = NULL, robust = FALSE) {
  ids <- unique(id)
  off <- if (is.null(off)) rep(0, nrow(X)) else off
  wg <- if (is.null(w)) rep(1, length(ids)) else sapply(ids, function(g) w[id == g][1])
  b <- rep(0, ncol(X))
  terms <- function(b) lapply(ids, function(g) { r <- id == g
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
  res <- list(b = unname(b), se = unname(sqrt(diag(V))), ll = ll, V = unname(V))
  if (robust) {
    if (!is.null(cluster)) {
      cg <- sapply(ids, function(g) cluster[id == g][1])
      U <- rowsum(wg * S, cg); cc <- nrow(U); M <- t(U) %*% U
    } else if (wkind == "fweight") {
      cc <- sum(wg); M <- t(wg * S) %*% S
    } else {
      U <- wg * S; cc <- nrow(U); M <- t(U) %*% U
    }
    res$se_robust_nofactor <- unname(sqrt(diag(V %*% M %*% V)))
    res$se_robust <- unname(sqrt(diag(V %*% M %*% V) * cc / (cc - 1)))
    res$V_robust <- unname(V %*% M %*% V * cc / (cc - 1))
    res$n_clusters <- cc
  }
  res
}

