# tden(), chi2den(), Fden() reference values (tests/test_density_functions.py).
# Rscript tests/graphs_reference/densities.R > tests/graphs_reference/densities.json
v <- list(
  tden = list(c(5, 0, dt(0, 5)), c(3, 1.5, dt(1.5, 3)), c(30, -2.1, dt(-2.1, 30))),
  chi2den = list(c(2, 0, dchisq(0, 2)), c(5, 3, dchisq(3, 5)), c(10, 12.5, dchisq(12.5, 10)), c(5, -1, dchisq(-1, 5))),
  Fden = list(c(10, 2, 1.2, df(1.2, 10, 2)), c(50, 50, 0.8, df(0.8, 50, 50)), c(2, 2, -1, df(-1, 2, 2)))
)
cat(jsonlite::toJSON(v, digits = 15, auto_unbox = TRUE))
