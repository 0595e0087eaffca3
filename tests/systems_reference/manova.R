# Independent reference values for manova (tests/test_manova.py).  Run: Rscript manova.R
# A term's test compares the full model with the model without the term's columns, the factors
# in sum-to-zero coding (contr.sum: Stata's partial, Type III, hypothesis SSCP), by R's anova.mlm
# (Wilks by Rao's F, Pillai, Hotelling-Lawley, Roy as summary.manova computes them).
suppressMessages(library(jsonlite))
d <- read.csv("systems_data.csv")
d$g <- factor(d$g); d$h <- factor(d$h)
Y <- as.matrix(d[, c("y1", "y2", "y3")])
tests <- c("Wilks", "Pillai", "Hotelling-Lawley", "Roy")
compare <- function(full, reduced) {
  out <- list()
  for (t in tests) {
    a <- anova(full, reduced, test = t)
    out[[t]] <- unname(c(as.numeric(a[2, 4]), as.numeric(a[2, 5]), as.numeric(a[2, 6]), as.numeric(a[2, 7]),
                         as.numeric(a[2, 8])))
  }
  out  # each: statistic, approx F, num Df, den Df, p
}
design <- function(formula) model.matrix(formula, d, contrasts.arg = list(g = "contr.sum", h = "contr.sum"))
cases <- list(
  oneway = list(formula = ~ g, terms = list(g = "^g[0-9]")),
  twoway = list(formula = ~ g * h, terms = list(g = "^g[0-9]$", h = "^h[0-9]$", `g#h` = ":")),
  ancova = list(formula = ~ g + h + x1, terms = list(g = "^g[0-9]", h = "^h[0-9]", x1 = "^x1$")))
out <- list()
for (nm in names(cases)) {
  X <- design(cases[[nm]]$formula)
  full <- lm(Y ~ X - 1)
  res <- list(E = unname(crossprod(residuals(full))), df_r = full$df.residual)
  for (term in names(cases[[nm]]$terms)) {
    keep <- !grepl(cases[[nm]]$terms[[term]], colnames(X))
    Xr <- X[, keep, drop = FALSE]
    res[[term]] <- compare(full, lm(Y ~ Xr - 1))
  }
  res$Model <- compare(full, lm(Y ~ 1))
  out[[nm]] <- res
}
write_json(out, "manova.json", digits = NA, auto_unbox = TRUE, pretty = FALSE)
# manovatest g h (together) and manovatest g, ytransform(c) with c = (1,-1,0 \ 0,1,-1), after
# manova y1 y2 y3 = g##h
X <- design(~ g * h)
full <- lm(Y ~ X - 1)
keep <- !grepl("^[gh][0-9]$", colnames(X))
Xr <- X[, keep, drop = FALSE]
out$manovatest_gh <- compare(full, lm(Y ~ Xr - 1))
C <- rbind(c(1, -1, 0), c(0, 1, -1))
Yt <- Y %*% t(C)
fullt <- lm(Yt ~ X - 1)
Xg <- X[, !grepl("^g[0-9]$", colnames(X)), drop = FALSE]
out$manovatest_g_ytrans <- compare(fullt, lm(Yt ~ Xg - 1))
write_json(out, "manova.json", digits = NA, auto_unbox = TRUE, pretty = FALSE)
