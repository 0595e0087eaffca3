# xtreg, mle under vce(jackknife) and technique(bhhh), and xtreg, fe pweights under vce(jackknife),
# computed independently in R on xt_replicates_panel.csv (30 panels of 5):
#   mle: lme4::lmer(REML = FALSE), (b, sigma_u, sigma_e) refitted without each panel,
#        V = (G-1)/G sum (t_(j) - tbar)(t_(j) - tbar)'; also with noconstant (y ~ 0 + x1 + x2)
#   bhhh: V = (sum_i s_i s_i')^-1, s_i the panel's score in (b, sigma_u, sigma_e) by central
#        differences of its Gaussian random-intercept log likelihood at the ML estimates
#   fe [pw=w]: the weighted within fit (lm on the panel dummies, weights w), _cons the weighted
#        grand mean ybar_w - xbar_w'b, refitted without each panel (jackknife.ado's pweighted loop)
# Run from tests/reference_values: Rscript xtreg_mle_replicates.R
suppressMessages(library(lme4))
p <- read.csv("xt_replicates_panel.csv")
p$w <- 1 + p$id %% 3
ids <- sort(unique(p$id))
jk <- function(B) { m <- nrow(B); d <- sweep(B, 2, colMeans(B)); (m - 1) / m * t(d) %*% d }
se <- function(V) unname(sqrt(diag(V)))
mle <- function(d, cons = TRUE) {
  f <- if (cons) lmer(y ~ x1 + x2 + (1 | id), d, REML = FALSE) else lmer(y ~ 0 + x1 + x2 + (1 | id), d, REML = FALSE)
  b <- fixef(f)
  b <- if (cons) b[c("x1", "x2", "(Intercept)")] else b[c("x1", "x2")]
  vc <- as.data.frame(VarCorr(f))
  unname(c(b, vc$sdcor[vc$grp == "id"], vc$sdcor[vc$grp == "Residual"]))
}
out <- list()
for (cons in c(TRUE, FALSE)) {
  t0 <- mle(p, cons)
  B <- t(sapply(ids, function(j) mle(p[p$id != j, ], cons)))
  out[[if (cons) "mle" else "mle_nocons"]] <- list(b = t0, se = se(jk(B)))
}
# OPG
t0 <- out$mle$b
panel_ll <- function(th, d) {
  X <- cbind(d$x1, d$x2, 1); e <- d$y - drop(X %*% th[1:3]); T <- nrow(d)
  S <- th[4]^2 * matrix(1, T, T) + th[5]^2 * diag(T)
  -0.5 * (T * log(2 * pi) + as.numeric(determinant(S)$modulus) + drop(t(e) %*% solve(S, e)))
}
S <- t(sapply(ids, function(j) {
  d <- p[p$id == j, ]
  sapply(seq_along(t0), function(k) {
    h <- 1e-5 * max(1, abs(t0[k])); u <- t0; l <- t0; u[k] <- u[k] + h; l[k] <- l[k] - h
    (panel_ll(u, d) - panel_ll(l, d)) / (2 * h)
  })
}))
out$mle_opg <- list(se = se(solve(crossprod(S))))
# fe, pweights
fe_w <- function(d) {
  b <- coef(lm(y ~ x1 + x2 + factor(id), d, weights = w))[c("x1", "x2")]
  c(b, weighted.mean(d$y, d$w) - sum(c(weighted.mean(d$x1, d$w), weighted.mean(d$x2, d$w)) * b))
}
B <- t(sapply(ids, function(j) fe_w(p[p$id != j, ])))
out$fe_pw <- list(b = unname(fe_w(p)), se = se(jk(B)))
writeLines(jsonlite::toJSON(out, digits = NA, auto_unbox = FALSE), "xtreg_mle_replicates.json")
