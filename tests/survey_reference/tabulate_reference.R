# Reference values for mlm's svy: tabulate (tests/test_survey_tabulate.py), computed with R's
# survey package (Lumley).  Run: Rscript tabulate_reference.R  (writes tabulate_values.csv).
# Columns: case, name, value.  Tables are row-major (Stata's p11 p12 ... p21 ...): rows o
# (1 + (y > 2.5) + (y > 4)), columns g; design: strata 1-5, PSUs psu, pweight w.
suppressMessages(library(survey))
here <- "."
args <- commandArgs(trailingOnly = FALSE)
file_arg <- sub("--file=", "", args[grep("--file=", args)])
if (length(file_arg)) here <- dirname(file_arg)
dat <- read.csv(file.path(here, "design.csv"))
dat$o <- 1 + (dat$y > 2.5) + (dat$y > 4)
dat <- subset(dat, stratum < 6)
out <- list()
put <- function(case, name, value) {
  out[[length(out) + 1]] <<- data.frame(case = case, name = name, value = unname(value))
}
cells <- function(nr, nc) as.vector(t(outer(1:nr, 1:nc, function(i, j) paste0("p", i, j))))

one_design <- function(tag, d, d_all) {
  N <- sum(weights(d_all) > 0 & is.finite(1 / d_all$prob))
  nr <- 3; nc <- 2
  d <- update(d, cell = factor(paste0(o, g)), of = factor(o), gf = factor(g))
  # cell proportions and weighted counts (Stata's order: row-major)
  lev <- as.vector(t(outer(1:nr, 0:(nc - 1), paste0)))
  ind <- sapply(lev, function(l) as.numeric(paste0(d$variables$o, d$variables$g) == l))
  colnames(ind) <- paste0("c", lev)
  d <- update(d, c10 = ind[, 1], c11 = ind[, 2], c20 = ind[, 3], c21 = ind[, 4], c30 = ind[, 5], c31 = ind[, 6])
  f <- ~c10 + c11 + c20 + c21 + c30 + c31
  m <- svymean(f, d, deff = "replace")
  put(paste0(tag, "cell"), cells(nr, nc), coef(m))
  put(paste0(tag, "cell_se"), cells(nr, nc), SE(m))
  put(paste0(tag, "cell_deff"), cells(nr, nc), deff(m))
  t <- svytotal(f, d)
  put(paste0(tag, "count"), cells(nr, nc), coef(t))
  put(paste0(tag, "count_se"), cells(nr, nc), SE(t))
  # row proportions: each cell over its row; column proportions: over its column
  rowp <- svyby(~gf, ~of, d, svymean)
  put(paste0(tag, "row"), cells(nr, nc), as.vector(t(as.matrix(coef(rowp) |> matrix(nrow = nr, byrow = FALSE)))))
  rs <- as.matrix(SE(rowp))
  put(paste0(tag, "row_se"), cells(nr, nc), as.vector(t(rs)))
  colp <- svyby(~of, ~gf, d, svymean)
  cm <- matrix(coef(colp), nrow = nc)  # rows: g levels, columns: o levels
  put(paste0(tag, "col"), cells(nr, nc), as.vector(cm))
  put(paste0(tag, "col_se"), cells(nr, nc), as.vector(as.matrix(SE(colp))))
  # logit intervals of the cell proportions on the design df
  lo <- hi <- numeric(0)
  for (v in colnames(ind)) {
    ci <- svyciprop(as.formula(paste0("~", v)), d, method = "logit", df = degf(d))
    lo <- c(lo, attr(ci, "ci")[1]); hi <- c(hi, attr(ci, "ci")[2])
  }
  put(paste0(tag, "cell_lb"), cells(nr, nc), lo)
  put(paste0(tag, "cell_ub"), cells(nr, nc), hi)
  # tests of independence
  x2 <- svychisq(~of + gf, d, statistic = "F")
  put(paste0(tag, "pearson"), c("F", "df1", "df2", "p"), c(x2$statistic, x2$parameter, x2$p.value))
  tab <- svytable(~of + gf, d, Ntotal = N)
  chi <- suppressWarnings(chisq.test(tab, correct = FALSE))
  put(paste0(tag, "pearson"), "chi2", chi$statistic)
  p <- as.vector(t(tab)) / N; p0 <- as.vector(t(outer(rowSums(tab), colSums(tab)))) / N^2
  put(paste0(tag, "lr"), "chi2", 2 * N * sum(ifelse(p > 0, p * log(p / p0), 0)))
  aw <- svychisq(~of + gf, d, statistic = "adjWald")
  put(paste0(tag, "wald"), c("F", "df1", "df2", "p"), c(aw$statistic, aw$parameter, aw$p.value))
  uw <- svychisq(~of + gf, d, statistic = "Wald")
  put(paste0(tag, "wald_unadj"), c("F", "df1", "df2", "p"), c(uw$statistic, uw$parameter, uw$p.value))
  # log-linear Wald: log cell proportions on the interaction contrasts (survey's residualized
  # basis; the statistic does not depend on the basis)
  V <- vcov(m); pm <- coef(m)
  mf <- expand.grid(cols = 1:nc, rows = 1:nr)
  X1 <- model.matrix(~factor(rows) + factor(cols), mf)
  X12 <- model.matrix(~factor(rows) * factor(cols), mf)
  C <- qr.resid(qr(X1), X12[, -(1:(nr + nc - 1)), drop = FALSE])
  G <- t(C) %*% log(pm)
  A <- t(C) %*% diag(1 / pm) %*% V %*% diag(1 / pm) %*% C
  put(paste0(tag, "llwald"), "chi2", drop(t(G) %*% solve(A, G)))
}
d <- svydesign(id = ~psu, strata = ~stratum, weights = ~w, nest = TRUE, data = dat)
one_design("", d, d)
one_design("subpop_", subset(d, b == 1), d)
res <- do.call(rbind, out)
write.csv(res, file.path(here, "tabulate_values.csv"), row.names = FALSE)
