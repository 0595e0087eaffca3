# Reference values for tests/test_margins_pweight_unconditional.py (mg82): margins,
# vce(unconditional) after pweighted regress / logit / probit / poisson without svy.
#
# Stata 16's _marg_work.class (._linearize, opensafely-core/cohort-extractor commit 1b3e58ab)
# runs _robust2 on [pw=w] over the margins' linearized parts -- the cell indicator, each
# margin's prediction and the fit's scores, each centred -- with minus(1): for margin m,
#   z_j = w_j (p_j - m)/W + J (-H)^-1 w_j s_j,   V = n/(n-1) sum_j z_j z_j',
# s_j the row's score, H the (weighted) Hessian, J = dm/db.  That is the linearized variance of
# survey's svydesign(ids = ~1, weights = ~w): with-replacement single-stage, n/(n-1) sum of the
# centred z's (sum_j z_j = 0 here).  R fits (svyglm), predicts and takes the variance.
# Data: samples/data/hsb.dta written to CSV by the Python line in README.md.
# Run: Rscript margins_pweight.R /tmp/hsb.csv > margins_pweight.json
suppressMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
n <- nrow(d)
d$w <- 1 + ((1:n) %% 7) / 3               # Stata: generate w = 1 + mod(_n, 7)/3
d$hi <- as.numeric(d$mathach > 13)
d$cnt <- floor(pmax(d$mathach, 0) / 5)
des <- svydesign(ids = ~1, weights = ~w, data = d)
W <- sum(d$w)

se_of <- function(z) sqrt(vcov(svytotal(~zw, update(des, zw = z / d$w)))[1, 1])

fit_parts <- function(fit, family) {
  X <- model.matrix(fit)
  b <- coef(fit)
  eta <- drop(X %*% b)
  y <- fit$y
  w <- d$w
  if (family == "gaussian") {
    s <- y - eta; h <- rep(1, n)
  } else if (family == "logit") {
    mu <- plogis(eta); s <- y - mu; h <- mu * (1 - mu)
  } else if (family == "poisson") {
    mu <- exp(eta); s <- y - mu; h <- mu
  } else {  # probit, observed information: l = log pnorm(q eta)
    q <- 2 * y - 1
    lam <- dnorm(q * eta) / pnorm(q * eta)
    s <- q * lam; h <- lam * (lam + q * eta)
  }
  H <- t(X) %*% (X * (w * h))
  list(X = X, b = b, IF = (X * (w * s)) %*% solve(H))
}

inv_link <- list(gaussian = function(e) e, logit = plogis, probit = pnorm, poisson = exp)
dinv_link <- list(gaussian = function(e) 1 + 0 * e, logit = function(e) plogis(e) * (1 - plogis(e)),
                  probit = dnorm, poisson = exp)

sector_margins <- function(parts, family, col) {
  out <- list()
  for (lev in 0:1) {
    Xl <- parts$X
    Xl[, col] <- lev
    int <- grep(":", colnames(Xl))
    for (j in int) Xl[, j] <- Xl[, "ses"] * lev
    eta <- drop(Xl %*% parts$b)
    p <- inv_link[[family]](eta)
    m <- sum(d$w * p) / W
    J <- colSums(Xl * (d$w * dinv_link[[family]](eta))) / W
    z <- d$w * (p - m) / W + drop(parts$IF %*% J)
    out[[length(out) + 1]] <- c(m, se_of(z))
  }
  out
}

cases <- list()
add <- function(name, vals) {
  b <- sapply(vals, `[`, 1); se <- sapply(vals, `[`, 2)
  cases[[length(cases) + 1]] <<- sprintf('{"case": "%s", "b": [%s], "se": [%s]}', name,
                                         paste(sprintf("%.15g", b), collapse = ", "),
                                         paste(sprintf("%.15g", se), collapse = ", "))
}

reg <- svyglm(mathach ~ ses * factor(sector) + factor(minority), design = des)
pr <- fit_parts(reg, "gaussian")
add("regress_sector", sector_margins(pr, "gaussian", "factor(sector)1"))
# dydx(ses): d xb/d ses = b_ses + b_ses#sector * sector, averaged with the weights
dX <- 0 * pr$X
dX[, "ses"] <- 1
dX[, "ses:factor(sector)1"] <- d$sector
dj <- drop(dX %*% pr$b)
m <- sum(d$w * dj) / W
J <- colSums(dX * d$w) / W
add("regress_dydx_ses", list(c(m, se_of(d$w * (dj - m) / W + drop(pr$IF %*% J)))))

for (fam in c("logit", "probit")) {
  fit <- svyglm(hi ~ ses + factor(sector) + factor(minority), design = des,
                family = quasibinomial(link = fam))
  add(paste0(fam, "_sector"), sector_margins(fit_parts(fit, fam), fam, "factor(sector)1"))
}
fit <- svyglm(cnt ~ ses + factor(sector) + factor(minority), design = des, family = quasipoisson())
add("poisson_sector", sector_margins(fit_parts(fit, "poisson"), "poisson", "factor(sector)1"))
cat("{\"cases\": [\n  ", paste(cases, collapse = ",\n  "), "\n]}\n", sep = "")
