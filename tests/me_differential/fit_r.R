# Fits every case of generate.py's manifest in R and writes r_values.json.
#   python3 generate.py /tmp/me_cases && Rscript fit_r.R /tmp/me_cases/manifest.json r_values.json
# Values are in Stata's parameterisation and names (e(b)'s columns): fixed effects
# "<depvar>:x", cut points "cut1:_cons", "lnalpha:_cons" (menbreg, -log of glmmTMB's
# nbinom2 theta), variances and covariances "var(x[g]):_cons", "cov(x[g],_cons[g]):_cons",
# "var(_cons[a>g]):_cons", "var(R.c):_cons"; each with its SE from the inverse Hessian of the
# marginal log likelihood over all parameters jointly, carried to Stata's (var, cov) by the
# delta method (numerical Jacobian of the map from R's parameters):
# - glmmTMB (Laplace): sdreport's cov.fixed, the map from its theta through glmmTMB's own
#   report() of sd and corr;
# - glmer (nAGQ = 25, one scalar random effect): numDeriv's Richardson Hessian of the
#   deviance in (theta, beta) (glmer's own is a cruder finite difference), theta = sd;
#   for mcaghermite, the Q-point rule written out below (mcagh_loglik), maximised from
#   glmer's nAGQ = Q fit, and numDeriv's Hessian of it;
# - clmm: numDeriv's Hessian of clmm's own objective (getNLA / getNAGQ) in (cuts, beta,
#   log sd).
# Random effects per observation, in the order of Stata's `predict re*, reffects`
# (levels top down, the slope before _cons): "modes" (conditional modes at R's estimates:
# glmmTMB's and clmm's ranef(); for glmer fits maximised here by optimize, as lme4's
# ranef() for probit / cloglog was off the mode by up to 1.7e-4) and, for one scalar
# random effect, "means"/"sds" (posterior mean and SD at R's estimates, by a 4001-point
# trapezoid over +-12 prior SDs around the mode).
suppressMessages({library(lme4); library(glmmTMB); library(ordinal); library(jsonlite); library(numDeriv)})

args <- commandArgs(trailingOnly = TRUE)
manifest <- fromJSON(args[1], simplifyVector = FALSE)

delta <- function(f, par, V) {
  J <- jacobian(f, par)
  sqrt(pmax(diag(J %*% V %*% t(J)), 0))
}

depvar <- function(case) sub("^([a-z]+) .*", "\\1", sub("^[a-z]+ ", "", case$stata))

# Stata's names of one level's (var, cov) rows from R's sd vector and correlation matrix
vc_rows <- function(level, cols, sd, corr, structure) {
  stata <- ifelse(cols == "(Intercept)", "_cons", cols)
  ord <- order(stata == "_cons")  # slopes first, _cons last
  out <- c()
  lab <- function(v) if (level == "_all") "R.c" else sprintf("%s[%s]", v, level)
  for (i in ord) out[sprintf("var(%s):_cons", lab(stata[i]))] <- sd[i]^2
  if (structure %in% c("slope_un", "slope_exch")) {
    i <- ord[1]; j <- ord[2]
    out[sprintf("cov(%s,%s):_cons", lab(stata[i]), lab(stata[j]))] <- corr[i, j] * sd[i] * sd[j]
  }
  out
}

level_of <- function(grp, case) {
  if (grp == "c") "_all" else if (grp == "g" && case$structure == "nest3") "a>g" else grp
}

fixed_names <- function(case, nms) {
  dep <- depvar(case)
  ifelse(nms == "(Intercept)", paste0(dep, ":_cons"), paste0(dep, ":", nms))
}

# per-observation columns of a group-level matrix (rows named by group code)
re_columns <- function(mat, key) {
  cols <- colnames(mat)
  ord <- order(cols == "(Intercept)")
  lapply(ord, function(j) unname(mat[as.character(key), j]))
}

fit_tmb <- function(case, d) {
  fam <- if (case$r_family == "nbinom2") nbinom2 else eval(parse(text = case$r_family))
  map <- if (nzchar(case$r_map)) list(theta = factor(eval(parse(text = case$r_map)))) else list()
  m <- glmmTMB(as.formula(case$r_formula), data = d, family = fam, map = map,
               control = glmmTMBControl(optCtrl = list(iter.max = 1e4, eval.max = 1e4, rel.tol = 1e-14)))
  obj <- m$obj
  best <- obj$env$last.par.best
  fixed_idx <- if (is.null(obj$env$random)) seq_along(best) else seq_along(best)[-obj$env$random]
  par <- best[fixed_idx]
  nb <- length(fixef(m)$cond)
  grps <- names(m$modelInfo$reTrms$cond$cnms)
  cnms <- m$modelInfo$reTrms$cond$cnms
  stata_vec <- function(p) {
    full <- best; full[fixed_idx] <- p
    rep <- obj$report(full)
    out <- setNames(p[seq_len(nb)], fixed_names(case, names(fixef(m)$cond)))
    if (case$r_family == "nbinom2") out["lnalpha:_cons"] <- -p[names(p) == "betad"]
    for (k in seq_along(grps)) {
      sd <- rep$sd[[k]]
      corr <- if (length(sd) > 1) rep$corr[[k]] else matrix(1)
      out <- c(out, vc_rows(level_of(grps[k], case), cnms[[k]], sd, corr, case$structure))
    }
    out
  }
  est <- stata_vec(par)
  V <- m$sdr$cov.fixed
  se <- tryCatch(delta(stata_vec, par, V), error = function(e) rep(NA, length(est)))
  re <- ranef(m)$cond
  modes <- list()
  for (grp in c("c", "a", "g")) if (!is.null(re[[grp]])) modes <- c(modes, re_columns(as.matrix(re[[grp]]), d[[grp]]))
  # a false convergence leaves logLik NA: the Laplace objective where nlminb stopped
  ll <- as.numeric(logLik(m))
  if (!is.finite(ll)) ll <- -m$fit$objective
  list(loglik = ll, est = as.list(est), se = as.list(setNames(se, names(est))), modes = modes,
       converged = m$fit$convergence == 0, pdHess = m$sdr$pdHess)
}

# log f(y_i | u) for one scalar random intercept: rows x length(u) matrix
cond_loglik <- function(case, d, eta0, cuts = NULL) {
  fam <- case$family
  ll <- function(eta, rows) {
    if (fam %in% c("logit", "probit", "cloglog", "binlogit", "binprobit", "bincloglog")) {
      link <- sub("^bin", "", fam)
      p <- switch(link, logit = plogis(eta), probit = pnorm(eta), cloglog = -expm1(-exp(eta)))
      if (startsWith(fam, "bin")) dbinom(d$s[rows], d$n[rows], p, log = TRUE) else dbinom(d$y[rows], 1, p, log = TRUE)
    } else if (fam %in% c("poisexp", "poisoff")) {
      dpois(d$cnt[rows], exp(eta), log = TRUE)
    } else {
      F <- if (fam == "ologit") plogis else pnorm
      cc <- c(-Inf, cuts, Inf)
      log(F(cc[d$k[rows] + 1] - eta) - F(cc[d$k[rows]] - eta))
    }
  }
  function(u, rows) matrix(ll(outer(eta0[rows], u, "+"), rows), nrow = length(rows))
}

posterior_means <- function(ll_obs, g, sd, mode) {
  groups <- sort(unique(g))
  mean <- sdv <- modev <- setNames(numeric(length(groups)), groups)
  for (k in seq_along(groups)) {
    rows <- which(g == groups[k])
    h <- function(u) colSums(ll_obs(u, rows)) + dnorm(u, 0, sd, log = TRUE)
    m0 <- mode[as.character(groups[k])]
    modev[k] <- optimize(h, m0 + c(-1, 1) * sd, maximum = TRUE, tol = 1e-12)$maximum
    grid <- modev[k] + seq(-12, 12, length.out = 4001) * sd  # the prior sd bounds the posterior's
    lh <- h(grid)
    w <- exp(lh - max(lh))
    mean[k] <- sum(w * grid) / sum(w)
    sdv[k] <- sqrt(sum(w * (grid - mean[k])^2) / sum(w))
  }
  at <- as.character(g)
  list(mean = unname(mean[at]), sd = unname(sdv[at]), mode = unname(modev[at]))
}

# Stata's mcaghermite for one scalar random intercept, written out: per group the mode of
# h(u) = sum log f(y|u) + log phi(u; 0, sd) (optimize, then Newton on numDeriv's
# derivatives), the curvature c = -h''(mode) (numDeriv), nodes mode + sqrt(2 / c) x_k of
# the Q-point Gauss-Hermite rule (Golub-Welsch), ln L = sum_g ln sum_k w_k e^{x_k^2}
# e^{h(u_k)} sqrt(2 / c).  (lme4's nAGQ = Q differs from this rule by up to 1e-5 at Q = 4.)
gh_rule <- function(Q) {
  i <- seq_len(Q - 1); J <- matrix(0, Q, Q)
  J[cbind(i, i + 1)] <- J[cbind(i + 1, i)] <- sqrt(i / 2)
  e <- eigen(J, symmetric = TRUE)
  list(x = e$values, w = sqrt(pi) * e$vectors[1, ]^2)
}

mcagh_loglik <- function(ll_obs, g, sd, Q) {
  r <- gh_rule(Q); tot <- 0
  for (k in sort(unique(g))) {
    rows <- which(g == k)
    h <- function(u) colSums(ll_obs(u, rows)) + dnorm(u, 0, sd, log = TRUE)
    m <- optimize(h, c(-8, 8) * sd, maximum = TRUE, tol = 1e-12)$maximum
    for (it in 1:3) m <- m - grad(h, m) / hessian(h, m)[1, 1]
    c2 <- -hessian(h, m)[1, 1]
    u <- m + sqrt(2 / c2) * r$x
    tot <- tot + log(sum(r$w * exp(r$x^2 + h(u) - h(m)))) + h(m) + 0.5 * log(2 / c2)
  }
  tot
}

fit_glmer <- function(case, d) {
  fam <- eval(parse(text = case$r_family))
  form <- as.formula(case$r_formula)
  ctrl <- glmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e5))
  m <- glmer(form, data = d, family = fam, nAGQ = case$r_agq, control = ctrl)
  dev <- glmer(form, data = d, family = fam, nAGQ = case$r_agq, control = ctrl, devFunOnly = TRUE)
  par <- c(getME(m, "theta"), fixef(m))
  nb <- length(fixef(m))
  stata_vec <- function(p) {
    out <- setNames(p[-1], fixed_names(case, names(fixef(m))))
    out["var(_cons[g]):_cons"] <- p[1]^2
    out
  }
  # lme4's logLik for nAGQ > 1 leaves out the saturated model's log likelihood (its
  # deviance there is the sum of deviance residuals): add it back
  sat <- if (startsWith(case$family, "bin")) sum(dbinom(d$s, d$n, d$s / d$n, log = TRUE))
         else if (case$family %in% c("poisexp", "poisoff")) sum(dpois(d$cnt, d$cnt, log = TRUE)) else 0
  X <- getME(m, "X")
  off <- if (length(getME(m, "offset"))) getME(m, "offset") else 0
  if (case$integration == "mcagh") {  # the rule itself, maximised from glmer's optimum
    negll <- function(p) -mcagh_loglik(cond_loglik(case, d, as.vector(X %*% p[-1]) + off), d$g, p[1], case$points)
    o <- optim(par, negll, method = "BFGS", control = list(reltol = 1e-15, maxit = 1000, ndeps = rep(1e-5, length(par))))
    par <- o$par
    loglik <- -o$value
    V <- solve(hessian(negll, par))
  } else {
    loglik <- as.numeric(logLik(m)) + sat
    V <- 2 * solve(hessian(function(p) dev(p), par))
  }
  est <- stata_vec(par)
  se <- delta(stata_vec, par, V)
  modes_g <- as.matrix(ranef(m)$g)  # lme4's modes: only a start (not exact for probit / cloglog)
  f <- cond_loglik(case, d, as.vector(X %*% par[-1]) + off)
  post <- posterior_means(f, d$g, par[[1]], setNames(modes_g[, 1], rownames(modes_g)))
  list(loglik = loglik, est = as.list(est), se = as.list(setNames(se, names(est))),
       modes = list(post$mode), means = list(post$mean), sds = list(post$sd), converged = TRUE)
}

fit_clmm <- function(case, d) {
  form <- as.formula(case$r_formula)
  ctrl <- clmm.control(maxIter = 1000, gradTol = 1e-10, innerCtrl = "noWarn", rel.tol = 1e-14, eval.max = 1e4, iter.max = 1e4)
  m <- clmm(form, data = d, link = case$r_link, nAGQ = case$r_agq, control = ctrl)
  rho <- clmm(form, data = d, link = case$r_link, nAGQ = case$r_agq, doFit = FALSE, control = ctrl)
  ssr <- length(m$ST) == 1  # one scalar term: clmm's parameter is log sd, else sd itself
  sd_of <- if (ssr) exp else identity
  objective <- if (case$r_agq > 1) function(p) ordinal:::getNAGQ.ssr(rho, p)
               else if (ssr) function(p) ordinal:::getNLA.ssr(rho, p) else function(p) ordinal:::getNLA(rho, p)
  par <- m$optRes$par
  stopifnot(abs(objective(par) + as.numeric(logLik(m))) < 1e-9)
  ncut <- length(m$alpha); nb <- length(m$beta)
  grps <- names(m$ST)
  stata_vec <- function(p) {
    out <- c(setNames(p[ncut + seq_len(nb)], paste0("k:", names(m$beta))),
             setNames(p[seq_len(ncut)], sprintf("cut%d:_cons", seq_len(ncut))))
    for (k in seq_along(grps)) out[sprintf(if (grps[k] == "c") "var(R.c):_cons" else "var(_cons[%s]):_cons",
                                           level_of(grps[k], case))] <- sd_of(p[ncut + nb + k])^2
    out
  }
  stopifnot(max(abs(sd_of(par[ncut + nb + seq_along(grps)]) - unlist(m$ST))) < 1e-10)
  H <- hessian(objective, par)
  V <- solve(H)
  est <- stata_vec(par)
  se <- delta(stata_vec, par, V)
  objective(par)
  re <- ranef(m)
  modes <- list()
  for (grp in c("c", "a", "g")) if (!is.null(re[[grp]])) modes <- c(modes, re_columns(as.matrix(re[[grp]]), d[[grp]]))
  out <- list(loglik = as.numeric(logLik(m)), est = as.list(est), se = as.list(setNames(se, names(est))), modes = modes, converged = TRUE)
  if (ssr) {
    X <- model.matrix(~ x + z, d)[, -1, drop = FALSE]
    f <- cond_loglik(case, d, as.vector(X %*% m$beta), m$alpha)
    mg <- as.matrix(re$g)
    post <- posterior_means(f, d$g, sd_of(par[ncut + nb + 1]), setNames(mg[, 1], rownames(mg)))
    out$means <- list(post$mean); out$sds <- list(post$sd)
  }
  out
}

one <- function(case) {
  d <- read.csv(case$csv)
  r <- switch(case$engine, glmmTMB = fit_tmb(case, d), glmer = fit_glmer(case, d), clmm = fit_clmm(case, d))
  c(list(name = case$name, checksum = case$checksum), r)
}

results <- lapply(manifest, function(case) {
  cat(case$name, "\n", file = stderr())
  tryCatch(one(case), error = function(e) list(name = case$name, error = conditionMessage(e)))
})
meta <- list(R = R.version.string, lme4 = as.character(packageVersion("lme4")),
             glmmTMB = as.character(packageVersion("glmmTMB")), ordinal = as.character(packageVersion("ordinal")),
             TMB = as.character(packageVersion("TMB")))
writeLines(toJSON(list(meta = meta, cases = results), auto_unbox = TRUE, digits = I(12), na = "null"), args[2])
