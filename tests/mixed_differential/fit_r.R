# Fits every case of generate.py's manifest with lme4/nlme and writes r_values.json.
#   python3 generate.py /tmp/cases && Rscript fit_r.R /tmp/cases/manifest.json r_values.json
# Values are in Stata's parameterisation: variances and covariances of the random effects
# keyed "<level>:<Stata label>", the residual rows as Stata labels them, the fixed effects
# under Stata's names, and the BLUPs per observation of the original (unexpanded) data in
# the order of Stata's `predict re*, reffects` (levels top down; within a level the slopes,
# then _cons).
suppressMessages({library(lme4); library(nlme); library(jsonlite); library(lmerTest); library(numDeriv)})

# SEs of the variance components by the delta method: J V J' with J the numerical Jacobian
# of the map from R's variance parameters to Stata's (var, cov) rows and V their
# asymptotic covariance -- lmerTest's vcov_varpar (numDeriv Hessian of the (RE)ML deviance
# in theta and sigma) for lmer; nlme's apVar (log sd, transformed correlations, variance
# ratios, log sigma; its Hessian by numDeriv, below) for lme.
# nlme's apVar takes its Hessian from fdHess (a crude finite difference, ~1e-3); the fits
# here take it from numDeriv's Richardson extrapolation instead.
assignInNamespace("fdHess", function(pars, fun, ..., .relStep, minAbsPar)
  list(Hessian = hessian(function(p) fun(p, ...), pars)), "nlme")

delta_se <- function(f, p, V) {
  J <- jacobian(f, p)
  se <- sqrt(pmax(diag(J %*% V %*% t(J)), 0))
  setNames(as.list(se), names(f(p)))
}

lmer_components <- function(m, keys) function(vp) {
  n <- length(vp)
  vc <- lme4:::mkVarCorr(sc = vp[n], cnms = m@cnms, nc = lengths(m@cnms), theta = vp[-n],
                         nms = names(m@flist)[attr(m@flist, "assign")])
  vc <- structure(vc, useSc = TRUE, class = "VarCorr.merMod")
  setNames(as.data.frame(vc)$vcov, keys)
}

lme_components <- function(m, kind, keys) function(p) {
  ms <- m$modelStruct
  sig2 <- exp(2 * p[["lSigma"]])
  pd <- ms$reStruct$g
  q <- length(coef(pd))
  sd2 <- exp(2 * p[[1]])
  re <- if (kind == "slope_exch") {
    coef(pd) <- c(0, p[[2]]); c(sd2, sd2 * cov2cor(as.matrix(pd))[1, 2])
  } else sd2
  res <- if (kind == "resid_by") {
    vs <- ms$varStruct; coef(vs) <- p[["varStruct"]]
    sig2 * coef(vs, unconstrained = FALSE, allCoef = TRUE)^2
  } else if (kind == "resid_ar1") {
    cs <- ms$corStruct; coef(cs) <- p[["corStruct"]]; c(coef(cs, unconstrained = FALSE)[[1]], sig2)
  } else if (kind == "resid_exch") {
    cs <- ms$corStruct; coef(cs) <- p[["corStruct"]]; c(sig2, sig2 * coef(cs, unconstrained = FALSE)[[1]])
  } else sig2
  setNames(c(re, res), keys)
}
args <- commandArgs(TRUE)
manifest <- fromJSON(args[1], simplifyDataFrame = FALSE)

stata_name <- function(n) {
  n <- sub("^\\(Intercept\\)$", "_cons", n)
  sub("^factor\\((.*)\\)(.*)$", "\\2.\\1", n)
}
slopes_first <- function(cols) c(setdiff(cols, "(Intercept)"), intersect("(Intercept)", cols))

blup_columns <- function(re, key, d0, cols = slopes_first(colnames(re))) {
  lapply(cols, function(cn) unname(re[as.character(key), cn]))
}

one <- function(case) {
  d0 <- read.csv(case$csv)
  d <- d0
  if (case$expand == "obs") d <- d0[rep(seq_len(nrow(d0)), d0$w), ]
  if (case$expand == "group") {  # group g copied wg times as groups 100 g + k
    d <- do.call(rbind, lapply(split(d0, d0$g), function(s)
      do.call(rbind, lapply(seq_len(s$wg[1]), function(k) transform(s, g = 100 * g + k)))))
  }
  if (case$expand == "agroup") {  # level-a group a copied wa times as 100 a + k (its g's too)
    d <- do.call(rbind, lapply(split(d0, d0$a), function(s)
      do.call(rbind, lapply(seq_len(s$wa[1]), function(k) transform(s, a = 100 * a + k, g = 100 * g + k)))))
  }
  m <- eval(parse(text = case$r))
  out <- list(name = case$name, checksum = case$checksum, loglik = as.numeric(logLik(m)))
  if (case$method == "ML") {  # the LR test's linear regression (on the expanded data)
    fixed <- if (case$engine == "lmer") formula(m, fixed.only = TRUE) else formula(m)
    out$loglik_linear <- as.numeric(logLik(lm(fixed, data = d)))
  }
  fe <- if (case$engine == "gls") coef(m) else fixef(m)
  V <- as.matrix(vcov(m))
  # nlme's gls scales an ML fit's vcov by N/(N-p) (its sigma for the SEs has REML's
  # denominator); Stata's and lme's are (X'V^-1 X)^-1 at the ML estimates: undo the scale
  if (case$engine == "gls" && case$method == "ML") V <- V * (m$dims$N - m$dims$p) / m$dims$N
  se <- sqrt(diag(V))
  out$fixed <- setNames(lapply(seq_along(fe), function(i) c(fe[[i]], se[[i]])), stata_name(names(fe)))
  var <- list(); res <- list(); blups <- list()
  gkey <- if (case$expand == "group") 100 * d0$g + 1 else d0$g
  if (case$engine == "lmer") {
    vc <- as.data.frame(VarCorr(m))
    for (i in seq_len(nrow(vc))) {
      grp <- sub("\\.[0-9]+$", "", vc$grp[i])
      if (grp == "Residual") { res[["var(Residual)"]] <- vc$vcov[i]; next }
      crossed <- grp %in% c("c", "d")  # _all: R.c, _all: R.d
      lev <- if (crossed) "_all" else sub("^a[:.]", "", grp)
      v1 <- stata_name(vc$var1[i]); v2 <- stata_name(vc$var2[i])
      # Stata names cov(a,b) in the equation's order, _cons last (equations here list slopes alphabetically)
      if (!is.na(v2) && (v1 == "_cons" || (v2 != "_cons" && v2 < v1))) { tmp <- v1; v1 <- v2; v2 <- tmp }
      label <- if (is.na(v2)) sprintf("var(%s)", if (crossed) paste0("R.", grp) else v1)
               else sprintf("cov(%s,%s)", v1, v2)
      var[[paste0(lev, ":", label)]] <- vc$vcov[i]
    }
    keys <- c(names(var), names(res))
    se <- tryCatch({
      vp <- as_lmerModLmerTest(m)@vcov_varpar
      delta_se(lmer_components(m, keys), c(getME(m, "theta"), sigma(m)), vp)
    }, error = function(e) NULL)
    re <- ranef(m)
    for (grp in intersect(c("a", "c", "d", "g", "a:g"), names(re))) {
      key <- switch(grp, a = d0$a, c = d0$c, d = d0$d, g = gkey, "a:g" = if (case$expand == "agroup") paste(100 * d0$a + 1, 100 * d0$g + 1, sep = ":")
                                               else paste(d0$a, d0$g, sep = ":"))
      blups <- c(blups, blup_columns(as.matrix(re[[grp]]), key, d0))
    }
  } else if (case$engine == "gls") {
    sig2 <- m$sigma^2
    rho <- if (is.null(m$modelStruct$corStruct)) NA else coef(m$modelStruct$corStruct, unconstrained = FALSE)[[1]]
    if (is.null(m$modelStruct$corStruct)) {  # linear regression: var(Residual) = RSS/N
      res <- list("var(Residual)" = sig2)
      se <- list("var(Residual)" = sig2 * sqrt(2 / m$dims$N))  # delta method on ML's 1/(2N) for ln sigma
    } else {
    res <- switch(case$kind, gls_ar1 = list(rho = rho, "var(e)" = sig2),
                  gls_ma1 = list(theta1 = rho, "var(e)" = sig2),
                  gls_exch = list("var(e)" = sig2, "cov(e)" = sig2 * rho))
    keys <- names(res)
    se <- tryCatch(delta_se(function(p) {
      cs <- m$modelStruct$corStruct; coef(cs) <- p[["corStruct"]]
      r <- coef(cs, unconstrained = FALSE)[[1]]; s2 <- exp(2 * p[["lSigma"]])
      setNames(if (case$kind == "gls_exch") c(s2, s2 * r) else c(r, s2), keys)
    }, attr(m$apVar, "Pars"), m$apVar), error = function(e) NULL)
    }
  } else {
    V <- getVarCov(m)
    sig2 <- m$sigma^2
    lab <- paste(colnames(V), collapse = " ")
    if (case$kind %in% c("slope_exch")) {
      var[["g:var(x z)"]] <- V[1, 1]; var[["g:cov(x z)"]] <- V[1, 2]
    } else if (case$kind == "slope_id") {
      var[["g:var(x z)"]] <- V[1, 1]
    } else {
      var[[sprintf("g:var(%s)", stata_name(colnames(V)[1]))]] <- V[1, 1]
    }
    if (case$kind == "resid_by") {
      ratio <- coef(m$modelStruct$varStruct, unconstrained = FALSE, allCoef = TRUE)
      for (h in names(ratio)) res[[sprintf("%s: var(e)", h)]] <- sig2 * ratio[[h]]^2
    } else if (case$kind == "resid_ar1") {
      res[["rho"]] <- coef(m$modelStruct$corStruct, unconstrained = FALSE)[[1]]
      res[["var(e)"]] <- sig2
    } else if (case$kind == "resid_exch") {
      res[["var(e)"]] <- sig2
      res[["cov(e)"]] <- sig2 * coef(m$modelStruct$corStruct, unconstrained = FALSE)[[1]]
    } else {
      res[["var(Residual)"]] <- sig2
    }
    keys <- c(names(var), names(res))
    se <- tryCatch({
      f <- lme_components(m, case$kind, keys)
      p <- attr(m$apVar, "Pars")
      stopifnot(max(abs(f(p) - unlist(c(var, res)))) < 1e-6 * max(1, abs(unlist(c(var, res)))))
      delta_se(f, p, m$apVar)
    }, error = function(e) NULL)
    re <- as.matrix(ranef(m))
    blups <- blup_columns(re, gkey, d0)
  }
  used <- complete.cases(d0[, intersect(c("y", "x", "z"), names(d0))])
  blups <- lapply(blups, function(b) ifelse(used, b, NA))  # e(sample) rows only
  out$var <- var; out$residual <- res; out$blups <- blups
  if (!is.null(se)) out$se <- se  # none at a boundary (singular fit: no Hessian)
  out
}

results <- lapply(manifest, function(case) {
  r <- tryCatch(one(case), error = function(e) list(name = case$name, error = conditionMessage(e)))
  r
})
meta <- list(R = R.version.string, lme4 = as.character(packageVersion("lme4")),
             nlme = as.character(packageVersion("nlme")))
writeLines(toJSON(list(meta = meta, cases = results), auto_unbox = TRUE, digits = I(12), na = "null"), args[2])
