# Independent reference values for mlm's xtunitroot ht (tests/test_xtunitroot.py): Harris and
# Tzavalis (1999), written in R (plm has no such test): rho from lm() -- pooled without a
# constant, with panel dummies (within), with panel dummies and panel-specific trends -- and
# the fixed-T mean and variance of rho from the paper (its theorem 1 and table 1), with T the
# panel length (T - 1 for altt).  Run from this folder: Rscript ht_reference.R
library(jsonlite)
g <- read.csv("../xtregar_reference/grunfeld.csv")
g <- g[order(g$company, g$year), ]
g$L <- ave(g$invest, g$company, FUN = function(v) c(NA, v[-length(v)]))
d <- g[!is.na(g$L), ]
N <- 10; T <- 20
moments <- function(model, t) switch(model,
  c(1, 2 / (t * (t - 1)) / N),
  c(1 - 3 / (t + 1), 3 * (17 * t^2 - 20 * t + 17) / (5 * (t - 1) * (t + 1)^3) / N),
  c(1 - 15 / (2 * (t + 2)), 15 * (193 * t^2 - 728 * t + 1147) / (112 * (t + 2)^3 * (t - 2)) / N))
rho <- c(coef(lm(invest ~ L - 1, d))[["L"]],
         coef(lm(invest ~ L + factor(company), d))[["L"]],
         coef(lm(invest ~ L + factor(company) + factor(company):year, d))[["L"]])
z <- function(model, t) { m <- moments(model, t); (rho[model] - m[1]) / sqrt(m[2]) }
out <- list(noconstant = list(rho = rho[1], z = z(1, T)), constant = list(rho = rho[2], z = z(2, T)),
            trend_altt = list(rho = rho[3], z = z(3, T - 1)))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "ht_reference.json")
