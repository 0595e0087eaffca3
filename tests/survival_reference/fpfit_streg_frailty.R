# Reference values for twoway fpfitci age female, estcmd(streg) estopts(d(weibull) frailty(gamma)
# shared(id)) on the kidney data, stset time, failure(status) (tests/test_fpfit_streg_frailty.py):
# fracpoly's st form (age's degree-2 powers by -2 ll, age scaled by 10^floor(log10(range)), the
# terms centred at the mean), female linear, a constant; the ll that of the Weibull (PH) with a
# shared gamma frailty (tests/survival_reference/streg_frailty.R writes it out), maximised by
# optim(); x b = the _t equation at the row twoway keeps at each female (the smallest age),
# its stdp from the _t block of solve(-optimHess).
d <- read.csv("tests/survival_reference/kidney.csv")
t <- d$time; dd <- d$status; g <- as.integer(factor(d$id))
z <- d$age / 10^floor(log10(max(d$age) - min(d$age)))
source("tests/survival_reference/fracpoly_terms.R")
ll <- function(par, X) {
  k <- ncol(X); xb <- drop(X %*% par[1:k]); p <- exp(par[k + 1]); th <- exp(par[k + 2])
  H <- exp(xb) * t^p; D <- tapply(dd, g, sum); s <- tapply(H, g, sum)
  sum(dd * (xb + par[k + 1] + p * log(t))) +
    sum(lgamma(1 / th + D) - lgamma(1 / th) + D * log(th) - (1 / th + D) * log1p(th * s))
}
maxim <- function(f, start) {
  o <- optim(start, f, method = "BFGS", control = list(fnscale = -1, reltol = 1e-15, maxit = 10000))
  o <- optim(o$par, f, method = "Nelder-Mead", control = list(fnscale = -1, reltol = 1e-16, maxit = 20000))
  optim(o$par, f, method = "BFGS", control = list(fnscale = -1, reltol = 1e-16, maxit = 10000))
}
model <- function(Xfp) {
  X <- cbind(Xfp, d$female, 1)
  maxim(function(q) ll(q, X), c(0, 0, 0, -4, 0, -1))
}
best <- NULL
for (i in seq_along(S)) for (j in i:length(S)) {
  p <- c(S[i], S[j]); f <- model(fp(z, p))
  dev <- -2 * f$value
  if (is.null(best) || dev < best$dev - 1e-9 * abs(best$dev)) best <- list(p = p, dev = dev)
}
Xc <- sweep(fp(z, best$p), 2, fp(mean(z), best$p))
f <- model(Xc)
X <- cbind(Xc, d$female, 1)
V <- solve(-optimHess(f$par, function(q) ll(q, X), control = list(ndeps = rep(1e-4, 6))))[1:4, 1:4]
o <- order(d$female, d$age)
keep <- o[c(TRUE, diff(d$female[o]) != 0)]
X0 <- X[keep, ]
# predopts(for(age)): age's terms and _t:_cons (fracpred's xpredict, with(age) constant)
F0 <- X0[, c(1, 2, 4)]
out <- list(powers = best$p, dev = best$dev, at = d$female[keep], xb = as.vector(X0 %*% f$par[1:4]),
            se = sqrt(rowSums((X0 %*% V) * X0)), for_age = as.vector(F0 %*% f$par[c(1, 2, 4)]))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
