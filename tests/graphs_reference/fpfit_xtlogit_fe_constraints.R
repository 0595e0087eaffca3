# twoway fpfitci yb x, estcmd(xtlogit) estopts(i(g) fe constraints(1)) with constraint 1
# Ix__1 = -Ix__2 (fracgen's names: it binds the final fit only): fracpoly's degree-2 search by
# survival::clogit's log likelihood unconstrained, then the final model on z = Ix__1 - Ix__2
# (b_1 = b, b_2 = -b), x b and its stdp at the distinct x (the terms centred at mean x);
# with vce(jackknife) the replicates refitted under the constraint.  The
# data are fpfit_cox_xtlogit.R's.  Run: Rscript fpfit_xtlogit_fe_constraints.R > fpfit_xtlogit_fe_constraints.json
library(survival)
source("fpfit_xtlogit_data.R")
fit <- function(X) clogit(yb ~ X + strata(g), method = "exact")
best <- NULL
for (i in seq_along(powers)) for (j in i:length(powers)) {
  p <- c(powers[i], powers[j])
  ll <- fit(terms(x, p))$loglik[2]
  if (is.null(best) || ll > best$ll) best <- list(ll = ll, p = p)
}
X <- centred(x, best$p)
f <- clogit(yb ~ z + strata(g), data = data.frame(z = X[, 1] - X[, 2], yb = yb, g = g), method = "exact")
b <- c(coef(f), -coef(f))
V <- vcov(f)[1, 1] * matrix(c(1, -1, -1, 1), 2)
X0 <- centred(at, best$p)
# vce(jackknife): each informative panel left out, clogit refitted under the same constraint
# (one free coefficient on z); V = (G-1)/G sum (b_(j) - bbar)^2 on z, e(df_r) = G - 1
d <- data.frame(z = X[, 1] - X[, 2], yb = yb, g = g)
informative <- as.vector(which(tapply(yb, g, function(v) length(unique(v)) > 1)))
gj <- sapply(informative, function(j) coef(clogit(yb ~ z + strata(g), data = d[g %in% informative & g != j, ],
                                                  method = "exact")))
G <- length(informative)
Vj <- (G - 1) / G * sum((gj - mean(gj))^2) * matrix(c(1, -1, -1, 1), 2)
out <- list(powers = best$p, b = unname(b), at = at, xb = as.vector(X0 %*% b),
            stdp = sqrt(rowSums((X0 %*% V) * X0)),
            jackknife = list(df_r = G - 1, stdp = sqrt(rowSums((X0 %*% Vj) * X0))))
cat(jsonlite::toJSON(out, digits = NA, auto_unbox = TRUE))
