# clogit's iterate() and from() against survival's exact conditional logit
# (coxph, ties = "exact": Newton-Raphson from 0 or init, as ml's nr from 0 or from()).
# Run from tests/reference_values: Rscript clogit_maximize_reference.R > clogit_maximize_reference.json
suppressMessages(library(survival))
d <- read.csv("conditional_panels.csv")
fit <- function(iter, init = c(0, 0)) {
  f <- suppressWarnings(coxph(Surv(rep(1, nrow(d)), yb) ~ x1 + x2 + strata(id), data = d, ties = "exact",
                              init = init, control = coxph.control(iter.max = iter, eps = 1e-12,
                                                                   toler.inf = Inf)))
  list(b = unname(coef(f)), se = unname(sqrt(diag(f$var))), ll = f$loglik[2], iter = f$iter)
}
out <- list(iterate1 = fit(1), from_copy_iterate1 = fit(1, c(0.5, 0.1)),
            converged = fit(50))
cat(jsonlite::toJSON(list(values = out), digits = 15, auto_unbox = TRUE, pretty = TRUE))
