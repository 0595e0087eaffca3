# twoway fpfitci yb x, estcmd(xtlogit) estopts(re degree(1) vce(bootstrap, reps(8) seed(5) ...)):
# fracpoly's degree-1 search by the largest log likelihood (glmer, 12-point adaptive quadrature),
# then the final model on fracgen's centred term refitted on each of the 8 bootstrap samples mlm
# draws (fpfit_xt_bootstrap_draws.json: the rows drawn and each drawn panel copy's own group, written
# by fpfit_xt_bootstrap_draws.py from mlm's stream).  e(b): Ix__1, _cons, lnsig2u = log(sigma_u^2).
# Run: Rscript fpfit_xt_bootstrap_reject.R > fpfit_xt_bootstrap_reject.json
library(lme4)
source("fpfit_xtlogit_data.R")
draws <- jsonlite::fromJSON("fpfit_xt_bootstrap_draws.json", simplifyVector = FALSE)
fit <- function(z, yy, gg) {
  sc <- sd(z)
  f <- glmer(yy ~ Z + (1 | gg), family = binomial, nAGQ = 12, data = list(Z = z / sc, yy = yy, gg = gg),
             control = glmerControl(optCtrl = list(maxfun = 1e5)))
  b <- fixef(f)
  list(ll = as.numeric(logLik(f)), b = c(b[2] / sc, b[1], log(getME(f, "theta")[1]^2)))
}
lls <- sapply(powers, function(p) fit(term(x, p), yb, g)$ll)
p <- powers[which.max(lls)]
z <- term(x, p) - term(mean(x), p)
full <- fit(z, yb, g)
B <- t(sapply(seq_along(draws$rows), function(r) {
  rows <- unlist(draws$rows[[r]])
  fit(z[rows], yb[rows], factor(unlist(draws$groups[[r]])))$b
}))
cat(jsonlite::toJSON(list(power = p, ll = full$ll, observed = full$b, replicates = B), digits = NA,
                     auto_unbox = TRUE))
