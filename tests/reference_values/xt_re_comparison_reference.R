# Reference values for tests/test_xt_re_comparison.py (Rscript xt_re_comparison_reference.R >
# xt_re_comparison_reference.json in tests/reference_values): the comparison models whose log
# likelihoods xtlogit, xtprobit and xtpoisson (re) post as e(ll_c) -- the pooled logit, probit and
# Poisson regressions on xt_replicates_panel.csv (glm, tight convergence).
suppressMessages(library(jsonlite))
d <- read.csv("xt_replicates_panel.csv")
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
ll <- function(f) as.numeric(logLik(f))
out <- list(logit = ll(glm(yb ~ x1 + x2, binomial("logit"), d, control = ctl)),
            probit = ll(glm(yb ~ x1 + x2, binomial("probit"), d, control = ctl)),
            poisson = ll(glm(yc ~ x1 + x2, poisson, d, control = ctl)))
cat(toJSON(out, digits = NA, auto_unbox = TRUE))
