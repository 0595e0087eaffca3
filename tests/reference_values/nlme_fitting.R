# Shared by make_residuals_nlme.R and make_wcorrelation_nlme.R (sourced from the same folder).
# Every model is fitted with nlminb and with optim (BFGS) and the higher likelihood kept:
# either alone can stop ~1e-8 short of the optimum, which moves parameters by ~1e-5.
lctrl <- function(o) lmeControl(maxIter = 500, msMaxIter = 500, niterEM = 100, tolerance = 1e-12,
                                msTol = 1e-14, opt = o, optimMethod = "BFGS", returnObject = TRUE)
gctrl_of <- function(o) glsControl(maxIter = 500, msMaxIter = 500, tolerance = 1e-12, msTol = 1e-14,
                                   opt = o, optimMethod = "BFGS", returnObject = TRUE)
best <- function(fit_with) {
  fits <- lapply(c("nlminb", "optim"), function(o) suppressWarnings(tryCatch(fit_with(o), error = function(e) NULL)))
  fits <- Filter(Negate(is.null), fits)
  fits[[which.max(sapply(fits, function(f) as.numeric(logLik(f))))]]
}
