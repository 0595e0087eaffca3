# Reference values for tests/test_graphs_fpfit_streg_for.py: twoway fpfitci age wt_loss,
# estcmd(streg) estopts(distribution(lognormal)) predopts(for(age)|for(wt_loss) [stdp]) on
# stset time, failure(died) of tests/survival_reference/lung.csv.  survreg's lognormal fit is
# streg's (the search as tests/survival_reference/fpfit_streg_distributions.R); fracpred's
# for(v) (pcalc) is v's terms (age: its centred FP terms; wt_loss: itself) times their b plus
# the constant, at twoway's kept row at each distinct wt_loss, and its stdp (vcalc) from the V
# block of those coefficients and e(V)'s row after the terms and wt_loss: the constant's, or
# with strata(sex) the indicator _Ssex_2's (exponential, time: survreg's exponential fit with
# factor(sex)); stdp fpfitci's band, the whole x b's; dresid streg's deviance residual.
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
# exponential, time metric, strata(sex): e(b) = _t:(Iage__1 Iage__2 wt_loss _Ssex_2 _cons)
sex2 <- as.numeric(d$sex == 2)
emodel <- function(X) survreg(Surv(d$time, d$died) ~ X + d$wt.loss + sex2, dist = "exponential")
ebest <- search_powers(function(p) -2 * emodel(terms(z, p))$loglik[2], tol = 1e-12, relative = TRUE)
eXc <- sweep(terms(z, ebest$powers), 2, terms(mean(z), ebest$powers))
ef <- emodel(eXc)
eb <- coef(ef); eV <- vcov(ef)  # (Intercept), X1, X2, wt.loss, sex2
vcalc <- function(cols, D) {  # sqrt(Ix' V Ix + V[s, s] + 2 Ix' V[., s]), s = sex2's row
  sqrt(rowSums((D %*% eV[cols, cols]) * D) + eV[5, 5] + 2 * as.vector(D %*% eV[cols, 5]))
}
E <- cbind(1, eXc[keep, , drop = FALSE], d$wt.loss[keep], sex2[keep])
strata <- list(powers = ebest$powers,
               age = as.vector(eXc[keep, , drop = FALSE] %*% eb[2:3]) + eb[1],
               age_se = vcalc(2:3, eXc[keep, , drop = FALSE]), wt_loss_se = vcalc(4, cbind(d$wt.loss[keep])),
               xb = as.vector(E %*% eb), stdp = sqrt(rowSums((E %*% eV) * E)))
D <- cbind(1, Xc[keep, , drop = FALSE], d$wt.loss[keep])
out <- list(at = d$wt.loss[keep], powers = best$powers, dresid = dev[keep],
            stdp = sqrt(rowSums((D %*% V) * D)), strata = strata,
            age = part(1:3, cbind(1, Xc[keep, , drop = FALSE])),
            wt_loss = part(c(1, 4), cbind(1, d$wt.loss[keep])))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
