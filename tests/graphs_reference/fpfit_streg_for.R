# Reference values for tests/test_graphs_fpfit_streg_for.py: twoway fpfitci age wt_loss,
# estcmd(streg) estopts(distribution(lognormal)) predopts(for(age)|for(wt_loss) [stdp]) on
# stset time, failure(died) of tests/survival_reference/lung.csv.  survreg's lognormal fit is
# streg's (the search as tests/survival_reference/fpfit_streg_distributions.R); fracpred's
# for(v) is xpredict with(v) constant: v's terms (age: its centred FP terms; wt_loss: itself)
# times their b plus the constant, at twoway's kept row at each distinct wt_loss, and its stdp
# from the V block of those coefficients and the constant; dresid streg's deviance residual.
# Run from the repository root: Rscript tests/graphs_reference/fpfit_streg_for.R > tests/graphs_reference/fpfit_streg_for.json
library(survival)
d <- read.csv("tests/survival_reference/lung.csv")
d <- d[!is.na(d$wt.loss), ]
x <- d$age
source("tests/graphs_reference/fp_terms.R")  # S, terms(), the scaled z, search_powers()
o <- order(d$wt.loss, d$age)
keep <- o[c(TRUE, diff(d$wt.loss[o]) != 0)]
model <- function(X) survreg(Surv(d$time, d$died) ~ X + d$wt.loss, dist = "lognormal")
best <- search_powers(function(p) -2 * model(terms(z, p))$loglik[2], tol = 1e-12, relative = TRUE)
Xc <- sweep(terms(z, best$powers), 2, terms(mean(z), best$powers))
f <- model(Xc)
b <- coef(f); V <- vcov(f)[1:4, 1:4]  # (Intercept), X1, X2, wt.loss
part <- function(cols, D) list(xb = as.vector(D %*% b[cols]), se = sqrt(rowSums((D %*% V[cols, cols]) * D)))
# dresid: streg's predict, deviance -- m = _d + ln S(_t), S the lognormal survivor at the fit
lp <- predict(f, type = "lp")
cs <- -pnorm((log(d$time) - lp) / f$scale, lower.tail = FALSE, log.p = TRUE)
m <- d$died - cs
dev <- sign(m) * sqrt(-2 * (m + ifelse(d$died > 0, d$died * log(d$died - m), 0)))
out <- list(at = d$wt.loss[keep], powers = best$powers, dresid = dev[keep],
            age = part(1:3, cbind(1, Xc[keep, , drop = FALSE])),
            wt_loss = part(c(1, 4), cbind(1, d$wt.loss[keep])))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
