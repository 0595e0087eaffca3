# Reference values for svy's replication methods (tests/test_survey_replicate.py): R's survey
# package (Lumley) on design.csv without stratum 6 (its single PSU), with replicate weights
# made here from the PSUs (deterministic) and written to replicate_design.csv.
# Run: Rscript replicate_reference.R  (writes replicate_design.csv and replicate_values.csv).
# Columns of the values: case, name, estimate, se.  R's degf differs from Stata's design df
# (replicates - strata), so df is not compared.
suppressMessages(library(survey))
here <- "."
args <- commandArgs(trailingOnly = FALSE)
file_arg <- sub("--file=", "", args[grep("--file=", args)])
if (length(file_arg)) here <- dirname(file_arg)
dat <- read.csv(file.path(here, "design.csv"))
dat <- dat[dat$stratum != 6, ]
rownames(dat) <- NULL
ctl <- glm.control(epsilon = 1e-14, maxit = 100)

# BRR-type half samples and Fay factors: row r of an 8 x 8 Sylvester Hadamard matrix, column
# (psu mod 8) + 1, gives a PSU factor 1 +- (1 - rho)
H2 <- matrix(c(1, 1, 1, -1), 2)
H8 <- H2 %x% H2 %x% H2
col <- (dat$psu %% 8) + 1
sgn <- c(1, 1, -1, 1, -1, -1, 1, -1)[col]  # so that no replicate doubles every weight
for (r in 1:8) {
  dat[[paste0("brr", r)]] <- dat$w * (1 + sgn * H8[r, col])
  dat[[paste0("fay", r)]] <- dat$w * (1 + 0.5 * sgn * H8[r, col])
}
# successive-difference style replicates: factors 1 + 2^(-3/2) (a_r - b_r), a, b = +-1 by PSU
for (r in 1:4) {
  a <- H8[r + 1, col]
  bb <- H8[r + 4, ((dat$psu + 3) %% 8) + 1]
  dat[[paste0("sdr", r)]] <- dat$w * (1 + 2^(-1.5) * (a - bb))
}
# the stratified delete-one-PSU jackknife (JKn) of the design, and the unstratified one (JK1)
des <- svydesign(id = ~psu, strata = ~stratum, weights = ~w, data = dat, nest = TRUE)
jkn <- as.svrepdesign(des, type = "JKn", compress = FALSE)
jkw <- weights(jkn, type = "analysis")
for (r in seq_len(ncol(jkw))) dat[[paste0("jk", r)]] <- jkw[, r]
jk_strata <- sapply(seq_len(ncol(jkw)), function(r) unique(dat$stratum[jkw[, r] == 0]))
des1 <- svydesign(id = ~psu, weights = ~w, data = dat)
jk1 <- as.svrepdesign(des1, type = "JK1", compress = FALSE)
jw1 <- weights(jk1, type = "analysis")
for (r in seq_len(ncol(jw1))) dat[[paste0("jko", r)]] <- jw1[, r]
write.csv(dat, file.path(here, "replicate_design.csv"), row.names = FALSE)
writeLines(paste(jk_strata, collapse = " "), file.path(here, "replicate_jk_strata.txt"))
dat$cnt <- dat$c  # columns named c and g upset svyglm's replicate fits (with(data, eval(g)))
dat$grp <- dat$g
dat$c <- NULL
dat$g <- NULL
des <- svydesign(id = ~psu, strata = ~stratum, weights = ~w, data = dat, nest = TRUE)

out <- list()
add <- function(case, est, V) {
  se <- sqrt(diag(as.matrix(V)))
  n <- names(est)
  n[n == "(Intercept)"] <- "_cons"
  out[[length(out) + 1]] <<- data.frame(case = case, name = n, estimate = unname(est), se = unname(se))
}
rep_design <- function(prefix, type, mse, ...) {
  svrepdesign(data = dat, repweights = paste0("^", prefix, "[0-9]+$"), weights = ~w, type = type,
              combined.weights = TRUE, mse = mse, ...)
}
cases <- function(tag, d, models = TRUE) {
  m <- svymean(~y + x, d)
  add(paste0(tag, "_mean"), coef(m), vcov(m))
  t <- svytotal(~y, d)
  add(paste0(tag, "_total"), coef(t), vcov(t))
  r <- svyratio(~y, ~x, d)
  add(paste0(tag, "_ratio"), c(`_ratio_1` = unname(coef(r))), vcov(r))
  if (models) {
    f <- svyglm(y ~ x, design = d, control = ctl)
    add(paste0(tag, "_regress"), coef(f), vcov(f))
    f <- svyglm(b ~ x, design = d, family = quasibinomial(), control = ctl)
    add(paste0(tag, "_logit"), coef(f), vcov(f))
    f <- svyglm(b ~ x, design = d, family = quasibinomial(link = "probit"), control = ctl)
    add(paste0(tag, "_probit"), coef(f), vcov(f))
    f <- svyglm(cnt ~ x, design = d, family = quasipoisson(), control = ctl)
    add(paste0(tag, "_poisson"), coef(f), vcov(f))
  }
}
cases("brr", rep_design("brr", "BRR", FALSE))
cases("brr_mse", rep_design("brr", "BRR", TRUE), models = FALSE)
cases("fay", rep_design("fay", "Fay", FALSE, rho = 0.5))
cases("sdr", rep_design("sdr", "successive-difference", FALSE))
cases("sdr_mse", rep_design("sdr", "successive-difference", TRUE), models = FALSE)
cases("jk1", rep_design("jko", "JK1", FALSE))
cases("jkn_mse", as.svrepdesign(des, type = "JKn", mse = TRUE))

# Stata's jackknife without mse centres each stratum's replicates at their own mean; R's JKn
# centres at the mean of all replicates, so V is built here from R's replicate estimates
jk_var <- function(th, reps) {
  reps <- as.matrix(reps)
  V <- matrix(0, length(th), length(th))
  for (h in unique(jk_strata)) {
    Rh <- reps[jk_strata == h, , drop = FALSE]
    nh <- nrow(Rh)
    D <- sweep(Rh, 2, colMeans(Rh))
    V <- V + (nh - 1) / nh * crossprod(D)
  }
  V
}
jkn <- as.svrepdesign(des, type = "JKn", mse = FALSE)
m <- svymean(~y + x, jkn, return.replicates = TRUE)
add("jkn_mean", coef(m), jk_var(coef(m), m$replicates))
f <- svyglm(y ~ x, design = jkn, return.replicates = TRUE, control = ctl)
add("jkn_regress", coef(f), jk_var(coef(f), f$replicates))

# the design's jackknife with an fpc (population PSUs per stratum): rscales (1 - f_h)(n_h - 1)/n_h
desf <- svydesign(id = ~psu, strata = ~stratum, weights = ~w, fpc = ~fpc, data = dat, nest = TRUE)
m <- svymean(~y + x, as.svrepdesign(desf, type = "JKn", mse = TRUE))
add("jkn_fpc_mse_mean", coef(m), vcov(m))

# subpopulation g == 1: R keeps every replicate, Stata skips those that leave the
# subpopulation's weights as they are (the same estimate, no part in V with mse)
sub <- subset(as.svrepdesign(des, type = "JKn", mse = TRUE), grp == 1)
m <- svymean(~y, sub)
add("jkn_mse_subpop_mean", coef(m), vcov(m))
sub <- subset(rep_design("brr", "BRR", FALSE), grp == 1)
m <- svymean(~y, sub)
add("brr_subpop_mean", coef(m), vcov(m))

# svy: glm (linearized, canonical links: R's expected-information bread is the observed
# Hessian there) and its BRR replicates
glm_cases <- function(tag, d) {
  f <- svyglm(b ~ x, design = d, family = quasibinomial(), control = ctl)
  add(paste0(tag, "_binomial"), coef(f), vcov(f))
  f <- svyglm(cnt ~ x, design = d, family = quasipoisson(), control = ctl)
  add(paste0(tag, "_poisson"), coef(f), vcov(f))
  f <- svyglm(y ~ x, design = d, family = gaussian(), control = ctl)
  add(paste0(tag, "_gaussian"), coef(f), vcov(f))
}
glm_cases("glm", des)
glm_cases("glm_brr", rep_design("brr", "BRR", FALSE))

# svy: tobit y x, ll(1) and svy: intreg lo hi x (linearized): svysurvreg's gaussian fits,
# Log(scale) = lnsigma (the tests turn it into tobit's sigma)
tob <- update(des, yl = pmax(y, 1), ev = as.numeric(y > 1),
              lo = ifelse(y < 1, NA, floor(y)), hi = ifelse(y > 5, NA, floor(y) + 1))
f <- svysurvreg(Surv(yl, ev, type = "left") ~ x, design = tob, dist = "gaussian")
est <- c(coef(f), lnsigma = log(f$scale))
names(est) <- c("_cons", "x", "lnsigma")
add("tobit", est, vcov(f))
# intreg: svysurvreg's interval2 SEs disagree with the direct computation (its dfbeta residuals
# for interval-censored rows), so the weighted likelihood is maximized here, its analytic scores
# times the inverse observed Hessian (optimHess) summed by svyrecvar, as for nbreg
a <- ifelse(dat$y < 1, -Inf, floor(dat$y))
bnd <- ifelse(dat$y > 5, Inf, floor(dat$y) + 1)
X <- cbind(1, dat$x)
obs <- function(th) {
  eta <- as.vector(X %*% th[1:2]); s <- exp(th[3])
  za <- (a - eta) / s; zb <- (bnd - eta) / s
  P <- pnorm(zb) - pnorm(za)
  fa <- ifelse(is.finite(za), dnorm(za), 0); fb <- ifelse(is.finite(zb), dnorm(zb), 0)
  zfa <- ifelse(is.finite(za), za * dnorm(za), 0); zfb <- ifelse(is.finite(zb), zb * dnorm(zb), 0)
  list(l = log(P), S = cbind(X * (-(fb - fa) / (s * P)), -(zfb - zfa) / P))
}
ll <- function(th) sum(dat$w * obs(th)$l)
gr <- function(th) colSums(dat$w * obs(th)$S)
th <- optim(c(1.7, 0.9, 0.37), ll, gr, method = "BFGS", control = list(fnscale = -1, reltol = 1e-15, maxit = 1000))$par
infl <- (dat$w * obs(th)$S) %*% solve(-optimHess(th, ll, gr))
add("intreg", c(`_cons` = th[1], x = th[2], lnsigma = th[3]), svyrecvar(infl, des$cluster, des$strata, des$fpc))

write.csv(do.call(rbind, out), file.path(here, "replicate_values.csv"), row.names = FALSE)
