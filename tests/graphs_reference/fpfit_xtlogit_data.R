# The data of fpfit_cox_xtlogit.R (x in 1..9, 12 panels of 5) and fracpoly's degree-2 terms,
# sourced by fpfit_xtlogit_replicates.R and fpfit_xtlogit_fe_constraints.R.
n <- 1:60
x <- 1 + (n * 7) %% 9
g <- ceiling(n / 5)
yb <- as.numeric((n * 3) %% 5 + (g %% 4) * 1.5 > 3 + (x > 5))
powers <- c(-2, -1, -0.5, 0, 0.5, 1, 2, 3)
term <- function(v, p) if (p == 0) log(v) else v^p
terms <- function(v, p) cbind(term(v, p[1]), term(v, p[2]) * (if (p[1] == p[2]) log(v) else 1))
at <- sort(unique(x))
centred <- function(v, p) terms(v, p) - terms(mean(x), p)[rep(1, length(v)), , drop = FALSE]
