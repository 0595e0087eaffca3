# Reference values for tests/test_graphs_fpfit_censored.py: twoway fpfitci y x, estcmd(cnreg)
# estopts(censored(c)).  fracpoly's degree-2 search by the censored-normal deviance -2 ll (R's
# survreg, Gaussian, Surv(type = "interval2"): c = -1 left-censored at y, 1 right-censored at
# y, 0 a point), x (range below 10: scale 1) in the terms of each pair of powers from S; the
# final model on the terms centred at the mean of x; fracpred's x b and stdp at the distinct x
# from survreg's vcov (the OIM), the band with t(N - 2) (cnreg's e(df_r) = N - df_m).
# Run in this folder: Rscript fpfit_cnreg.R > fpfit_cnreg.json
suppressMessages(library(survival))
set.seed(20261202)
n <- 90
x <- round(runif(n, 0.5, 8), 1)
ystar <- 2 + 3 * log(x) - 0.2 * x + rnorm(n)
c <- ifelse(ystar < 3, -1, ifelse(ystar > 7, 1, 0))
y <- round(ifelse(c == -1, 3, ifelse(c == 1, 7, ystar)), 3)
source("fp_terms.R")
lo <- ifelse(c == -1, NA, y); hi <- ifelse(c == 1, NA, y)
dev <- function(X) -2 * survreg(Surv(lo, hi, type = "interval2") ~ X, dist = "gaussian",
                                control = survreg.control(rel.tolerance = 1e-13, maxiter = 100))$loglik[2]
bp <- search_powers(function(p) dev(terms(z, p)))$powers
centre <- terms(mean(z), bp)
X <- sweep(terms(z, bp), 2, centre)
fit <- survreg(Surv(lo, hi, type = "interval2") ~ X, dist = "gaussian",
               control = survreg.control(rel.tolerance = 1e-13, maxiter = 100))
at <- sort(unique(x))
X0 <- cbind(1, sweep(terms(at / scale, bp), 2, centre))
V <- vcov(fit)[1:3, 1:3]
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
cat(sprintf('{\n  "x": [%s],\n  "y": [%s],\n  "c": [%s],\n  "powers": [%s],\n  "at": [%s],\n  "xb": [%s],\n  "se": [%s],\n  "df_r": %d\n}\n',
            num(x), num(y), num(c), num(bp), num(at), num(as.vector(X0 %*% coef(fit))),
            num(sqrt(rowSums((X0 %*% V) * X0))), n - 2))
