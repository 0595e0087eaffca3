# twoway fpfit/fpfitci with estcmd(cox) estopts(dead(d) tvc(z) [texp()]) (tests/test_graphs_fpfit_cox_tvc.py):
# fracpoly's degree-2 search by the Cox log likelihood with z g(t) at each failure time, the records
# split at the failure times (survSplit; coxph(Surv(tstart, y, d) ~ X + I(z g(y))), the tvc()
# likelihood), then x b (the main equation: the FP terms centred at mean(x)) and its stdp at the
# distinct x, and fracpred's for(x) stdp with the tvc row as the constant's.  g(t) = t (cox's texp() default here: stcox's call passes texp(_t)) or log(t).
# The data are fpfit_cox_xtlogit.R's, with z = n mod 3.
# Run: Rscript fpfit_cox_tvc.R > fpfit_cox_tvc.json
library(survival)
n <- 1:60
x <- 1 + (n * 7) %% 9
y <- round(exp(0.3 + 0.2 * x - 0.02 * x^2 + ((n * 5) %% 7) / 4))
d <- as.numeric(n %% 4 != 0)
z <- n %% 3
powers <- c(-2, -1, -0.5, 0, 0.5, 1, 2, 3)
term <- function(v, p) if (p == 0) log(v) else v^p
terms <- function(v, p) {
  a <- term(v, p[1]); b <- term(v, p[2]) * (if (p[1] == p[2]) log(v) else 1)
  cbind(a, b)
}
at <- sort(unique(x))
centred <- function(v, p) terms(v, p) - terms(mean(x), p)[rep(1, length(v)), , drop = FALSE]
split <- survSplit(Surv(y, d) ~ ., data = data.frame(y = y, d = d, z = z, id = n),
                   cut = sort(unique(y[d == 1])), start = "tstart")
tvc_case <- function(g, ties = "breslow", robust = FALSE) {
  fit <- function(X) {
    Xs <- X[split$id, , drop = FALSE]
    zg <- split$z * g(split$y)
    if (robust) coxph(Surv(tstart, y, d) ~ Xs + zg + cluster(id), data = split, ties = ties)
    else coxph(Surv(tstart, y, d) ~ Xs + zg, data = split, ties = ties)
  }
  best <- NULL
  for (i in seq_along(powers)) for (j in i:length(powers)) {
    p <- c(powers[i], powers[j])
    ll <- fit(terms(x, p))$loglik[2]
    if (is.null(best) || ll > best$ll) best <- list(ll = ll, p = p)
  }
  f <- fit(centred(x, best$p))
  V <- f$var[1:2, 1:2] * (if (robust) length(y) / (length(y) - 1) else 1)  # stcox's M/(M-1)
  X0 <- centred(at, best$p)
  # fracpred's for(x) stdp: e(V)'s row after the terms (the tvc coefficient's) read as _cons's
  Va <- f$var * (if (robust) length(y) / (length(y) - 1) else 1)
  X1 <- cbind(X0, 1)
  list(powers = best$p, ll = best$ll, b_tvc = unname(coef(f)[3]), xb = as.vector(X0 %*% coef(f)[1:2]),
       stdp = sqrt(rowSums((X0 %*% V) * X0)), for_stdp = sqrt(rowSums((X1 %*% Va) * X1)))
}
out <- list(x = x, y = y, d = d, z = z, at = at,
            tvc = tvc_case(function(t) t), tvc_log = tvc_case(log),
            tvc_efron = tvc_case(function(t) t, ties = "efron"),
            tvc_robust = tvc_case(function(t) t, robust = TRUE))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE))
