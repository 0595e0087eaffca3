# Independent reference values for reg3 (tests/test_reg3.py).  Run: Rscript reg3.R
# reg3 (y1 y2 x1 x2) (y2 y1 x3): y1, y2 endogenous, x1 x2 x3 the instruments.  systemfit's 3SLS
# with method3sls = "GLS" and methodResidCov = "noDfCor" is Stata's 3sls (S from the 2SLS
# residuals over N); its 2SLS with "geomean" is reg3's 2sls (dfk, small).
suppressMessages({library(systemfit); library(jsonlite)})
d <- read.csv("systems_data.csv")
eqs <- list(y1 = y1 ~ y2 + x1 + x2, y2 = y2 ~ y1 + x3)
inst <- ~ x1 + x2 + x3
stata_order <- function(v) {
  nm <- names(v); out <- c()
  for (eq in c("y1", "y2")) {
    idx <- grep(paste0("^", eq, "_"), nm)
    icpt <- idx[grepl("Intercept", nm[idx])]
    out <- c(out, setdiff(idx, icpt), icpt)
  }
  out
}
fit_out <- function(f) {
  b <- coef(f); V <- vcov(f); o <- stata_order(b)
  list(b = unname(b[o]), V = unname(V[o, o]))
}
out <- list()
out$threesls <- fit_out(systemfit(eqs, method = "3SLS", inst = inst, data = d, methodResidCov = "noDfCor",
                                  method3sls = "GLS"))
out$twosls <- fit_out(systemfit(eqs, method = "2SLS", inst = inst, data = d, methodResidCov = "geomean"))
out$ireg3 <- fit_out(systemfit(eqs, method = "3SLS", inst = inst, data = d, methodResidCov = "noDfCor",
                               method3sls = "GLS", maxit = 500, tol = 1e-12))
write_json(out, "reg3.json", digits = NA, auto_unbox = TRUE, pretty = FALSE)
