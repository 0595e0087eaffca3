# Reference values for mlm's svy: prefix (tests/test_survey.py), computed with R's survey
# package (Lumley).  Run: Rscript survey_reference.R  (writes values.csv next to this file;
# hsb rows only when /work/shared/data/hsb.csv exists).
# Columns: case, name, estimate, se, df (design df).  Stata's names: coefficients as in e(b).
suppressMessages(library(survey))
here <- "."
args <- commandArgs(trailingOnly = FALSE)
file_arg <- sub("--file=", "", args[grep("--file=", args)])
if (length(file_arg)) here <- dirname(file_arg)
dat <- read.csv(file.path(here, "design.csv"))
dat$o <- factor(1 + (dat$y > 2.5) + (dat$y > 4))  # ologit's outcome, as the test generates it
out <- list()
add <- function(case, est, V, df) {
  se <- sqrt(diag(as.matrix(V)))
  out[[length(out) + 1]] <<- data.frame(case = case, name = names(est), estimate = unname(est),
                                        se = unname(se), df = df)
}
fixnames <- function(v) {
  n <- names(v)
  n[n == "(Intercept)"] <- "_cons"
  n <- sub("^factor\\(g\\)1$", "1.g", n)
  n <- sub("^factor\\(minority\\)1$", "1.minority", n)
  names(v) <- n
  v
}
glm_case <- function(case, formula, design, family) {
  fit <- svyglm(formula, design = design, family = family, control = glm.control(epsilon = 1e-14, maxit = 100))
  add(case, fixnames(coef(fit)), vcov(fit), degf(design))
}

# strata 1-5 (each with two or more PSUs), pweights
d <- svydesign(id = ~psu, strata = ~stratum, weights = ~w, nest = TRUE, data = subset(dat, stratum < 6))
m <- svymean(~y + x, d); add("mean", coef(m), vcov(m), degf(d))
t <- svytotal(~y, d); add("total", coef(t), vcov(t), degf(d))
# design effects against sampling with replacement (estat effects without an fpc): the deff
# in the estimate column
for (kind in c("mean", "total")) {
  est <- if (kind == "mean") svymean(~y + x, d, deff = "replace") else svytotal(~y + x, d, deff = "replace")
  out[[length(out) + 1]] <- data.frame(case = paste0("deff_", kind), name = c("y", "x"),
                                       estimate = unname(deff(est)), se = 0, df = degf(d))
}
pr <- svymean(~o, d); est <- coef(pr); names(est) <- sub("^o", "o:", names(est)); add("proportion", est, vcov(pr), degf(d))
r <- svyratio(~y, ~x, d); est <- c("_ratio_1" = unname(coef(r))); add("ratio", est, vcov(r), degf(d))
glm_case("regress", y ~ x + factor(g), d, gaussian())
glm_case("logit", b ~ x + factor(g), d, quasibinomial())
# probit: svyglm's bread is the expected information (IRLS); Stata's ml uses the observed
# Hessian, which differs for a non-canonical link, so V is built here from the observed Hessian
# and the design's svyrecvar (the same linearization svyglm calls)
pfit <- svyglm(b ~ x, design = d, family = quasibinomial(link = "probit"),
               control = glm.control(epsilon = 1e-14, maxit = 100))
X <- model.matrix(pfit); eta <- drop(X %*% coef(pfit)); q <- 2 * pfit$y - 1
lam <- q * dnorm(q * eta) / pnorm(q * eta); wt <- weights(d)
H <- -crossprod(X, X * (wt * lam * (lam + eta)))
infl <- (X * (wt * lam)) %*% solve(-H)
Vp <- svyrecvar(infl, d$cluster, d$strata, d$fpc, postStrata = d$postStrata)
add("probit", fixnames(coef(pfit)), Vp, degf(d))
glm_case("poisson", c ~ x + factor(g), d, quasipoisson())
# cloglog: like probit, V from the observed Hessian of the pseudo-likelihood through svyrecvar
cfit <- svyglm(b ~ x + factor(g), design = d, family = quasibinomial(link = "cloglog"),
               control = glm.control(epsilon = 1e-14, maxit = 100))
X <- model.matrix(cfit); m <- exp(drop(X %*% coef(cfit))); q <- exp(-m); yb <- cfit$y
gr <- ifelse(yb == 1, m * q / (1 - q), -m)
hh <- ifelse(yb == 1, m * q / (1 - q) - m^2 * q / (1 - q)^2, -m)
H <- crossprod(X, X * (wt * hh))
Vc <- svyrecvar((X * (wt * gr)) %*% solve(-H), d$cluster, d$strata, d$fpc, postStrata = d$postStrata)
add("cloglog", fixnames(coef(cfit)), Vc, degf(d))
# nbreg (mean dispersion): the weighted NB2 pseudo-likelihood maximized here, its analytic scores
# (x (y - mu)/(1 + a mu); lnalpha: -theta (digamma(y + theta) - digamma(theta) + log(theta/(theta + mu))
# + (mu - y)/(theta + mu)), theta = 1/a) and optimHess's Hessian through svyrecvar
Xn <- model.matrix(~x + factor(g), d$variables); yn <- d$variables$c
nb_scores <- function(par) {
  mu <- exp(drop(Xn %*% par[1:3])); th <- exp(-par[4])
  cbind(Xn * ((yn - mu) / (1 + mu / th)),
        -th * (digamma(yn + th) - digamma(th) + log(th / (th + mu)) + (mu - yn) / (th + mu)))
}
nb_ll <- function(par) {
  mu <- exp(drop(Xn %*% par[1:3])); th <- exp(-par[4])
  sum(wt * (lgamma(yn + th) - lgamma(th) - lgamma(yn + 1) + th * log(th / (th + mu)) + yn * log(mu / (th + mu))))
}
nb_gr <- function(par) colSums(wt * nb_scores(par))
start <- c(coef(svyglm(c ~ x + factor(g), d, family = quasipoisson())), 0)
nbfit <- optim(start, function(p) -nb_ll(p), function(p) -nb_gr(p), method = "BFGS",
               control = list(reltol = 1e-15, maxit = 1000))
for (it in 1:20) {  # Newton steps to the root of the gradient
  Hn <- optimHess(nbfit$par, nb_ll, nb_gr)
  nbfit$par <- nbfit$par - solve(Hn, nb_gr(nbfit$par))
}
Hn <- optimHess(nbfit$par, nb_ll, nb_gr)
Vn <- svyrecvar((wt * nb_scores(nbfit$par)) %*% solve(-Hn), d$cluster, d$strata, d$fpc, postStrata = d$postStrata)
add("nbreg", setNames(nbfit$par, c("_cons", "x", "1.g", "lnalpha:_cons")), Vn, degf(d))
# mlogit: the weighted multinomial logit pseudo-likelihood (base outcome 2, the most frequent),
# maximized by Newton steps with its analytic gradient and Hessian; V through svyrecvar
Xm <- model.matrix(~x + factor(g), d$variables); om <- as.integer(as.character(d$variables$o))
Ym <- cbind(om == 1, om == 3) * 1
ml_parts <- function(beta) {
  B <- matrix(beta, ncol = 2); E <- exp(Xm %*% B); P <- E / (1 + rowSums(E))
  S <- cbind(Xm * (Ym[, 1] - P[, 1]), Xm * (Ym[, 2] - P[, 2]))
  H <- matrix(0, 6, 6)
  for (j in 1:2) for (l in 1:2) {
    dd <- wt * P[, j] * ((j == l) - P[, l])
    H[(3 * j - 2):(3 * j), (3 * l - 2):(3 * l)] <- -crossprod(Xm, Xm * dd)
  }
  list(S = S, H = H)
}
bm <- rep(0, 6)
for (it in 1:50) { pr <- ml_parts(bm); bm <- bm - solve(pr$H, colSums(wt * pr$S)) }
pr <- ml_parts(bm)
Vm <- svyrecvar((wt * pr$S) %*% solve(-pr$H), d$cluster, d$strata, d$fpc, postStrata = d$postStrata)
add("mlogit", setNames(bm, c("1:_cons", "1:x", "1:1.g", "3:_cons", "3:x", "3:1.g")), Vm, degf(d))
# oprobit: svyolr with the probit link (its V from the numerical Hessian of the pseudo-likelihood)
pfit <- svyolr(o ~ x + g, design = d, method = "probit")
pest <- c(setNames(coef(pfit)[c("x", "g")], c("o:x", "o:g")), setNames(pfit$zeta, c("cut1:_cons", "cut2:_cons")))
add("oprobit", pest, vcov(pfit)[c("x", "g", "1|2", "2|3"), c("x", "g", "1|2", "2|3")], degf(d))
# ologit: svyolr's zeta are Stata's /cut# (P(y <= k) = F(cut_k - xb)); e(b) names cut#:_cons
ofit <- svyolr(o ~ x + g, design = d)
oest <- c(setNames(coef(ofit)[c("x", "g")], c("o:x", "o:g")), setNames(ofit$zeta, c("cut1:_cons", "cut2:_cons")))
add("ologit", oest, vcov(ofit)[c("x", "g", "1|2", "2|3"), c("x", "g", "1|2", "2|3")], degf(d))
# over(g): each group a domain (svyby); e(b) names y:0, y:1
ob <- svyby(~y, ~g, d, svymean, covmat = TRUE)
est <- setNames(coef(ob), c("y:0", "y:1")); add("over_mean", est, vcov(ob), degf(d))
ds <- subset(d, g == 1)
m <- svymean(~y, ds); add("subpop_mean", coef(m), vcov(m), degf(d))
# design effects against SRS within the subpopulation (Stata's srssubpop: estat effects, srssubpop)
m <- svymean(~y + x, ds, deff = "replace")
out[[length(out) + 1]] <- data.frame(case = "srssub_deff_mean", name = c("y", "x"), estimate = unname(deff(m)),
                                     se = 0, df = degf(d))
glm_case("subpop_regress", y ~ x, ds, gaussian())
# fpc: the stratum's population of PSUs
df <- svydesign(id = ~psu, strata = ~stratum, weights = ~w, fpc = ~fpc, nest = TRUE,
                data = subset(dat, stratum < 6))
m <- svymean(~y, df); add("fpc_mean", coef(m), vcov(m), degf(df))
glm_case("fpc_regress", y ~ x, df, gaussian())

# all six strata: stratum 6 has one PSU (Stata's singleunit(): certainty, scaled = R's "average",
# centered = R's "adjust" for estimators whose scores sum to zero)
dl <- svydesign(id = ~psu, strata = ~stratum, weights = ~w, nest = TRUE, data = dat)
for (rule in c("certainty", "average", "adjust")) {
  options(survey.lonely.psu = rule)
  stata <- c(certainty = "certainty", average = "scaled", adjust = "centered")[[rule]]
  m <- svymean(~y, dl); add(paste0("lonely_", stata, "_mean"), coef(m), vcov(m), degf(dl))
  glm_case(paste0("lonely_", stata, "_regress"), y ~ x, dl, gaussian())
}
options(survey.lonely.psu = "fail")

hsb_csv <- "/work/shared/data/hsb.csv"
if (file.exists(hsb_csv)) {
  hsb <- read.csv(hsb_csv)
  dh <- svydesign(id = ~school, data = hsb)
  m <- svymean(~mathach + ses, dh); add("hsb_mean", coef(m), vcov(m), degf(dh))
  glm_case("hsb_regress", mathach ~ ses + factor(minority), dh, gaussian())
  glm_case("hsb_subpop_logit", minority ~ ses, subset(dh, female == 1), quasibinomial())
}
res <- do.call(rbind, out)
write.csv(res, file.path(here, "values.csv"), row.names = FALSE)
