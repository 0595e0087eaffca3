# xtpoisson, fe vce(robust): Wooldridge's (1999) robust standard errors on
# conditional_panels.csv, two ways: (a) directly, A^-1 B A^-1 with the panels' scores
# s_i = sum_t x_t (y_t - n_i p_t) and A = -Hessian of the conditional likelihood;
# (b) sandwich::vcovCL of Poisson regression with panel indicators, clustered by panel with
# no small-sample factor (type HC0, cadjust = FALSE).  xtpoisson.ado: _robust, minus(0).
# Run: Rscript xtpoisson_fe_robust.R  (writes xtpoisson_fe_robust.json)
library(jsonlite)
suppressMessages(library(sandwich))
d <- read.csv("conditional_panels.csv")
tot <- tapply(d$yc, d$id, sum); keep <- d$id %in% as.numeric(names(tot)[tot > 0])
dp <- d[keep, ]
pg <- glm(yc ~ x1 + x2 + factor(id), family = poisson, data = dp, control = glm.control(epsilon = 1e-14))
b <- coef(pg)[c("x1", "x2")]
X <- cbind(dp$x1, dp$x2)
A <- matrix(0, 2, 2); B <- matrix(0, 2, 2)
for (g in unique(dp$id)) {
  r <- dp$id == g; y <- dp$yc[r]; Xg <- X[r, , drop = FALSE]
  p <- exp(Xg %*% b); p <- as.vector(p / sum(p)); n <- sum(y)
  s <- colSums((y - n * p) * Xg)
  xbar <- colSums(p * Xg); D <- sweep(Xg, 2, xbar)
  A <- A + n * t(D) %*% (D * p)
  B <- B + s %o% s
}
V <- solve(A) %*% B %*% solve(A)
Vcl <- vcovCL(pg, cluster = ~id, type = "HC0", cadjust = FALSE)[c("x1", "x2"), c("x1", "x2")]
chi2 <- as.numeric(t(b) %*% solve(V) %*% b)
out <- list(b = unname(b), se = sqrt(diag(V)), se_vcovCL = unname(sqrt(diag(Vcl))), chi2 = chi2)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "xtpoisson_fe_robust.json")
