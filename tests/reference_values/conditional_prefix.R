# jackknife [, cluster(c)]: and bootstrap [, cluster(c)]: on clogit and xtpoisson, fe
# (tests/test_conditional_prefix.py): the prefixes know nothing of groups ([R] jackknife,
# [R] bootstrap): jackknife leaves out one observation (or one cluster of c) at a time, bootstrap
# refits on the rows drawn (conditional_prefix_draws.py writes mlm's draws), the rows grouped by
# g as before -- a group's rows drawn twice are more rows of that group.
# V: jackknife (n-1)/n sum (b_(k) - bbar)^2, bootstrap the replicates' variance (n - 1).
# clogit: survival::clogit (exact conditional likelihood, as Stata's clogit); xtpoisson, fe: the
# Poisson GLM with group dummies (its slope is the conditional Poisson estimate).
# Run from this folder: Rscript conditional_prefix.R
suppressMessages({library(survival); library(jsonlite)})
input <- fromJSON("conditional_prefix_input.json")
d <- as.data.frame(input$data)
fits <- list(
  clogit = function(r) unname(coef(clogit(yb ~ x + strata(g), data = d[r, ], method = "exact"))),
  xtpoisson = function(r) {
    s <- d[r, ]
    unname(coef(suppressWarnings(glm(yc ~ x + factor(g), family = poisson, data = s,
                                     control = glm.control(epsilon = 1e-12, maxit = 100))))["x"])
  })
jackknife <- function(fit, keys) {
  B <- sapply(sort(unique(keys)), function(k) fit(which(keys != k)))
  n <- length(B)
  list(b = fit(seq_len(nrow(d))), V = (n - 1) / n * sum((B - mean(B))^2), n = n)
}
bootstrap <- function(fit, draws) {
  B <- apply(draws, 1, function(r) fit(r + 1))
  list(b = fit(seq_len(nrow(d))), V = var(B), B = B)
}
out <- list()
for (cmd in names(fits)) {
  out[[cmd]] <- list(
    jackknife_observations = jackknife(fits[[cmd]], seq_len(nrow(d))),
    jackknife_cluster_c = jackknife(fits[[cmd]], d$c),
    bootstrap_observations = bootstrap(fits[[cmd]], input$draws$observations),
    bootstrap_cluster_c = bootstrap(fits[[cmd]], input$draws$cluster_c))
}
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), "conditional_prefix.json")
