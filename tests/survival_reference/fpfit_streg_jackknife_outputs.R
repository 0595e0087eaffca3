# Reference values for twoway fpfitci age wt_loss, estcmd(streg) estopts(d(lognormal)
# powers(1 2) vce(jackknife, saving(f) ...)) on stset time, failure(died) (tests/test_fpfit_streg_jackknife.py):
# the powers by -2 ll of survreg's fits (as fpfit_streg_vce.R), then the final model refitted
# leaving out each record (no id(): the records are the clusters): the replicates of e(b),
# _t: the centred terms, wt_loss, _cons, then ln_sig:_cons = log(scale) -- saving()'s file;
# with n(e(N_fail)) only the replicates leaving out a failure keep n0 - 1 failures (the others
# are rejected): V = (m-1)/m sum (b_i - bbar)(b_i - bbar)' over those m, e(df_r) = m - 1, and
# fracpred's x b and stdp at the observation twoway keeps at each wt_loss.
# Run from the worktree root.
library(survival)
d <- read.csv("tests/survival_reference/lung.csv")
d <- d[!is.na(d$wt.loss), ]
x <- d$age
source("tests/graphs_reference/fp_terms.R")
S <- c(1, 2)  # estopts(powers(1 2)): fracpoly's candidates among these (fewer fits under the prefix)
o <- order(d$wt.loss, d$age)
keep <- o[c(TRUE, diff(d$wt.loss[o]) != 0)]
n <- nrow(d)
ctl <- survreg.control(rel.tolerance = 1e-12, maxiter = 100)
best <- search_powers(function(p) {
  X <- terms(z, p)
  -2 * survreg(Surv(d$time, d$died) ~ X + d$wt.loss, dist = "lognormal")$loglik[2]
}, tol = 1e-12, relative = TRUE)
Xc <- sweep(terms(z, best$powers), 2, terms(mean(z), best$powers))
k <- ncol(Xc)
reps <- t(sapply(seq_len(n), function(i) {
  f <- survreg(Surv(d$time[-i], d$died[-i]) ~ Xc[-i, ] + d$wt.loss[-i], dist = "lognormal", control = ctl)
  b <- coef(f)
  c(b[2:(k + 2)], b[1], log(f$scale))
}))
good <- d$died == 1
m <- sum(good)
R <- reps[good, ]
D <- sweep(R, 2, colMeans(R))
V <- (m - 1) / m * crossprod(D)
f <- survreg(Surv(d$time, d$died) ~ Xc + d$wt.loss, dist = "lognormal", control = ctl)
b <- coef(f)
X0 <- cbind(Xc[keep, , drop = FALSE], d$wt.loss[keep], 1)
Vt <- V[1:(k + 2), 1:(k + 2)]
out <- list(powers = best$powers, replicates = unname(reps), at = d$wt.loss[keep],
            xb = as.vector(X0 %*% c(b[2:(k + 2)], b[1])), se_nfail = sqrt(rowSums((X0 %*% Vt) * X0)),
            df_r_nfail = m - 1)
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = FALSE))
