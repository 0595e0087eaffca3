# Reference values for tests/test_graphs_fpfit_ml_weighted_jackknife.py: twoway fpfitci y x [pw|fw = w],
# estcmd(cnreg) estopts(censored(c) vce(jackknife)).  The data of fpfit_cnreg_replicates.json and
# w = 1 + mod(_n, 3); the search and the final model are cnreg's weighted fits (R's survreg with case
# weights, Gaussian, interval2); the final model's V is jackknife.ado's weighted one over cnreg's
# e(b) = (b, sigma): pweights each observation left out, V = (n-1)/n sum (b_(i) - bbar)(b_(i) - bbar)',
# e(df_r) = n - 1; fweights observation i's frequency less one, V = (F-1)/F sum f_i (b_(i) - bw)
# (b_(i) - bw)', e(df_r) = F - 1; the band x b -/+ invttail(e(df_r), .025) stdp.
# Run in this folder: Rscript fpfit_cnreg_weighted_jackknife.R > fpfit_cnreg_weighted_jackknife.json
suppressMessages(library(survival))
suppressMessages(library(jsonlite))
data <- fromJSON("fpfit_cnreg_replicates.json")  # fpfit_cnreg_replicates.R's data
x <- data$x; y <- data$y; c <- data$c; n <- length(x)
w <- 1 + seq_len(n) %% 3
source("fp_terms.R")
lo <- ifelse(c == -1, NA, y); hi <- ifelse(c == 1, NA, y)
ctl <- survreg.control(rel.tolerance = 1e-13, maxiter = 100)
fitx <- function(X, keep, ww) {
  f <- survreg(Surv(lo[keep], hi[keep], type = "interval2") ~ X[keep, ], dist = "gaussian", weights = ww,
               control = ctl)
  c(coef(f)[-1], coef(f)[1], f$scale)  # terms, _cons, sigma: cnreg's e(b) order
}
all <- rep(TRUE, n)
dev <- function(X) -2 * survreg(Surv(lo, hi, type = "interval2") ~ X, dist = "gaussian", weights = w,
                                control = ctl)$loglik[2]
bp <- search_powers(function(p) dev(terms(z, p)))$powers
centre <- terms(mean(z), bp)
X <- sweep(terms(z, bp), 2, centre)
b <- fitx(X, all, w)
at <- sort(unique(x))
X0 <- cbind(sweep(terms(at / scale, bp), 2, centre), 1)
band <- function(kind) {
  if (kind == "pweight") {
    reps <- t(sapply(seq_len(n), function(i) fitx(X, seq_len(n) != i, w[-i])))
    m <- n; V <- (m - 1) / m * crossprod(sweep(reps, 2, colMeans(reps))); df_r <- m - 1
  } else {
    reps <- t(sapply(seq_len(n), function(i) { ww <- w - (seq_len(n) == i); keep <- ww > 0
      fitx(X, keep, ww[keep]) }))
    Fs <- sum(w); d <- sweep(reps, 2, colSums(reps * w) / Fs)
    V <- (Fs - 1) / Fs * crossprod(d * sqrt(w)); df_r <- Fs - 1
  }
  Vb <- V[1:3, 1:3]
  list(se = sqrt(rowSums((X0 %*% Vb) * X0)), df_r = df_r)
}
out <- list(x = x, y = y, c = c, w = w, powers = bp, at = at, xb = as.vector(X0 %*% b[1:3]),
            pweight = band("pweight"), fweight = band("fweight"))
cat(toJSON(out, digits = I(17), auto_unbox = TRUE))
