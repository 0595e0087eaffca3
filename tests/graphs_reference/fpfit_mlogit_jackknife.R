# Independent values for fpfit estcmd(mlogit) estopts(degree(1) powers(1) vce(jackknife, saving()))
# (tests/test_graphs_fpfit_mlogit_jackknife_cases.py): each replicate's final model, nnet::multinom
# refitted without the observation -- with fweights one copy of it less, with pweights the others
# (their scale changes no estimate) -- on Ix__1 = x - mean(x) (x = i/3: fracpoly neither shifts nor
# scales), the file's columns: every outcome's Ix__1 (and _cons), the base outcome's zeros.  A
# replicate whose outcomes or whose most frequent outcome (by the weights' sum, the first of ties)
# differ from the full sample's is NA: jackknife's _check_omit posts missing values there.
# Run: Rscript tests/graphs_reference/fpfit_mlogit_jackknife.R  (from the checkout)
library(nnet)
library(jsonlite)
N <- 30
i <- 1:N
x <- i / 3
y0 <- ifelse((i * 7) %% 5 < 2, 1, ifelse((i * 3) %% 7 < 3, 2, 3))
y0 <- ifelse(x > 7, ifelse(i %% 2 == 0, 3, y0), y0)
ix <- x - mean(x)

base_of <- function(y, w) {
  tab <- tapply(w, factor(y, levels = 1:3), sum)
  tab[is.na(tab)] <- 0
  which.max(tab)  # the first of ties
}

fit <- function(y, w, constant) {
  base <- base_of(y, w)
  yy <- relevel(factor(y), ref = as.character(base))
  d <- data.frame(yy = yy, ix = ix, w = w)[w > 0, ]
  m <- if (constant) multinom(yy ~ ix, data = d, weights = w, trace = FALSE, maxit = 1000, reltol = 1e-14)
       else multinom(yy ~ ix - 1, data = d, weights = w, trace = FALSE, maxit = 1000, reltol = 1e-14)
  B <- coef(m)
  if (is.null(dim(B))) B <- matrix(B, nrow = 1, dimnames = list(levels(yy)[2], names(B)))
  row <- c()
  for (k in 1:3) {
    if (k == base) {
      row <- c(row, rep(0, 1 + constant))
    } else {
      key <- as.character(k)
      row <- c(row, if (constant) c(B[key, "ix"], B[key, "(Intercept)"]) else B[key, "ix"])
    }
  }
  row
}

replicates <- function(y, w, kind, constant) {
  full_base <- base_of(y, w)
  t(sapply(1:N, function(g) {
    wr <- if (kind == "fweight") w - (i == g) else ifelse(i == g, 0, w)
    kept <- wr > 0
    if (length(unique(y[kept])) != 3 || base_of(y[kept], wr[kept]) != full_base) {
      return(rep(NA, 3 * (1 + constant)))
    }
    fit(y, wr, constant)
  }))
}

y_tie <- y0
y_tie[22:25] <- 1
y_tie[7] <- 3
fw <- 1 + (i %% 3)
pw <- 0.5 + (i %% 4) / 4
res <- list(
  base_changes = list(y = y_tie, replicates = replicates(y_tie, rep(1, N), "none", TRUE)),
  fweight = list(y = y0, w = fw, replicates = replicates(y0, fw, "fweight", TRUE), observed = fit(y0, fw, TRUE)),
  pweight = list(y = y0, w = pw, replicates = replicates(y0, pw, "pweight", TRUE)),
  noconstant = list(y = y0, replicates = replicates(y0, rep(1, N), "none", FALSE), observed = fit(y0, rep(1, N), FALSE))
)
write_json(res, "tests/graphs_reference/fpfit_mlogit_jackknife.json", digits = 15, pretty = TRUE, na = "null")
