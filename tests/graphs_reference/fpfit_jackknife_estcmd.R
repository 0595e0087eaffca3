# Reference values for tests/test_graphs_fpfit_jackknife_estcmd.py: twoway fpfitci y x,
# estcmd(poisson) estopts(vce(jackknife, saving(f, replace double) [reject(abs(_b[_cons] - 1.105) < .006)])) and
# estcmd(cnreg) estopts(censored(cc) vce(jackknife, cluster(g) saving(f, replace double))).
# The prefix runs with every fit fracpoly makes: the constant-only model, the candidates (terms of
# x scaled by 10^floor(log10(range)), uncentred, the constant last), the final model on fracgen's
# terms (centred at the mean of the scaled x).  jackknife: b without each observation (cluster);
# V = (n-1)/n sum (b_i - bbar)(b_i - bbar)'; reject(exp): a fit whose full-sample exp is true
# fails (r(9)) and is skipped (a candidate) or fails fracpoly (the first or the final fit); a
# replicate whose exp is true is left out of V (and missing in the file), e(df_r) = usable - 1;
# a candidate with fewer than two usable replicates is skipped.  fracpoly's choice: the smallest
# deviance -2 ll (the full-sample fit's) among the surviving degree-2 candidates.  The band:
# x b -/+ qt(.975, e(df_r)) stdp.  The file: the final model's replicates, (b, _cons) for poisson,
# (b, _cons, sigma) for cnreg (survreg, Gaussian, interval2).
# Run in this folder: Rscript fpfit_jackknife_estcmd.R > fpfit_jackknife_estcmd.json
suppressMessages(library(survival))
set.seed(20261206)
n <- 30
x <- round(runif(n, 0.5, 6), 1)
y <- rpois(n, exp(0.3 + 0.5 * log(x)))
source("fp_terms.R")  # S, terms(), the scaled z
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
poisson_b <- function(X, keep = rep(TRUE, n)) {
  f <- if (ncol(X) == 0) glm(y[keep] ~ 1, family = poisson, control = ctl)
       else glm(y[keep] ~ X[keep, , drop = FALSE], family = poisson, control = ctl)
  c(coef(f)[-1], coef(f)[1])  # the terms, then _cons: e(b)'s order
}
jack <- function(X, fitb, reject, codes = 1:n) {
  b <- fitb(X)
  if (reject(b)) return(NULL)
  B <- t(sapply(sort(unique(codes)), function(k) fitb(X, codes != k)))
  if (length(b) == 1) B <- matrix(B, ncol = 1)
  ok <- !apply(B, 1, reject)
  if (sum(ok) < 2) return(NULL)
  G <- sum(ok)
  C <- sweep(B[ok, , drop = FALSE], 2, colMeans(B[ok, , drop = FALSE]))
  B[!ok, ] <- NA
  list(b = b, B = B, V = (G - 1) / G * crossprod(C), df_r = G - 1)
}
final <- function(reject) {
  if (is.null(jack(matrix(0, n, 0), poisson_b, reject))) return(NULL)
  best <- Inf
  for (a in seq_along(S)) for (c in a:length(S)) {
    p <- c(S[a], S[c])
    if (is.null(jack(terms(z, p), poisson_b, reject))) next
    d <- deviance(glm(y ~ terms(z, p), family = poisson, control = ctl))
    if (d < best - 1e-9) { best <- d; bp <- p }
  }
  centre <- terms(mean(z), bp)
  f <- jack(sweep(terms(z, bp), 2, centre), poisson_b, reject)
  at <- sort(unique(x))
  X0 <- cbind(sweep(terms(at / scale, bp), 2, centre), 1)
  xb <- as.vector(X0 %*% f$b)
  se <- sqrt(rowSums((X0 %*% f$V[1:3, 1:3]) * X0))
  q <- qt(0.975, f$df_r)
  list(powers = bp, b = f$b, B = f$B, at = at, xb = xb, lower = xb - q * se, upper = xb + q * se,
       uncentred_cons = poisson_b(terms(z, bp))[3])
}
num <- function(v) paste(ifelse(is.na(v), "null", sprintf("%.17g", v)), collapse = ", ")
out <- function(name, r) sprintf(paste0('  "%s": {"powers": [%s], "b": [%s], "B": [%s], "at": [%s], "xb": [%s],',
                                        ' "lower": [%s], "upper": [%s]}'), name, num(r$powers), num(r$b),
                                 num(as.vector(t(r$B))), num(r$at), num(r$xb), num(r$lower), num(r$upper))
plain <- final(function(b) FALSE)
# reject(abs(_b[_cons] - 1.105) < .006): the best pair's uncentred constant (1.1032) is in the window,
# so another pair is chosen; the constant-only fit (1.053) and the final fit (its constant x b at the
# mean) pass, one of the final fit's replicates does not
above <- final(function(b) abs(b[length(b)] - 1.105) < 0.006)
# cnreg: censored below at 1 and above at 2.6, replicates by 6 clusters
ystar <- 1 + 0.8 * log(x) + rnorm(n, 0, 0.5)
cc <- ifelse(ystar < 1, -1, ifelse(ystar > 2.6, 1, 0))
yn <- round(ifelse(cc == -1, 1, ifelse(cc == 1, 2.6, ystar)), 3)
g <- rep(1:6, length.out = n)
lo <- ifelse(cc == -1, NA, yn); hi <- ifelse(cc == 1, NA, yn)
sctl <- survreg.control(rel.tolerance = 1e-13, maxiter = 100)
cnreg_b <- function(X, keep = rep(TRUE, n)) {
  f <- survreg(Surv(lo[keep], hi[keep], type = "interval2") ~ X[keep, ], dist = "gaussian", control = sctl)
  c(coef(f)[-1], coef(f)[1], f$scale)  # the terms, _cons, sigma: cnreg's e(b) order
}
cp <- best_pair(function(p)
  -2 * survreg(Surv(lo, hi, type = "interval2") ~ terms(z, p), dist = "gaussian", control = sctl)$loglik[2])
cn <- jack(sweep(terms(z, cp), 2, terms(mean(z), cp)), cnreg_b, function(b) FALSE, g)
cat("{\n")
cat(sprintf('  "x": [%s],\n  "y": [%s],\n  "yn": [%s],\n  "cc": [%s],\n  "g": [%s],\n', num(x), num(y), num(yn),
            num(cc), num(g)))
cat(out("plain", plain), ",\n", sep = "")
cat(sprintf('  "plain_uncentred_cons": %.17g,\n', plain$uncentred_cons))
cat(out("above", above), ",\n", sep = "")
cat(sprintf('  "cnreg": {"powers": [%s], "b": [%s], "B": [%s]}\n', num(cp), num(cn$b), num(as.vector(t(cn$B)))))
cat("}\n")
