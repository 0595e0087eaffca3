# Reference values for clogit / xtlogit, fe (survival::clogit, exact conditional likelihood)
# and xtpoisson, fe (the conditional Poisson estimates and standard errors equal those of
# Poisson regression with group indicators; the conditional log likelihood computed from
# its closed form) on conditional_panels.csv (written by make_conditional_data.py).
# Run: Rscript conditional_reference.R  (writes conditional_reference.json)
library(jsonlite)
suppressMessages(library(survival))
d <- read.csv("conditional_panels.csv")
cl <- clogit(yb ~ x1 + x2 + strata(id), data = d, method = "exact")
tot <- tapply(d$yc, d$id, sum); keep <- d$id %in% as.numeric(names(tot)[tot > 0])
dp <- d[keep, ]
pg <- glm(yc ~ x1 + x2 + factor(id), family = poisson, data = dp)
b <- coef(pg)[c("x1", "x2")]
eta <- as.vector(cbind(dp$x1, dp$x2) %*% b)
ll <- 0
for (g in unique(dp$id)) {
  r <- dp$id == g; y <- dp$yc[r]; e <- eta[r]
  ll <- ll + lgamma(sum(y) + 1) - sum(lgamma(y + 1)) + sum(y * (e - log(sum(exp(e)))))
}
out <- list(clogit = list(b = unname(coef(cl)), se = unname(sqrt(diag(vcov(cl)))), ll = cl$loglik[2],
                          ll_0 = cl$loglik[1]),
            cpoisson = list(b = unname(b), se = unname(sqrt(diag(vcov(pg)))[c("x1", "x2")]), ll = ll))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "conditional_reference.json")
