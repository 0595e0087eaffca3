# Reference numbers for tests/test_suest.py: suest's stacked sandwich variance computed by hand in R.
# Data: MASS's birthwt (written to birthwt.csv with a made-up cluster id = row mod 23).
# Each model gives b, its model-based V (lm: s^2 (X'X)^-1 and, as suest's Fix_regress, lnvar =
# ln s^2 with variance 2/N; glm logit/poisson: vcov(), the inverse Hessian of a canonical link)
# and its coefficient-level scores (0 outside its sample); V = D (sum_c u_c u_c') D * M/(M-1).
# Run: Rscript suest_reference.R  (writes birthwt.csv and suest_reference.json here)
library(MASS)
library(jsonlite)
d <- birthwt[, c("low", "age", "lwt", "race", "smoke", "ptl", "bwt")]
d$id <- seq_len(nrow(d)) %% 23
rownames(d) <- NULL
write.csv(d, "birthwt.csv", row.names = FALSE)
n <- nrow(d)
d$race2 <- as.numeric(d$race == 2); d$race3 <- as.numeric(d$race == 3); d$cons <- 1

ols_part <- function(y, X, rows, eq) {
  Xs <- X[rows, , drop = FALSE]; ys <- y[rows]
  XtXi <- solve(crossprod(Xs)); b <- drop(XtXi %*% crossprod(Xs, ys))
  e <- drop(ys - Xs %*% b); ni <- length(ys); s2 <- sum(e^2) / (ni - ncol(Xs))
  k <- ncol(X)
  V <- matrix(0, k + 1, k + 1); V[1:k, 1:k] <- s2 * XtXi; V[k + 1, k + 1] <- 2 / ni
  U <- matrix(0, n, k + 1)
  U[rows, 1:k] <- (e / s2) * Xs; U[rows, k + 1] <- 0.5 * (e^2 / s2 - 1)
  list(b = c(b, log(s2)), V = V, U = U, rows = rows,
       names = c(paste0(eq, "_mean:", colnames(X)), paste0(eq, "_lnvar:_cons")))
}
glm_part <- function(y, X, rows, family, eq) {
  m <- glm.fit(X[rows, , drop = FALSE], y[rows], family = family,
               control = glm.control(epsilon = 1e-14, maxit = 100))
  b <- m$coefficients; eta <- drop(X %*% b); mu <- family$linkinv(eta)
  W <- m$weights; Xs <- X[rows, , drop = FALSE]
  V <- solve(crossprod(Xs * sqrt(W)))
  U <- matrix(0, n, ncol(X)); U[rows, ] <- (y[rows] - mu[rows]) * Xs
  list(b = b, V = V, U = U, rows = rows, names = paste0(eq, ":", colnames(X)))
}
combine <- function(parts, cluster = NULL) {
  k <- sum(sapply(parts, function(p) length(p$b)))
  D <- matrix(0, k, k); at <- 0
  for (p in parts) { j <- length(p$b); D[at + 1:j, at + 1:j] <- p$V; at <- at + j }
  U <- do.call(cbind, lapply(parts, function(p) p$U))
  touse <- Reduce(`|`, lapply(parts, function(p) p$rows))
  U <- U[touse, , drop = FALSE]
  if (is.null(cluster)) { G <- U; m <- nrow(U) } else {
    G <- rowsum(U, cluster[touse]); m <- nrow(G) }
  V <- D %*% crossprod(G) %*% D * m / (m - 1)
  nm <- unlist(lapply(parts, function(p) p$names))
  b <- unlist(lapply(parts, function(p) p$b))
  dimnames(V) <- list(nm, nm); names(b) <- nm
  list(b = b, V = V, N = sum(touse), M = m)
}
wald <- function(res, pairs) {
  R <- matrix(0, length(pairs), length(res$b), dimnames = list(NULL, names(res$b)))
  for (i in seq_along(pairs)) { R[i, pairs[[i]][1]] <- 1; R[i, pairs[[i]][2]] <- -1 }
  d <- R %*% res$b; W <- drop(t(d) %*% solve(R %*% res$V %*% t(R)) %*% d)
  list(chi2 = W, df = length(pairs), p = pchisq(W, length(pairs), lower.tail = FALSE))
}
out_set <- function(res) list(names = names(res$b), b = unname(res$b), se = unname(sqrt(diag(res$V))),
                              N = res$N, M = res$M)

all_rows <- rep(TRUE, n)
X1 <- cbind(age = d$age, "2.race" = d$race2, "3.race" = d$race3, smoke = d$smoke, "_cons" = d$cons)
X2 <- cbind(X1[, 1:4], ptl = d$ptl, "_cons" = d$cons)
re <- ols_part(d$bwt, X1, all_rows, "re")
fe <- ols_part(d$bwt, X2, all_rows, "fe")
robust <- combine(list(re, fe))
clustered <- combine(list(re, fe), d$id)
common <- c("age", "2.race", "3.race", "smoke", "_cons")
pairs <- lapply(common, function(v) c(paste0("re_mean:", v), paste0("fe_mean:", v)))

Xl <- cbind(age = d$age, lwt = d$lwt, "_cons" = d$cons)
lg <- glm_part(d$low, Xl, all_rows, binomial(), "lg_low")
sub_rows <- d$smoke == 1
Xs <- cbind(age = d$age, lwt = d$lwt, "_cons" = d$cons)
sb <- ols_part(d$bwt, Xs, sub_rows, "sb")
Xp <- cbind(age = d$age, smoke = d$smoke, "_cons" = d$cons)
po <- glm_part(d$ptl, Xp, all_rows, poisson(), "po_ptl")
mixed3 <- combine(list(lg, sb, po), d$id)

res <- list(
  re_fe_robust = out_set(robust),
  re_fe_cluster = c(out_set(clustered), list(test = wald(clustered, pairs),
                                               test_robust = wald(robust, pairs))),
  lg_sb_po_cluster = c(out_set(mixed3), list(cross = mixed3$V["lg_low:age", "sb_mean:age"],
                                             cross2 = mixed3$V["sb_lnvar:_cons", "po_ptl:smoke"]))
)
writeLines(toJSON(res, digits = 15, auto_unbox = TRUE, pretty = TRUE), "suest_reference.json")
