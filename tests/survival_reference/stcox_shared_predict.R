# Reference for predict's residuals after stcox age female, shared(id) (Breslow and Efron ties)
# on the kidney catheter data (kidney.csv): the non-sparse penalized fit at stcox_fr's theta^
# (from stcox_shared_kidney_values.csv / stcox_shared_efron_values.csv), whose linear predictor
# holds each group's estimated log frailty.  martingale, deviance, score and schoenfeld are
# coxph's residuals (the columns of age and female; rows of the failures for schoenfeld);
# dfbeta is stcox_p's: the score residuals times the b block of the inverse penalized
# information (coxph's own dfbeta would use the whole matrix, frailties included).
# Run from the repository root:
#   Rscript tests/survival_reference/stcox_shared_predict.R > tests/survival_reference/stcox_shared_predict.json
library(survival)
k <- read.csv("tests/survival_reference/kidney.csv")
ctl <- coxph.control(eps=1e-12, toler.chol=1e-15, iter.max=200, outer.max=200)
value <- function(file, name) { v <- read.csv(file); v$value[v$name == name] }
out <- list()
for (ties in c("breslow", "efron")) {
  file <- if (ties == "breslow") "stcox_shared_kidney_values.csv" else "stcox_shared_efron_values.csv"
  theta <- value(file.path("tests/survival_reference", file), "theta")
  fx <- coxph(Surv(time, status) ~ age + female + frailty(id, theta=theta, sparse=FALSE), data=k,
              ties=ties, control=ctl)
  score <- residuals(fx, "score")[, 1:2]
  out[[ties]] <- list(b = unname(coef(fx)[1:2]), frailty = unname(coef(fx)[-(1:2)]),
                      mgale = unname(residuals(fx, "martingale")),
                      deviance = unname(residuals(fx, "deviance")),
                      score = unname(score),
                      schoenfeld = unname(residuals(fx, "schoenfeld")[, 1:2]),
                      dfbeta = unname(score %*% fx$var[1:2, 1:2]))
}
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE, matrix = "rowmajor"))
