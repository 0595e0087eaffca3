# twoway fpfit y x, estcmd(weibull|ereg) estopts(dead(d) strata(g)): ereg.ado and weibull_c.ado add
# xi's indicators of g (all levels but the first) to the covariates, and weibull_c to ln_p's
# equation too: a separate baseline per stratum (exponential: factor(g) in the location; Weibull:
# factor(g) in the location and survreg's strata(g), a scale per stratum).  fracpoly's degree-2
# search by the largest log likelihood, then x b at the row twoway keeps at each distinct x
# (sorted by x and y: the smallest y there) with its stratum's term, and stdp from the location
# block of vcov.  Data: fpfit_weibull_ereg.R's, g = n %% 3.
# Run: Rscript fpfit_weibull_ereg_strata.R > fpfit_weibull_ereg_strata.json
library(survival)
n <- 1:40
x <- 1 + (n * 7) %% 9
y <- exp(0.3 + 0.2 * x - 0.02 * x^2 + ((n * 5) %% 7) / 4)
d <- as.numeric(n %% 4 != 0)
g <- n %% 3
powers <- c(-2, -1, -0.5, 0, 0.5, 1, 2, 3)
term <- function(v, p) if (p == 0) log(v) else v^p
terms <- function(v, p1, p2) {
  a <- term(v, p1); b <- term(v, p2) * (if (p1 == p2) log(v) else 1)
  cbind(a, b)
}
G <- factor(g)
fitted <- function(dist) {
  best <- NULL
  for (i in seq_along(powers)) for (j in i:length(powers)) {
    X <- terms(x, powers[i], powers[j])
    f <- if (dist == "weibull") survreg(Surv(y, d) ~ X + G + strata(G), dist = "weibull")
         else survreg(Surv(y, d) ~ X + G, dist = "exponential")
    if (is.null(best) || f$loglik[2] > best$ll) best <- list(ll = f$loglik[2], p = c(powers[i], powers[j]), fit = f)
  }
  keep <- order(x, y)
  keep <- keep[!duplicated(x[keep])]
  X0 <- cbind(1, terms(x[keep], best$p[1], best$p[2]), g[keep] == 1, g[keep] == 2)
  k <- ncol(X0)
  b <- coef(best$fit); V <- vcov(best$fit)[1:k, 1:k]
  list(powers = best$p, ll = best$ll, at = x[keep], xb = as.vector(X0 %*% b),
       stdp = sqrt(rowSums((X0 %*% V) * X0)), b = unname(b))
}
out <- list(g = g, ereg = fitted("exponential"), weibull = fitted("weibull"))
cat(jsonlite::toJSON(out, digits = NA, auto_unbox = TRUE))
