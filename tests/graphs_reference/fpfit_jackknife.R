# Reference values for tests/test_graphs_fpfit_jackknife.py: twoway fpfitci y x with
# estopts(vce(jackknife, saving(f, replace))) and with reject(_b[_cons] > c), written out with qr().
# fracpoly regress runs the jackknife with every fit: the model without x, the 8 degree-1 and the
# 36 degree-2 candidates (their terms: x scaled by 10^floor(log10(range)), uncentred, the constant
# last), then the final model on fracgen's terms Ix__1 Ix__2 (centred at the mean of the scaled x).
# jackknife: b without each observation; V = (n-1)/n sum (b_i - bbar)(b_i - bbar)'; reject(exp):
# a fit whose full-sample exp is true fails (r(9)), a replicate whose exp is true is left out of V
# (V's n is then the usable replicates').  A failing candidate is skipped.  The band: x b -/+
# invttail(e(df_r), .025) stdp with e(df_r) = usable replicates - 1.
# Run in this folder: Rscript fpfit_jackknife.R > fpfit_jackknife.json
n <- 20
i <- 1:n
k <- (7 * i) %% n
x <- 5 + 2.5 * k
y <- round(3 + 2 * log(x / 10) - 0.02 * x + 0.4 * sin(3 * i), 3)
source("fp_terms.R")  # S, terms(), the scaled z
# the jackknife of regress y on X (a constant added last): NULL when the fit fails under reject()
jack <- function(X, reject = function(b) FALSE) {
  D <- cbind(X, 1)
  b <- qr.coef(qr(D), y)
  if (reject(b)) return(NULL)
  B <- t(sapply(1:n, function(r) qr.coef(qr(D[-r, , drop = FALSE]), y[-r])))
  if (ncol(D) == 1) B <- matrix(B, ncol = 1)
  ok <- !apply(B, 1, reject)
  if (sum(ok) < 2) return(NULL)
  G <- sum(ok)
  C <- sweep(B[ok, , drop = FALSE], 2, colMeans(B[ok, , drop = FALSE]))
  list(b = b, B = B, ok = ok, V = (G - 1) / G * crossprod(C), df_r = G - 1,
       rss = sum((y - D %*% b)^2))
}
search <- function(reject) {
  if (is.null(jack(matrix(0, n, 0), reject))) return(NULL)  # the model without x
  best <- Inf
  bp <- NULL
  for (a in seq_along(S)) for (c in a:length(S)) {
    p <- c(S[a], S[c])
    f <- jack(terms(z, p), reject)
    if (!is.null(f) && (is.null(bp) || f$rss < best - 1e-12 * max(best, 1))) { best <- f$rss; bp <- p }
  }
  bp
}
final <- function(reject) {
  bp <- search(reject)
  centre <- terms(mean(z), bp)
  f <- jack(sweep(terms(z, bp), 2, centre), reject)
  at <- sort(unique(x))
  X0 <- cbind(sweep(terms(at / scale, bp), 2, centre), 1)
  xb <- as.vector(X0 %*% f$b)
  se <- sqrt(rowSums((X0 %*% f$V) * X0))
  q <- qt(0.975, f$df_r)
  list(powers = bp, b = f$b, B = f$B, ok = f$ok, at = at, xb = xb, lower = xb - q * se, upper = xb + q * se)
}
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
out <- function(name, r) sprintf(paste0('  "%s": {"powers": [%s], "b": [%s], "B1": [%s], "B2": [%s], "Bc": [%s],',
                                        ' "usable": [%s], "at": [%s], "xb": [%s], "lower": [%s], "upper": [%s]}'),
                                 name, num(r$powers), num(r$b), num(r$B[, 1]), num(r$B[, 2]), num(r$B[, 3]),
                                 num(as.integer(r$ok)), num(r$at), num(r$xb), num(r$lower), num(r$upper))
plain <- final(function(b) FALSE)
# reject(_b[_cons] > 4.52): the best pair's (uncentred) constant is above it, so the next best pair is
# chosen, and some replicates of the final fit (its constant the fitted value at the mean) are left out
above <- final(function(b) b[length(b)] > 4.52)
# reject(_b[_cons] > 4.5): the final fit's constant is above it: fracpoly fails (the note), and the
# file holds the last candidate's replicates, (3, 3)'s
last <- jack(terms(z, c(3, 3)), function(b) b[length(b)] > 4.5)
cat("{\n")
cat(sprintf('  "x": [%s],\n  "y": [%s],\n', num(x), num(y)))
cat(out("plain", plain), ",\n", sep = "")
cat(out("above", above), ",\n", sep = "")
cat(sprintf('  "last": {"B1": [%s], "B2": [%s], "Bc": [%s]}\n', num(last$B[, 1]), num(last$B[, 2]), num(last$B[, 3])))
cat("}\n")
