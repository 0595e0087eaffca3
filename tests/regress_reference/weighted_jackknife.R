# Reference values for tests/test_regress_weighted_jackknife.py: regress's vce(jackknife) with
# fweights and pweights, against R.  Run: Rscript weighted_jackknife.R > weighted_jackknife.json
# fweights: jackknife.ado's _loop_jknife_fw takes one copy of the observation (or of every row
# of the cluster) away per replicate and weights the replicates by the frequency -- the plain
# jackknife of the data with each row repeated w times, computed here by lm on the repeated rows
# without each copy (clusters: each copy of a cluster its own cluster), V = (N-1)/N sum
# (b_(i) - bbar)(b_(i) - bbar)', N the copies.
# pweights: svy-style delete-one jackknife (_loop_jknife_iw, _jk_sum), survey's JK1 replicate
# design (scale (n-1)/n, centred on the replicates' mean; mse: on the full-sample b) and an
# explicit lm(weights=) loop without each row or cluster.
suppressMessages(library(survey))
set.seed(20261203)
n <- 30
x1 <- round(runif(n, 0, 10), 2)
x2 <- round(rnorm(n), 3)
fw <- sample(1:3, n, replace = TRUE)
pw <- round(runif(n, 0.5, 4), 2)
c <- rep(1:6, each = 5)
cw <- c(2, 1, 3, 1, 2, 2)[c]  # fweights constant within cluster
y <- round(1 + 0.4 * x1 - 0.7 * x2 + rnorm(n, 0, 0.5 + 0.2 * x1), 3)
order <- c(2, 3, 1)  # regress's order: x1, x2, _cons
vc <- function(V) V[order, order]
jk <- function(B, b, mse, scale) {
  centre <- if (mse) b else colMeans(B)
  D <- sweep(B, 2, centre)
  scale * crossprod(D)
}
expanded_jack <- function(w, unit, mse, one = FALSE) {
  rows <- rep(seq_len(n), w)
  copy <- ave(rows, rows, FUN = seq_along)  # which copy of the row
  id <- paste(unit[rows], copy)              # a copy of a cluster (or of a row)
  ids <- unique(id)
  fit <- function(keep) {
    if (one) coef(lm(y[rows][keep] ~ x1[rows][keep])) else coef(lm(y[rows][keep] ~ x1[rows][keep] + x2[rows][keep]))
  }
  b <- fit(rep(TRUE, length(rows)))
  B <- t(sapply(ids, function(k) fit(id != k)))
  N <- length(ids)
  jk(B, b, mse, (N - 1) / N)
}
pweight_jack <- function(unit, mse) {
  b <- coef(lm(y ~ x1 + x2, weights = pw))
  units <- unique(unit)
  B <- t(sapply(units, function(u) coef(lm(y ~ x1 + x2, weights = pw, subset = unit != u))))
  G <- length(units)
  jk(B, b, mse, (G - 1) / G)
}
survey_jack <- function(ids, mse, formula = y ~ x1 + x2) {
  d <- svydesign(ids = ids, weights = ~pw, data = data.frame(y, x1, x2, pw, c))
  r <- as.svrepdesign(d, type = "JK1", mse = mse)
  vcov(svyglm(formula, design = r))
}
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
mat <- function(V) paste0("[", paste(sapply(seq_len(nrow(V)), function(i) paste0("[", num(V[i, ]), "]")),
                                      collapse = ", "), "]")
check <- function(a, b) stopifnot(max(abs(a - b)) < 1e-12 * max(abs(a)))
check(pweight_jack(seq_len(n), FALSE), survey_jack(~1, FALSE))
check(pweight_jack(seq_len(n), TRUE), survey_jack(~1, TRUE))
check(pweight_jack(c, FALSE), survey_jack(~c, FALSE))
cat("{\n")
cat(sprintf('  "y": [%s],\n  "x1": [%s],\n  "x2": [%s],\n  "fw": [%s],\n  "pw": [%s],\n  "c": [%s],\n  "cw": [%s],\n',
            num(y), num(x1), num(x2), num(fw), num(pw), num(c), num(cw)))
cat(sprintf('  "b_fweight": [%s],\n', num(coef(lm(y ~ x1 + x2, weights = fw))[order])))
cat(sprintf('  "fweight": %s,\n', mat(vc(expanded_jack(fw, seq_len(n), FALSE)))))
cat(sprintf('  "fweight_mse": %s,\n', mat(vc(expanded_jack(fw, seq_len(n), TRUE)))))
cat(sprintf('  "fweight_cluster": %s,\n', mat(vc(expanded_jack(cw, c, FALSE)))))
cat(sprintf('  "b_pweight": [%s],\n', num(coef(lm(y ~ x1 + x2, weights = pw))[order])))
cat(sprintf('  "pweight": %s,\n', mat(vc(survey_jack(~1, FALSE)))))
cat(sprintf('  "pweight_mse": %s,\n', mat(vc(survey_jack(~1, TRUE)))))
cat(sprintf('  "pweight_cluster": %s,\n', mat(vc(survey_jack(~c, FALSE)))))
# y on x1 alone (lfitci's regress): b and V, regress's order x1, _cons
cat(sprintf('  "b_fweight_x1": [%s],\n', num(coef(lm(y ~ x1, weights = fw))[c(2, 1)])))
cat(sprintf('  "fweight_x1": %s,\n', mat(expanded_jack(fw, seq_len(n), FALSE, one = TRUE)[c(2, 1), c(2, 1)])))
cat(sprintf('  "b_pweight_x1": [%s],\n', num(coef(lm(y ~ x1, weights = pw))[c(2, 1)])))
cat(sprintf('  "pweight_cluster_x1": %s\n', mat(survey_jack(~c, FALSE, y ~ x1)[c(2, 1), c(2, 1)])))
cat("}\n")
