# Independent reference for mlm's mfp (tests/test_mfp.py): the backfitting and closed-test
# selection of Stata 13's mfp, written from the published algorithm (Sauerbrei and Royston 1999)
# with Stata's conventions, every model fitted by R's lm, glm and coxph.
#
# R's mfp package (mfp()) is not packaged for this machine's R (no r-cran-mfp in Debian), so the
# algorithm is re-implemented here.  Where R's mfp differs from Stata's mfp, this script follows
# Stata (the bridge a run of R's mfp would need):
#   - order of visiting: by the P of each xvar's Wald test in the all-linear model (xorder(+)),
#     as R's mfp does too (it orders by the LR test);
#   - P after regress (gaussian): F(n1, n2) of expm1(d / N) n2 / n1, n2 = residual df of y on
#     the fixed terms minus n1 (Stata 13's frac_pv and mfp_10; R's mfp uses chi2 throughout);
#     after logit and Cox: chi2(n1) of the deviance difference;
#   - a covariate with df 1 and select 1 is not tested; default df 4 (>= 6 distinct values),
#     2 (4-5), 1 (2-3);
#   - convergence: no powers changed, or only the first covariate's (mfp_10's lastch rule);
#   - the deviance of regress is N (1 + log(2 pi RSS / N)) (Stata's -2 ll), of logit -2 logLik,
#     of Cox -2 times the Breslow partial log likelihood;
#   - FP search: the best of each degree, a model with power 1 replacing the others' best only
#     when strictly better (frac_154); shift and scale as frac_xo (no effect on any deviance).
# Run: Rscript mfp_closed_test.R > mfp_closed_test.json
suppressMessages({library(survival); library(jsonlite)})
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
D <- read.csv(file.path(here, "mfp_data.csv"))
S <- c(-2, -1, -0.5, 0, 0.5, 1, 2, 3)

shift_scale <- function(x) {
  shift <- 0
  if (min(x) <= 0) { u <- sort(unique(x)); shift <- -min(x) + min(diff(u)) }
  r <- max(x + shift) - min(x + shift); l <- log10(r)
  list(shift = shift, scale = 10^(sign(l) * trunc(abs(l))))
}
fpt <- function(z, p) {
  out <- list()
  for (i in seq_along(p)) {
    if (i > 1 && p[i] == p[i - 1]) out[[i]] <- out[[i - 1]] * log(z)
    else out[[i]] <- if (p[i] == 0) log(z) else z^p[i]
  }
  do.call(cbind, out)
}
fpt_zero <- function(z, p) {  # zero(): x <= 0 taken as 0, log z as 0 there
  pos <- z > 0; lz <- ifelse(pos, log(ifelse(pos, z, 1)), 0); out <- list()
  for (i in seq_along(p)) {
    if (i > 1 && p[i] == p[i - 1]) out[[i]] <- out[[i - 1]] * lz
    else out[[i]] <- if (p[i] == 0) lz else if (p[i] == 1) z else ifelse(pos, ifelse(pos, z, 1)^p[i], 0)
  }
  do.call(cbind, out)
}
devfun <- function(kind, y, X, data) {
  n <- length(y)
  if (kind == "regress") {
    f <- if (is.null(X) || ncol(X) == 0) lm(y ~ 1) else lm(y ~ X)
    rss <- sum(residuals(f)^2); return(n * (1 + log(2 * pi * rss / n)))
  }
  if (kind %in% c("logit", "probit", "poisson")) {
    fam <- switch(kind, logit = binomial(), probit = binomial(link = "probit"), poisson = poisson())
    f <- if (is.null(X) || ncol(X) == 0) glm(y ~ 1, family = fam) else glm(y ~ X, family = fam)
    return(-2 * as.numeric(logLik(f)))
  }
  if (is.null(X) || ncol(X) == 0) {
    f <- coxph(Surv(data$t, data$d) ~ 1, ties = "breslow"); return(-2 * f$loglik[1])
  }
  f <- coxph(Surv(data$t, data$d) ~ X, ties = "breslow"); -2 * f$loglik[2]
}
pval <- function(normal, n, d, n1, n2) {
  if (normal) pf(expm1(d / n) * n2 / n1, n1, n2, lower.tail = FALSE) else pchisq(d, n1, lower.tail = FALSE)
}
search <- function(kind, y, x, base, m, data, S = c(-2, -1, -0.5, 0, 0.5, 1, 2, 3), zero = FALSE, cz = FALSE) {
  if (zero || cz) {  # no shift; the scale of x with x <= 0 set to 0
    x0 <- pmax(x, 0); l <- log10(max(x0) - min(x0)); z <- x0 / 10^(sign(l) * trunc(abs(l))); ft <- fpt_zero
  } else { ss <- shift_scale(x); z <- (x + ss$shift) / ss$scale; ft <- fpt }
  ind <- if (cz) matrix(as.numeric(x <= 0), ncol = 1) else NULL
  dev0 <- devfun(kind, y, base, data)
  best <- list(); for (k in 0:(2 * m)) best[[k + 1]] <- list(dev = dev0, p = NULL)
  for (deg in 1:m) {
    combos <- if (deg == 1) as.list(S) else {
      g <- expand.grid(a = S, b = S); g <- g[g$a <= g$b, ]; g <- g[order(match(g$a, S), match(g$b, S)), ]
      lapply(seq_len(nrow(g)), function(i) c(g$a[i], g$b[i]))
    }
    for (p in combos) {
      X <- cbind(base, ft(z, p), ind); dv <- devfun(kind, y, X, data)
      df <- 2 * deg - (1 %in% p)
      if (dv < best[[df + 1]]$dev) best[[df + 1]] <- list(dev = dv, p = p)
    }
  }
  for (df in seq(2, 2 * m, 2)) if (best[[df]]$dev < best[[df + 1]]$dev) best[[df + 1]] <- best[[df]]
  rdf <- length(y) - qr(cbind(1, base))$rank
  list(best = best, z = z, rdf = rdf, ft = ft, ind = ind)
}
mfp_run <- function(kind, y, xs, data, select = 1, alpha = 0.05, dfall = NULL, sequential = FALSE,
                    xpowers = list(), zero = c(), catzero = c()) {
  # xs: the terms, "x2 x3" a group (tested jointly, always linear, df 1)
  n <- length(y); normal <- kind == "regress"
  vars <- lapply(strsplit(xs, " "), identity); names(vars) <- xs
  Xall <- as.matrix(data[, unlist(vars)])
  fit <- if (kind == "regress") lm(y ~ Xall)
         else if (kind %in% c("logit", "probit", "poisson"))
           glm(y ~ Xall, family = switch(kind, logit = binomial(), probit = binomial(link = "probit"), poisson = poisson()))
         else coxph(Surv(data$t, data$d) ~ Xall, ties = "breslow")
  b <- coef(fit); V <- vcov(fit)
  if (kind != "stcox") { b <- b[-1]; V <- V[-1, -1, drop = FALSE] }
  names(b) <- unlist(vars); dimnames(V) <- list(unlist(vars), unlist(vars))
  wald <- sapply(xs, function(v) {  # FracOrd's `test`: the Wald test of the term's coefficients
    k <- vars[[v]]; W <- as.numeric(t(b[k]) %*% solve(V[k, k, drop = FALSE], b[k])); q <- length(k)
    if (kind == "regress") pf(W / q, q, fit$df.residual, lower.tail = FALSE) else pchisq(W, q, lower.tail = FALSE)
  })
  ord <- xs[order(wald)]
  dfs <- sapply(xs, function(v) { if (length(vars[[v]]) > 1) return(1)
    u <- length(unique(data[[v]])); if (u <= 3) 1 else if (u <= 5) 2 else 4 })
  if (!is.null(dfall)) dfs[] <- dfall
  cur <- lapply(xs, function(v) as.matrix(data[, vars[[v]], drop = FALSE])); names(cur) <- xs
  base_of <- function(v) { o <- setdiff(ord, v); M <- do.call(cbind, cur[o]); if (is.null(M)) matrix(0, n, 0) else M }
  initial <- devfun(kind, y, cbind(base_of(ord[1]), cur[[ord[1]]]), data)
  powers <- as.list(rep("1", length(xs))); names(powers) <- xs
  cycles <- list(); stable <- FALSE; it <- 0; lastdev <- initial
  while (!stable && it < 5) {
    it <- it + 1; stable <- TRUE; lastch <- 0; steps <- list()
    for (i in seq_along(ord)) {
      v <- ord[i]; df <- dfs[[v]]
      if (df == 1 && select == 1) { steps[[v]] <- list(included = TRUE); next }
      if (df == 1) {  # TestVars: x against the model without it
        B <- base_of(v); x <- as.matrix(data[, vars[[v]], drop = FALSE])
        dev0 <- devfun(kind, y, B, data); dev1 <- devfun(kind, y, cbind(B, x), data)
        p <- pval(normal, n, dev0 - dev1, ncol(x), n - ncol(x) - ncol(B) - 1)
        keep <- p <= select
        cur[[v]] <- if (keep) x else matrix(0, n, 0)
        key <- if (keep) "1" else "."
        fdev <- if (keep) dev1 else dev0
        if (key != powers[[v]]) { stable <- FALSE; powers[[v]] <- key; lastch <- i }
        lastdev <- fdev
        steps[[v]] <- list(included = FALSE, rows = list(list(deviance = if (sequential) dev1 else dev0,
                                                               difference = dev0 - dev1, p = p)),
                           deviance = fdev, powers = key)
        next
      }
      m <- floor((df + 0.5) / 2)
      cz <- v %in% catzero
      fs <- search(kind, y, data[[v]], base_of(v), m, data, if (is.null(xpowers[[v]])) S else xpowers[[v]],
                   v %in% zero, cz)
      dev <- c(fs$best[[1]]$dev, fs$best[[2]]$dev, sapply(1:m, function(j) fs$best[[2 * j + 1]]$dev))
      big <- dev[m + 2]; top <- fs$best[[2 * m + 1]]$p
      rows <- list(); done <- FALSE
      if (sequential) {  # Royston and Altman: FPm vs FP(m-1), ..., FP1 vs linear, linear vs null
        j0 <- m
        while (!done && j0 > (if (select < 1) -1 else 0)) {
          n1 <- if (j0 <= 1) 1 else 2
          d <- dev[j0 + 1] - dev[j0 + 2]; p <- pval(normal, n, d, n1, fs$rdf - n1)
          rows[[length(rows) + 1]] <- list(deviance = dev[j0 + 2], difference = d, p = p)
          if (p <= (if (j0 == 0) select else alpha)) {
            done <- TRUE; fdev <- dev[j0 + 2]
            chosen <- if (j0 == 0) 1 else fs$best[[2 * j0 + 1]]$p
          }
          j0 <- j0 - 1
        }
        if (!done) { done <- TRUE; if (select < 1) { chosen <- NA; fdev <- dev[1] } else { chosen <- 1; fdev <- dev[2] } }
      }
      j0 <- if (select < 1) -1 else 0
      while (!done && j0 < m) {
        n1 <- if (j0 == -1) 2 * m + cz else if (j0 == 0) 2 * m - 1 else 2 * (m - j0)
        d <- dev[j0 + 2] - big; p <- pval(normal, n, d, n1, fs$rdf - n1)
        rows[[length(rows) + 1]] <- list(deviance = dev[j0 + 2], difference = d, p = p)
        nominal <- if (j0 == -1) select else alpha
        if (p > nominal) {
          done <- TRUE; fdev <- dev[j0 + 2]
          chosen <- if (j0 == -1) NA else if (j0 == 0) 1 else fs$best[[2 * j0 + 1]]$p
        }
        j0 <- j0 + 1
      }
      if (!done) { chosen <- top; fdev <- big }
      cur[[v]] <- if (any(is.na(chosen))) matrix(0, n, 0) else cbind(fs$ft(fs$z, chosen), fs$ind)
      key <- if (any(is.na(chosen))) "." else paste(chosen, collapse = " ")
      if (key != powers[[v]]) { stable <- FALSE; powers[[v]] <- key; lastch <- i }
      lastdev <- fdev
      steps[[v]] <- list(included = FALSE, rows = rows, deviance = fdev, powers = key)
    }
    if (lastch == 1) stable <- TRUE
    cycles[[it]] <- list(steps = steps, deviance = lastdev, stable = stable)
  }
  list(order = ord, initial = initial, cycles = cycles, powers = powers, deviance = lastdev, df = as.list(dfs))
}
out <- list(
  regress = mfp_run("regress", D$y, c("x1", "x2", "x3", "x4", "x5"), D),
  logit = mfp_run("logit", D$yb, c("x1", "x2", "x4"), D),
  stcox = mfp_run("stcox", D$t, c("x1", "x2", "x3", "x5"), D),
  regress_select = mfp_run("regress", D$y, c("x1", "x2", "x3", "x4", "x5"), D, select = 0.05),
  # counts: round(y / 5) (the test makes the same variable); df(2) for every xvar
  poisson = mfp_run("poisson", round(D$y / 5), c("x1", "x2", "x5"), D, dfall = 2),
  sequential = mfp_run("regress", D$y, c("x1", "x2", "x3", "x4", "x5"), D, select = 0.05, sequential = TRUE),
  # xpowers(x1:-1 0 1, x2:2 3) on the rows with x3 == 1
  xpowers = mfp_run("regress", D$y[D$x3 == 1], c("x1", "x2"), D[D$x3 == 1, ],
                    xpowers = list(x1 = c(-1, 0, 1), x2 = c(2, 3))),
  groups = mfp_run("regress", D$y, c("x1", "x2 x3", "x4 x5"), D, select = 0.05),
  zero = mfp_run("regress", D$y, c("x1", "x5"), D, zero = "x5"),
  catzero = mfp_run("regress", D$y, c("x1", "x5"), D, select = 0.5, catzero = "x5"),
  probit = mfp_run("probit", D$yb, c("x1", "x2", "x3", "x4"), D, select = 0.2, alpha = 0.2)
)
cat(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "\n")
