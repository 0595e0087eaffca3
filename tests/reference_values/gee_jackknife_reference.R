# Reference values for tests/test_gee_replicates.py (Rscript gee_jackknife_reference.R in
# tests/reference_values): xtgee's vce(jackknife) on gee_panels.csv -- one panel left out per
# replicate, each refitted by the independent GEE of gee_fit.R, V = (n-1)/n sum (b_(i) - bbar)
# (b_(i) - bbar)' (mse: about the full-sample b).
suppressMessages(library(jsonlite))
source("gee_fit.R")
d <- read.csv("gee_panels.csv")
jk <- function(dd, yv, fam, kind, ...) {
  full <- gee_fit(dd, yv, fam, kind, ...)
  ids <- unique(dd$id)
  B <- t(sapply(ids, function(i) gee_fit(dd[dd$id != i, ], yv, fam, kind, ...)$b))
  m <- nrow(B)
  dev <- sweep(B, 2, colMeans(B)); dmse <- sweep(B, 2, full$b)
  list(b = full$b, se = sqrt(diag((m - 1) / m * t(dev) %*% dev)),
       se_mse = sqrt(diag((m - 1) / m * t(dmse) %*% dmse)), n = m)
}
out <- list(
  binomial_exchangeable = jk(d, "yb", binomial(), "exchangeable"),
  gaussian_ar1 = jk(d[d$balanced == 1, ], "y", gaussian(), "ar", g = 1)
)
write(toJSON(list(source = "gee_jackknife_reference.R on gee_panels.csv", fits = out), digits = 15,
             auto_unbox = TRUE, pretty = TRUE), "gee_jackknife_reference.json")
