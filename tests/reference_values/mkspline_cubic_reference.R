# Restricted cubic spline terms for tests/test_heldout_batch15.py (mkspline ..., cubic):
# Hmisc's rcspline.eval with norm = 2 (the non-linear terms divided by (t_k - t_1)^2) is the
# basis mkspline.ado 1.2.5 computes.  Run: Rscript tests/reference_values/mkspline_cubic_reference.R
suppressMessages(library(Hmisc))
library(jsonlite)
x <- c(-4.75, -2.5, -1, 0, 0.5, 1.25, 2.2, 3, 3.75, 6.5)
cases <- list(list(knots = c(-2, 0, 3)), list(knots = c(-3, -1, 0.5, 2, 4)))
out <- lapply(cases, function(cs) {
  m <- rcspline.eval(x, knots = cs$knots, inclx = TRUE, norm = 2)
  list(knots = cs$knots, columns = lapply(seq_len(ncol(m)), function(j) unname(m[, j])))
})
writeLines(toJSON(list(x = x, cases = out), digits = 15, auto_unbox = FALSE),
           "tests/reference_values/mkspline_cubic_reference.json")
