# Reference values for tests/test_graphs_fpfit_glm_constraints.py::test_nbinomial_ml_constraints:
# twoway fpfitci yc x, estcmd(glm) estopts(family(nbinomial ml) constraints(1)) with
# constraint 1 _cons = 0.  glm.ado hands constraints() (in its ml options) to the nbreg it fits
# first for k = e(alpha), then fits glm with them: every fit here is without a constant --
# MASS::glm.nb(y ~ 0 + X) for alpha, then glm's negative binomial at k = alpha with the log link
# on the same terms.  The search by -2 ll (glim_v6's log likelihood at k), the final model on
# the centred terms (its constant, the centred one, is the constrained _cons), V = (-H)^-1 of
# that log likelihood (observed information, glm's default OIM; Richardson-extrapolated central
# differences), x b and stdp at the distinct x.  Data: fpfit_glm_constraints.json's x and an
# overdispersed count ynb drawn here (written out with the curve).
# Run in this folder: Rscript fpfit_glm_nbml_constraints.R > fpfit_glm_nbml_constraints.json
suppressMessages(library(MASS))
library(jsonlite)
d <- fromJSON("fpfit_glm_constraints.json")
x <- d$x; n <- length(x)
set.seed(20261203)
yc <- rnbinom(n, mu = exp(1 + 0.6 * log(x)), size = 1.5)
source("fp_terms.R")
control <- glm.control(epsilon = 1e-14, maxit = 200)
hess <- function(f, th) {
  k <- length(th)
  one <- function(h) {
    H <- matrix(0, k, k)
    for (a in 1:k) for (b in 1:k) {
      ea <- replace(numeric(k), a, h); eb <- replace(numeric(k), b, h)
      H[a, b] <- (f(th + ea + eb) - f(th + ea - eb) - f(th - ea + eb) + f(th - ea - eb)) / (4 * h * h)
    }
    H
  }
  (4 * one(1e-4) - one(2e-4)) / 3
}
nbml <- function(X, y) {
  nb <- glm.nb(y ~ X - 1, control = control)
  if (!is.null(nb$th.warn) && nb$th.warn != "") stop(nb$th.warn)  # alpha not found: the fit fails
  m <- nb$theta   # k = alpha = 1/theta
  llo <- function(y, mu) lgamma(m + y) - lgamma(y + 1) - lgamma(m) - m * log1p(mu / m) + y * log(mu / (mu + m))
  g <- glm(y ~ X - 1, family = negative.binomial(m, link = "log"), start = coef(nb),
           control = control)
  ll <- function(bb) sum(llo(y, exp(as.vector(X %*% bb))))
  list(b = coef(g), ll = ll(coef(g)), V = solve(-hess(ll, coef(g))))
}
best <- Inf
for (i in seq_along(S)) for (j in i:length(S)) {
  p <- c(S[i], S[j])
  dv <- tryCatch(-2 * nbml(terms(z, p), yc)$ll, error = function(e) Inf)  # a failed fit: skipped
  if (dv < best - 1e-9) { best <- dv; bp <- p }
}
centre <- terms(mean(z), bp)
f <- nbml(sweep(terms(z, bp), 2, centre), yc)
at <- sort(unique(x))
X0 <- sweep(terms(at / scale, bp), 2, centre)
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
cat(sprintf('{\n  "ynb": [%s],\n  "nbml_nocons": {"powers": [%s], "at": [%s], "xb": [%s], "se": [%s]}\n}\n',
            num(yc), num(bp), num(at), num(as.vector(X0 %*% f$b)), num(sqrt(rowSums((X0 %*% f$V) * X0)))))
