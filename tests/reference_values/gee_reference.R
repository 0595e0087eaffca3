# Reference values for tests/test_gee.py (Rscript gee_reference.R in tests/reference_values).
# geepack::geeglm (Halekoh, Hojsgaard and Yan 2006): coefficients, sandwich SEs and working
# correlations of exchangeable fits (unbalanced panels) and unstructured fits (balanced
# panels) -- the moment estimators xtgee uses for these structures; and glm() for the
# independence model's conventional SEs (scale 1 for binomial/Poisson, Pearson/N for
# gaussian: glm's dispersion Pearson/(N-p) rescaled).
suppressMessages({library(geepack); library(jsonlite)})
d <- read.csv("gee_panels.csv")
d <- d[order(d$id, d$t), ]
fams <- list(y = gaussian, yb = binomial, yc = poisson)
ctl <- geese.control(epsilon = 1e-13, maxit = 500)
out <- list()
for (v in names(fams)) {
  f <- as.formula(paste(v, "~ x + z"))
  u <- d[d$balanced == 0, ]
  g <- geeglm(f, family = fams[[v]], data = u, id = id, waves = t, corstr = "exchangeable", control = ctl)
  out[[paste0(v, "_exchangeable")]] <- list(b = unname(coef(g)), se = unname(summary(g)$coefficients[, 2]),
                                            alpha = unname(unlist(g$geese$alpha)))
  bal <- d[d$balanced == 1, ]
  g <- geeglm(f, family = fams[[v]], data = bal, id = id, waves = t, corstr = "unstructured", control = ctl)
  out[[paste0(v, "_unstructured")]] <- list(b = unname(coef(g)), se = unname(summary(g)$coefficients[, 2]),
                                            alpha = unname(unlist(g$geese$alpha)))
  m <- glm(f, family = fams[[v]], data = u, control = glm.control(epsilon = 1e-15, maxit = 100))
  n <- nrow(u); p <- length(coef(m))
  disp <- if (v == "y") sum(residuals(m, type = "pearson")^2) / n else 1
  out[[paste0(v, "_independent")]] <- list(b = unname(coef(m)),
                                           se = unname(sqrt(diag(summary(m, dispersion = disp)$cov.scaled))))
}
write(toJSON(list(source = "geepack::geeglm and stats::glm; gee_panels.csv", coefficient_order = c("_cons", "x", "z"),
                  fits = out), digits = 15, auto_unbox = TRUE, pretty = TRUE), "gee_reference.json")
