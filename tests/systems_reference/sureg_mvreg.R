# Independent reference values for sureg and mvreg (tests/test_linear_systems.py).
# Run: Rscript sureg_mvreg.R  (writes sureg_mvreg.json next to this script)
# systemfit's SUR with methodResidCov = "noDfCor" is Stata's sureg (Sigma = E'E/N from the OLS
# residuals), "geomean" is sureg's dfk (E'E over sqrt((N-k_i)(N-k_j))); maxit > 1 iterates (isure).
suppressMessages({library(systemfit); library(jsonlite)})
d <- read.csv("systems_data.csv")
eqs <- list(y1 = y1 ~ x1 + x2, y2 = y2 ~ x1 + x3, y3 = y3 ~ x2)
stata_order <- function(v) {  # systemfit: (Intercept) first in each equation; Stata: _cons last
  nm <- names(v); out <- c()
  for (eq in c("y1", "y2", "y3")) {
    idx <- grep(paste0("^", eq, "_"), nm)
    if (length(idx) == 0) next
    icpt <- idx[grepl("Intercept", nm[idx])]
    out <- c(out, setdiff(idx, icpt), icpt)
  }
  out
}
fit_out <- function(f) {
  b <- coef(f); V <- vcov(f); o <- stata_order(b)
  list(b = unname(b[o]), V = unname(V[o, o]), names = names(b)[o], Sigma = unname(f$residCov))
}
out <- list()
out$sure <- fit_out(systemfit(eqs, method = "SUR", data = d, methodResidCov = "noDfCor"))
# e(Sigma) is the covariance the FGLS step used: from the equation-by-equation OLS residuals
E_ols <- sapply(eqs, function(f) residuals(lm(f, data = d)))
out$sure$Sigma <- unname(crossprod(E_ols) / nrow(d))
two <- eqs[1:2]
out$sure_dfk <- fit_out(systemfit(two, method = "SUR", data = d, methodResidCov = "geomean"))
out$isure <- fit_out(systemfit(two, method = "SUR", data = d, methodResidCov = "noDfCor", maxit = 500,
                               tol = 1e-12))
# [y1]x1 = [y2]x1: systemfit's restrict.matrix (its coefficient order: y1 (Intercept) x1 x2, y2 ...)
R <- matrix(0, 1, 6); R[1, 2] <- 1; R[1, 5] <- -1
out$sure_cns <- fit_out(systemfit(two, method = "SUR", data = d, methodResidCov = "noDfCor", restrict.matrix = R))
# fweights: the rows repeated fw times
dx <- d[rep(seq_len(nrow(d)), d$fw), ]
out$sure_fw <- fit_out(systemfit(two, method = "SUR", data = dx, methodResidCov = "noDfCor"))
# mvreg y1 y2 y3 = x1 x2 x3 (R's multivariate lm; vcov is Sigma (x) (X'X)^-1, Sigma = E'E/(N-k))
m <- lm(cbind(y1, y2, y3) ~ x1 + x2 + x3, data = d)
B <- coef(m)  # (k x m), (Intercept) first
ord <- c(2, 3, 4, 1)
E <- residuals(m)
Sig <- crossprod(E) / m$df.residual
XtXi <- solve(crossprod(model.matrix(m)))[ord, ord]
s <- summary(m)
out$mvreg <- list(b = unname(as.vector(B[ord, ])), V = unname(kronecker(Sig, XtXi)), Sigma = unname(Sig),
                  r2 = unname(sapply(s, function(z) z$r.squared)),
                  F = unname(sapply(s, function(z) z$fstatistic[["value"]])),
                  df_r = m$df.residual)
Rc <- cov2cor(Sig)
out$mvreg$bp_chi2 <- nrow(d) * sum(Rc[lower.tri(Rc)]^2)
# predict after mvreg: xb and stdp of equation y2 on the first three rows
X <- model.matrix(m)[1:3, ord]
Vy2 <- kronecker(Sig, XtXi)[5:8, 5:8]
out$mvreg$xb_y2 <- unname(as.vector(X %*% B[ord, 2]))
out$mvreg$stdp_y2 <- unname(sqrt(rowSums((X %*% Vy2) * X)))
write_json(out, "sureg_mvreg.json", digits = NA, auto_unbox = TRUE, pretty = FALSE)
# aweights (scaled to sum to N): SUR of the rows multiplied by sqrt(w), the constant a regressor
w <- d$fw / mean(d$fw)
s <- sqrt(w)
dw <- data.frame(y1 = d$y1 * s, y2 = d$y2 * s, c1 = s, x1 = d$x1 * s, x2 = d$x2 * s, x3 = d$x3 * s)
fw_eqs <- list(y1 = y1 ~ 0 + x1 + x2 + c1, y2 = y2 ~ 0 + x1 + x3 + c1)
f <- systemfit(fw_eqs, method = "SUR", data = dw, methodResidCov = "noDfCor")
out$sure_aw <- list(b = unname(coef(f)), V = unname(vcov(f)))
write_json(out, "sureg_mvreg.json", digits = NA, auto_unbox = TRUE, pretty = FALSE)
