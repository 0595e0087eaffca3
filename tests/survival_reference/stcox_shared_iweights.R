# Reference for stcox age female, shared(id) with stset iweights constant within id (the kidney
# catheter data, kidney.csv), iw = 1 + id %% 3 (tests/test_survival_stcox_shared_iweights.py).
# stcox_fr takes only iweights, only constant within group (its CheckWgt); mlm weights each group's
# whole contribution (partial likelihood, penalty and marginal terms) by its iweight, which for
# whole weights is the likelihood of each group repeated iw times as groups of their own.  The
# reference is that: coxph's gamma frailty (Breslow ties) on the kidney records with group g
# copied iw_g times, each copy its own frailty id -- theta^ from coxph's EM marginal-likelihood
# search refined by optimize() on the fixed-theta fits, b and se at it from the non-sparse penalized fit (se conditional on theta), the
# I-likelihood and the Cox log likelihood of the copies (stcox's weighted fit, e(ll_c)).
# coxph's own weights= differs (it weights the partial likelihood only): its theta^ for contrast.
# Run from the repository root:
#   Rscript tests/survival_reference/stcox_shared_iweights.R > tests/survival_reference/stcox_shared_iweights.json
library(survival)
k <- read.csv("tests/survival_reference/kidney.csv")
k$iw <- 1 + k$id %% 3
copies <- do.call(rbind, lapply(seq_len(nrow(k)), function(i) {
  r <- k[rep(i, k$iw[i]), ]
  r$copy_id <- r$id * 10 + seq_len(k$iw[i])
  r
}))
ctl <- coxph.control(eps = 1e-12, toler.chol = 1e-15, iter.max = 200, outer.max = 200)
em <- coxph(Surv(time, status) ~ age + female + frailty(copy_id, distribution = "gamma", sparse = FALSE,
            eps = 1e-10), data = copies, ties = "breslow", control = ctl)
# theta^ refined: the maximum of the fixed-theta fits' I-likelihood by optimize() on ln theta
prof <- function(lt) coxph(Surv(time, status) ~ age + female + frailty(copy_id, theta = exp(lt), sparse = FALSE),
                           data = copies, ties = "breslow", control = ctl)$history[[1]]$c.loglik
lt <- log(em$history[[1]]$theta)
theta <- exp(optimize(prof, c(lt - 0.05, lt + 0.05), maximum = TRUE, tol = 1e-10)$maximum)
fx <- coxph(Surv(time, status) ~ age + female + frailty(copy_id, theta = theta, sparse = FALSE),
            data = copies, ties = "breslow", control = ctl)
cox <- coxph(Surv(time, status) ~ age + female, data = copies, ties = "breslow", control = ctl)
weighted <- coxph(Surv(time, status) ~ age + female + frailty(id, distribution = "gamma", sparse = FALSE,
                  eps = 1e-10), data = k, weights = iw, ties = "breslow", control = ctl)
# predict's martingale and deviance residuals after it: the copies' (each copy of a record has
# its record's residual), at the first copy of each kidney record
first <- match(seq_len(nrow(k)), rep(seq_len(nrow(k)), k$iw))
out <- list(theta = theta, b = unname(coef(fx))[1:2], se = unname(sqrt(diag(fx$var))[1:2]),
            ll = prof(log(theta)), ll_c = cox$loglik[2],
            mgale = unname(residuals(fx, "martingale"))[first],
            deviance = unname(residuals(fx, "deviance"))[first],
            theta_coxph_weights = weighted$history[[1]]$theta)
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
