# Independent reference for tests/test_fracpoly_ml.py: fracpoly with logit, probit, poisson, glm
# and stcox, by R's glm() and survival::coxph() over every FP model, with frac_154's rules
# (per-df minima starting at the model without x, strict <, each even df taking the odd df below
# when strictly smaller; closed-test P = chi2(n1) upper tail of the deviance difference).
# Data: fpml.csv (x in [1, 60]: frac_xo's scale 10).
# Run: Rscript tests/fracpoly_ml_reference/fracpoly_ml.R > tests/fracpoly_ml_reference/fracpoly_ml_R.txt
library(survival)
d <- read.csv("tests/fracpoly_ml_reference/fpml.csv")
S <- c(-2, -1, -.5, 0, .5, 1, 2, 3)
X <- d$x / 10
G <- function(...) glm(..., control = glm.control(epsilon = 1e-13, maxit = 100))
design <- function(ps, at = X) {  # at: x/10, or x itself for fp
  out <- list(); for (i in seq_along(ps)) {
    out[[i]] <- if (i > 1 && ps[i] == ps[i - 1]) out[[i - 1]] * log(at)
                else if (ps[i] == 0) log(at) else at^ps[i]
  }
  do.call(cbind, out)
}
fitter <- function(kind, covs) function(ps) {
  D <- if (length(ps)) design(ps) else NULL
  M <- cbind(D, covs)
  m <- switch(kind,
    logit = if (is.null(M)) G(d$yb ~ 1, family = binomial) else G(d$yb ~ M, family = binomial),
    probit = if (is.null(M)) G(d$yb ~ 1, family = binomial("probit")) else G(d$yb ~ M, family = binomial("probit")),
    cloglog = if (is.null(M)) G(d$yb ~ 1, family = binomial("cloglog")) else G(d$yb ~ M, family = binomial("cloglog")),
    poisson = if (is.null(M)) G(d$yc ~ 1, family = poisson) else G(d$yc ~ M, family = poisson),
    cox = if (is.null(M)) coxph(Surv(d$t, d$d) ~ 1, ties = "breslow") else coxph(Surv(d$t, d$d) ~ M, ties = "breslow"),
    coxefron = if (is.null(M)) coxph(Surv(d$t, d$d) ~ 1, ties = "efron") else coxph(Surv(d$t, d$d) ~ M, ties = "efron"))
  ll <- if (kind %in% c("cox", "coxefron")) m$loglik[length(m$loglik)] else as.numeric(logLik(m))
  list(dev = -2 * ll, model = m)
}
run <- function(name, kind, degree, covs) {
  fit <- fitter(kind, covs)
  f0 <- fit(c())$dev
  best <- rep(list(list(dev = f0, p = c())), 2 * degree + 1)  # index df + 1
  count <- 0
  for (deg in 1:degree) {
    cands <- if (deg == 1) as.list(S) else { l <- list(); for (i in seq_along(S)) for (j in i:length(S)) l[[length(l) + 1]] <- S[c(i, j)]; l }
    for (ps in cands) {
      count <- count + 1
      dv <- fit(ps)$dev
      df <- 2 * deg - (1 %in% ps)
      if (dv < best[[df + 1]]$dev) best[[df + 1]] <- list(dev = dv, p = ps)
    }
  }
  for (df in seq(2, 2 * degree, 2)) if (best[[df]]$dev < best[[df + 1]]$dev) best[[df + 1]] <- best[[df]]
  top <- best[[2 * degree + 1]]
  cat(sprintf("case %s degree %d count %d\n", name, degree, count))
  rows <- list(c("none", 0, 2 * degree), c("linear", 1, 2 * degree - 1))
  if (degree > 1) for (m in 1:(degree - 1)) rows[[length(rows) + 1]] <- c(paste0("m", m), 2 * m, 2 * (degree - m))
  for (r in rows) {
    idf <- as.numeric(r[2]); n1 <- as.numeric(r[3]); b <- best[[idf + 1]]
    dd <- b$dev - top$dev
    cat(sprintf("%s dev %.10f dif %.10f P %.10g powers %s\n", r[1], b$dev, dd, pchisq(dd, n1, lower.tail = FALSE),
                paste(b$p, collapse = " ")))
  }
  cat(sprintf("top dev %.10f powers %s\n", top$dev, paste(top$p, collapse = " ")))
  # the final model's coefficients on the terms centred at the mean of x/10 (fracgen's adjust)
  Dc <- sweep(design(top$p), 2, design(top$p, mean(X)))
  m <- fitter(kind, NULL)  # refit on the centred terms
  M <- cbind(Dc, covs)
  fm <- switch(kind,
    logit = G(d$yb ~ M, family = binomial), probit = G(d$yb ~ M, family = binomial("probit")),
    cloglog = G(d$yb ~ M, family = binomial("cloglog")), poisson = G(d$yc ~ M, family = poisson),
    cox = coxph(Surv(d$t, d$d) ~ M, ties = "breslow"), coxefron = coxph(Surv(d$t, d$d) ~ M, ties = "efron"))
  cat(sprintf("coef %s\n", paste(sprintf("%.10g", coef(fm)), collapse = " ")))
  cat(sprintf("se %s\n", paste(sprintf("%.10g", sqrt(diag(vcov(fm)))), collapse = " ")))
}
run("logit", "logit", 2, d$z)
run("probit", "probit", 2, NULL)
run("poisson1", "poisson", 1, d$z)
run("glmpoisson", "poisson", 2, d$z)
run("cloglog", "cloglog", 2, NULL)
run("cox", "cox", 2, d$z)
run("coxefron", "coxefron", 2, NULL)
# fp <x>: regress yc <x> z (tests/test_fp_prefix.py): lm() over every FP model of x (unscaled), the
# best of each dimension by the largest log likelihood, fp.ado's F comparison:
# F = n1/(n0 - n1) * expm1((D_i - D_best)/N), n = N - 2 (constant, z) - the model's parameters.
fitlm <- function(ps) {
  m <- if (length(ps)) lm(d$yc ~ design(ps, d$x) + d$z) else lm(d$yc ~ d$z)
  c(dev = -2 * as.numeric(logLik(m)), rsd = summary(m)$sigma)
}
best <- list(omitted = c(fitlm(c()), k = 0))
for (ps in as.list(S)) {
  f <- fitlm(ps)
  if (ps == 1) best$linear <- c(f, k = 1)
  if (is.null(best$m1) || f[["dev"]] < best$m1[["dev"]]) { best$m1 <- c(f, k = 2); p1 <- ps }
}
for (i in seq_along(S)) for (j in i:length(S)) {
  f <- fitlm(S[c(i, j)])
  if (is.null(best$m2) || f[["dev"]] <= best$m2[["dev"]]) { best$m2 <- c(f, k = 4); p2 <- S[c(i, j)] }
}
N <- nrow(d); n1 <- N - 2 - 4
cat(sprintf("case fpregress df2 %d powers1 %s powers2 %s\n", n1, paste(p1, collapse = " "), paste(p2, collapse = " ")))
for (r in names(best)) {
  b <- best[[r]]; n0 <- N - 2 - b[["k"]]; dd <- b[["dev"]] - best$m2[["dev"]]
  P <- if (n0 > n1) pf(n1 / (n0 - n1) * expm1(dd / N), n0 - n1, n1, lower.tail = FALSE) else NA
  cat(sprintf("%s df %d dev %.10f rsd %.10f dif %.10f P %.10g\n", r, b[["k"]], b[["dev"]], b[["rsd"]], dd, P))
}
