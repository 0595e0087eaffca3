# Reference values for tests/test_mi_estimate.py::test_against_mice_pool_reference:
# lm(y ~ x + z) on each of the four completed datasets of mi_pool_data.csv (z replaced by
# z1..z4), pooled with mice::pool (Rubin's rules, Barnard-Rubin df with dfcom = n - 3).
# Run: Rscript mi_pool_mice.R   (writes mi_pool_mice.json; mice 3.15.0)
library(mice)
library(jsonlite)
d <- read.csv("mi_pool_data.csv")
fits <- lapply(1:4, function(m) { d$z <- d[[paste0("z", m)]]; lm(y ~ x + z, data = d) })
p <- pool(as.mira(fits))
s <- summary(p)
pooled <- p$pooled
names_stata <- c("(Intercept)" = "_cons", x = "x", z = "z")
out <- list()
for (i in seq_len(nrow(s))) {
  term <- as.character(s$term[i])
  out[[names_stata[[term]]]] <- list(estimate = s$estimate[i], std.error = s$std.error[i], df = s$df[i],
                                     riv = pooled$riv[i], fmi = pooled$fmi[i])
}
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "mi_pool_mice.json")
