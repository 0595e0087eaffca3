# Reference values for mlm's single-level GLM commands (tests/test_glm_commands_reference.py).
#
# Run from the repository root:  Rscript tests/reference_values/glm_reference.R
# writes tests/reference_values/glm_reference.json.  R is never a test dependency: the JSON
# is committed.
#
# Data: samples/data/hsb.dta (High School and Beyond, 7,185 students in 160 schools) with
# variables derived as the test derives them in mlm:
#   hi   = mathach > 13                      ord4 = 1 + (mathach > 7) + (mathach > 13) + (mathach > 18)
#   cnt  = floor(max(mathach, 0) / 3)        cnt2 = floor(max(mathach, 0)^2 / 25)
#   fw   = 1 + mod(school, 3)                expo = exp(meanses)
# Covariates of every model: ses i.sector minority female.
#
# Models (Stata command -> R):
#   logit/probit/cloglog          glm(binomial(link)); probit/cloglog V from the observed information
#   logit [fw=fw]                 glm(weights = fw)
#   logit, vce(robust)            glm; V = B (n/(n-1) sum s_i s_i') B, B = vcov, s_i = (y - p) x_i
#   logit, vce(cluster school)    the same with cluster score sums and G/(G-1)
#   logit [pw=fw]                 glm(weights = fw) point estimates; sandwich with weighted scores
#   poisson, exposure(expo)       glm(poisson, offset = log(expo))
#   poisson, vce(robust)          sandwich as for logit
#   nbreg                         MASS::glm.nb (NB2), then Newton-polished on the joint likelihood
#                                 in (b, ln alpha); V = inverse of the observed information, its
#                                 Hessian by numDeriv (Richardson); cross-check: glmmTMB nbinom2
#   nbreg, dispersion(constant)   glmmTMB nbinom1 (var = mu (1 + delta)), Newton-polished the same way
#   ologit/oprobit                ordinal::clm (cutpoints theta_j: logit P(y <= j) = theta_j - x b,
#                                 Stata's /cut), gradTol 1e-10, analytic Hessian
# ll_0: the same model with the constant only (cutpoints only; nbreg: constant and ln alpha).
suppressMessages({
  library(haven); library(MASS); library(ordinal); library(jsonlite); library(numDeriv); library(glmmTMB)
})

raw <- read_dta("samples/data/hsb.dta")
d <- data.frame(school = as.numeric(raw$school), minority = as.numeric(raw$minority),
                female = as.numeric(raw$female), ses = as.numeric(raw$ses),
                mathach = as.numeric(raw$mathach), sector = as.numeric(raw$sector),
                meanses = as.numeric(raw$meanses))
d$hi <- as.numeric(d$mathach > 13)
d$ord4 <- 1 + (d$mathach > 7) + (d$mathach > 13) + (d$mathach > 18)
d$cnt <- floor(pmax(d$mathach, 0) / 3)
d$cnt2 <- floor(pmax(d$mathach, 0)^2 / 25)
d$fw <- 1 + d$school %% 3
d$expo <- exp(d$meanses)
d$sec1 <- as.numeric(d$sector == 1)
n <- nrow(d)
X <- cbind(ses = d$ses, "1.sector" = d$sec1, minority = d$minority, female = d$female, "_cons" = 1)
rhs <- ~ ses + sec1 + minority + female

out <- list()
put <- function(key, command, b, V, ll, ll_0, extra = list()) {
  out[[key]] <<- c(list(command = command, names = names(b), b = unname(b), se = unname(sqrt(diag(V))),
                        V = unname(V), ll = ll, ll_0 = ll_0), extra)
}
fix_names <- function(v) {
  nm <- names(v); nm[nm == "(Intercept)"] <- "_cons"; nm[nm == "sec1"] <- "1.sector"; names(v) <- nm; v
}
glm_fit <- function(y, family, weights = NULL, offset = NULL) {
  dd <- d; dd$y <- y; dd$w <- if (is.null(weights)) 1 else weights
  dd$off <- if (is.null(offset)) 0 else offset
  f <- glm(y ~ ses + sec1 + minority + female, family = family, data = dd, weights = w, offset = off,
           control = glm.control(epsilon = 1e-14, maxit = 100))
  f0 <- glm(y ~ 1, family = family, data = dd, weights = w, offset = off,
            control = glm.control(epsilon = 1e-14, maxit = 100))
  list(fit = f, b = fix_names(coef(f)), ll = as.numeric(logLik(f)), ll_0 = as.numeric(logLik(f0)))
}
reorder <- function(b) b[c("ses", "1.sector", "minority", "female", "_cons")]
sandwich_V <- function(bread, S, cluster = NULL) {
  if (is.null(cluster)) cluster <- seq_len(nrow(S))
  Sc <- rowsum(S, cluster)
  G <- nrow(Sc)
  bread %*% (G / (G - 1) * crossprod(Sc)) %*% bread
}
ordered_b <- function(f) { b <- reorder(f$b); list(b = b, V = vcov(f$fit)[c(2, 3, 4, 5, 1), c(2, 3, 4, 5, 1)]) }

# ---- binary models (glm's vcov is the expected information; Stata's the observed one, which
# differs for the non-canonical probit and cloglog links: their V is the inverse of the
# numDeriv Hessian of the log likelihood)
binary_ll <- function(b, link) {
  p <- binomial(link)$linkinv(drop(X %*% b))
  sum(d$hi * log(p) + (1 - d$hi) * log1p(-p))
}
for (link in c("logit", "probit", "cloglog")) {
  f <- glm_fit(d$hi, binomial(link))
  o <- ordered_b(f)
  V <- if (link == "logit") o$V else solve(-hessian(binary_ll, o$b, link = link))
  put(link, paste(link, "hi ses i.sector minority female"), o$b, V, f$ll, f$ll_0)
}
f <- glm_fit(d$hi, binomial("logit"), weights = d$fw)
o <- ordered_b(f)
put("logit_fw", "logit hi ses i.sector minority female [fw=fw]", o$b, o$V, f$ll, f$ll_0)

f <- glm_fit(d$hi, binomial("logit"))
o <- ordered_b(f)
p <- fitted(f$fit)
S <- X * (d$hi - p)
put("logit_robust", "logit hi ses i.sector minority female, vce(robust)", o$b, sandwich_V(o$V, S), f$ll, f$ll_0)
put("logit_cluster", "logit hi ses i.sector minority female, vce(cluster school)", o$b,
    sandwich_V(o$V, S, d$school), f$ll, f$ll_0, list(n_clust = length(unique(d$school))))

f <- glm_fit(d$hi, binomial("logit"), weights = d$fw)
o <- ordered_b(f)
p <- fitted(f$fit)
put("logit_pw", "logit hi ses i.sector minority female [pw=fw]", o$b, sandwich_V(o$V, X * (d$fw * (d$hi - p))),
    f$ll, f$ll_0)

# ---- counts
f <- glm_fit(d$cnt, poisson(), offset = log(d$expo))
o <- ordered_b(f)
put("poisson_exposure", "poisson cnt ses i.sector minority female, exposure(expo)", o$b, o$V, f$ll, f$ll_0)
f <- glm_fit(d$cnt, poisson())
o <- ordered_b(f)
put("poisson_robust", "poisson cnt ses i.sector minority female, vce(robust)", o$b,
    sandwich_V(o$V, X * (d$cnt - fitted(f$fit))), f$ll, f$ll_0)
pois2 <- glm_fit(d$cnt2, poisson())

y <- d$cnt2
nb_ll <- function(th, Xm, disp) {
  k <- ncol(Xm); mu <- exp(drop(Xm %*% th[seq_len(k)])); a <- exp(th[k + 1])
  if (disp == "mean") {
    m <- 1 / a
    sum(lgamma(y + m) - lgamma(m) - lgamma(y + 1) - m * log1p(a * mu) + y * (log(a * mu) - log1p(a * mu)))
  } else {
    m <- mu / a
    sum(lgamma(y + m) - lgamma(m) - lgamma(y + 1) - m * log1p(a) + y * (log(a) - log1p(a)))
  }
}
polish <- function(th, Xm, disp) {
  for (i in 1:6) {
    g <- grad(nb_ll, th, Xm = Xm, disp = disp)
    H <- hessian(nb_ll, th, Xm = Xm, disp = disp)
    th <- th - solve(H, g)
  }
  H <- hessian(nb_ll, th, Xm = Xm, disp = disp)
  list(th = th, V = solve(-H), ll = nb_ll(th, Xm, disp), grad = max(abs(grad(nb_ll, th, Xm = Xm, disp = disp))))
}
X1 <- X[, "_cons", drop = FALSE]
for (disp in c("mean", "constant")) {
  dd <- d
  if (disp == "mean") {
    g <- glm.nb(cnt2 ~ ses + sec1 + minority + female, data = dd, control = glm.control(epsilon = 1e-14, maxit = 200))
    th0 <- c(reorder(fix_names(coef(g))), -log(g$theta))
    tmb <- glmmTMB(cnt2 ~ ses + sec1 + minority + female, family = nbinom2, data = dd)
  } else {
    tmb <- glmmTMB(cnt2 ~ ses + sec1 + minority + female, family = nbinom1, data = dd)
    th0 <- c(reorder(fix_names(fixef(tmb)$cond)), log(sigma(tmb)))
  }
  full <- polish(th0, X, disp)
  null <- polish(c(log(mean(y)), full$th[6]), X1, disp)
  anc <- if (disp == "mean") "lnalpha:_cons" else "lndelta:_cons"
  b <- full$th; names(b) <- c(colnames(X), anc)
  key <- if (disp == "mean") "nbreg" else "nbreg_constant"
  cmd <- paste0("nbreg cnt2 ses i.sector minority female", if (disp == "mean") "" else ", dispersion(constant)")
  put(key, cmd, b, full$V, full$ll, null$ll,
      list(ll_poisson = pois2$ll, grad = full$grad, ll_glmmTMB = as.numeric(logLik(tmb))))
}

# ---- ordinal
for (link in c("logit", "probit")) {
  dd <- d; dd$ord4 <- factor(dd$ord4)
  f <- clm(ord4 ~ ses + sec1 + minority + female, data = dd, link = link,
           control = clm.control(gradTol = 1e-10, relTol = 1e-14, maxIter = 500))
  f0 <- clm(ord4 ~ 1, data = dd, link = link, control = clm.control(gradTol = 1e-10, relTol = 1e-14))
  cf <- coef(f)
  k <- length(f$alpha)
  idx <- c((k + 1):length(cf), 1:k)
  b <- cf[idx]
  names(b) <- c("ses", "1.sector", "minority", "female", paste0("cut", 1:k, ":_cons"))
  put(paste0("o", link), paste0("o", link, " ord4 ses i.sector minority female"), b, vcov(f)[idx, idx],
      as.numeric(logLik(f)), as.numeric(logLik(f0)))
}

writeLines(toJSON(list(source = "tests/reference_values/glm_reference.R", data = "samples/data/hsb.dta",
                       models = out), digits = NA, auto_unbox = TRUE, pretty = TRUE),
           "tests/reference_values/glm_reference.json")
cat("wrote tests/reference_values/glm_reference.json\n")
