# Reference values for predict mgale/csnell/deviance/basechazard/basehc/basesurv after
# stcox, exactp and exactm (tests/test_survival_predict_stcox_exact.py) on the lung data by month
# (many ties).  The residuals use Breslow's hazard increments at the fitted b, as coxph's do
# after ties = "exact" (its residual code has Breslow's and Efron's forms only).
#   exactp   coxph(..., ties = "exact") (R's "exact" is the exact partial likelihood) and its
#            residuals, basehaz(centered = FALSE), survfit(stype = 1, ctype = 1) at x = 0
#   exactm   R has no exact marginal likelihood: b is cox_extras.json's exactm_months (that
#            likelihood integrated by integrate() and maximised by optim()); the residuals are
#            coxph's at that b (init = b, iter.max = 0, Breslow's increments)
# Run from the repository root:
#   Rscript tests/survival_reference/cox_predict_exact.R > tests/survival_reference/cox_predict_exact.json
library(survival)
d <- read.csv("tests/survival_reference/lung.csv")
d$month <- ceiling(d$time / 30)
at <- function(times, values, t) sapply(t, function(u) { i <- which(times <= u); if (length(i)) values[max(i)] else 0 })
exactm_b <- jsonlite::fromJSON("tests/survival_reference/cox_extras.json")$exactm_months$b
fits <- list(
  exactp = coxph(Surv(month, died) ~ age + female, data = d, ties = "exact"),
  exactm = coxph(Surv(month, died) ~ age + female, data = d, ties = "breslow", init = exactm_b,
                 control = coxph.control(iter.max = 0)))
out <- list()
for (name in names(fits)) {
  f <- fits[[name]]
  bh <- basehaz(f, centered = FALSE)
  s <- survfit(f, newdata = data.frame(age = 0, female = 0), stype = 1, ctype = 1)
  basesurv <- at(s$time, s$surv, d$month)
  basesurv[d$month < min(s$time)] <- 1
  # basehc: 1 - alpha_k on the failing records (the KP survivor's ratio at the record's time)
  prev <- c(1, s$surv)[match(d$month, s$time)]
  basehc <- ifelse(d$died == 1, 1 - s$surv[match(d$month, s$time)] / prev, NA)
  out[[name]] <- list(b = unname(coef(f)), mgale = unname(residuals(f, "martingale")),
                      deviance = unname(residuals(f, "deviance")),
                      basechazard = at(bh$time, bh$hazard, d$month), basesurv = basesurv,
                      basehc = basehc)
}
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE, na = "null"))
