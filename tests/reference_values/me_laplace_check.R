# The Laplace approximation itself, computed independently (tests/test_me_sweep.py).
#
# glmer's nAGQ = 1 log likelihood is not always the exact-curvature Laplace approximation that
# Stata's intmethod(laplace) computes: for a non-canonical link (probit) lme4's PIRLS uses the
# expected (Fisher) weights in the curvature, and with large variances (HSB minority: 24 of 160
# schools all 0 or all 1) its reported value is 0.006 below the Laplace approximation at its own
# estimates.  So for the random-intercept Laplace models of me_sweep_reference.json this script
# evaluates, at glmer's estimates, the exact Laplace approximation
#
#   sum_j [ h_j(u_j) + ln(2 pi)/2 - ln(-h_j''(u_j))/2 ],
#   h_j(u) = sum_i ln f(y_i | eta_i + u) - u^2 / (2 s2) - ln(2 pi s2) / 2,
#
# with u_j the exact mode (optimize to 1e-12) and h_j'' the observed curvature there.  mlm's
# Laplace log likelihood at the same parameters must equal it.
#
# The three-level egsingle model likewise (joint Laplace, below).
#
# Run from the repository root:  Rscript tests/reference_values/me_laplace_check.R
# (after me_sweep_reference.R) writes tests/reference_values/me_laplace_check.json.
suppressMessages({ library(haven); library(jsonlite) })

ref <- fromJSON("tests/reference_values/me_sweep_reference.json", simplifyVector = FALSE)$models
d <- as.data.frame(read_dta("samples/data/hsb.dta"))
d$hi <- as.numeric(d$mathach > 13)
d$cnt <- floor(pmax(d$mathach, 0) / 3)
d$expo <- exp(d$meanses)

laplace <- function(y, eta, g, s2, logf, d2) {
  tot <- 0
  for (k in unique(g)) {
    i <- g == k
    h <- function(u) sum(logf(y[i], eta[i] + u)) - u^2 / (2 * s2) - 0.5 * log(2 * pi * s2)
    o <- optimize(h, c(-40, 40), maximum = TRUE, tol = 1e-12)
    curv <- -sum(d2(y[i], eta[i] + o$maximum)) + 1 / s2
    tot <- tot + o$objective + 0.5 * log(2 * pi) - 0.5 * log(curv)
  }
  tot
}
logit_f <- function(y, e) dbinom(y, 1, plogis(e), log = TRUE)
logit_d2 <- function(y, e) -plogis(e) * (1 - plogis(e))
probit_f <- function(y, e) ifelse(y > 0, pnorm(e, log.p = TRUE), pnorm(-e, log.p = TRUE))
probit_d2 <- function(y, e) {  # second derivative of ln Phi(s e) in e, s = +-1, observed
  s <- ifelse(y > 0, 1, -1)
  lam <- exp(dnorm(s * e, log = TRUE) - pnorm(s * e, log.p = TRUE))
  -lam * (s * e + lam)
}
pois_f <- function(y, e) dpois(y, exp(e), log = TRUE)
pois_d2 <- function(y, e) -exp(e)

out <- list()
for (m in ref) {
  if (m$nAGQ != 1 || !is.character(m$var_order)) next
  b <- unlist(m$b); s2 <- unlist(m$var)[[1]]
  if (grepl("^melogit minority", m$stata)) {
    val <- laplace(d$minority, b[2] + b[1] * d$ses, d$school, s2, logit_f, logit_d2)
  } else if (grepl("^meprobit hi", m$stata)) {
    val <- laplace(d$hi, b[3] + b[1] * d$ses + b[2] * d$sector, d$school, s2, probit_f, probit_d2)
  } else if (grepl("^mepoisson cnt", m$stata)) {
    val <- laplace(d$cnt, b[3] + b[1] * d$ses + b[2] * d$female + log(d$expo), d$school, s2, pois_f, pois_d2)
  } else next
  out[[m$name]] <- list(stata = m$stata, b = m$b, var = s2, laplace_at_glmer_estimates = val,
                        glmer_ll = m$ll_full)
  cat(m$name, val, m$ll_full, "\n")
}

# The three-level model (children in schools, egsingle): the joint Laplace approximation over all
# random effects, b = (school effects, child effects) ~ N(0, D), at glmer's estimates:
#   h(b) + (q/2) ln(2 pi) - ln det(Z'WZ + D^-1)/2 at the joint mode (Newton to |step| < 1e-12),
#   h(b) = sum_i ln f(y_i | x_i beta + z_i'b) - b'D^-1 b/2 - ln det(2 pi D)/2.
suppressMessages(library(Matrix))
eg_path <- "../shared/data/egsingle.dta"
if (!file.exists(eg_path)) eg_path <- "/work/shared/data/egsingle.dta"
m <- Filter(function(m) m$name == "eg_above_3level", ref)[[1]]
eg <- as.data.frame(read_dta(eg_path))
y <- as.numeric(eg$math > -0.5)
b <- unlist(m$b)
eta0 <- b[4] + b[1] * eg$year + b[2] * eg$female + b[3] * eg$black
fs <- factor(eg$schoolid); fc <- factor(eg$childid)
Z <- cbind(sparse.model.matrix(~ 0 + fs), sparse.model.matrix(~ 0 + fc))
v <- c(rep(m$var[["schoolid:(Intercept)"]], nlevels(fs)), rep(m$var[["childid:schoolid:(Intercept)"]], nlevels(fc)))
u <- rep(0, ncol(Z))
for (it in 1:200) {
  p <- plogis(eta0 + as.vector(Z %*% u))
  g <- as.vector(crossprod(Z, y - p)) - u / v
  H <- crossprod(Z, Diagonal(x = p * (1 - p)) %*% Z) + Diagonal(x = 1 / v)
  step <- as.vector(solve(H, g))
  u <- u + step
  if (max(abs(step)) < 1e-12) break
}
p <- plogis(eta0 + as.vector(Z %*% u))
H <- crossprod(Z, Diagonal(x = p * (1 - p)) %*% Z) + Diagonal(x = 1 / v)
h <- sum(dbinom(y, 1, p, log = TRUE)) - sum(u^2 / v) / 2 - sum(log(2 * pi * v)) / 2
val <- h + ncol(Z) / 2 * log(2 * pi) - as.numeric(determinant(H, logarithm = TRUE)$modulus) / 2
out[[m$name]] <- list(stata = m$stata, b = m$b, var = m$var, laplace_at_glmer_estimates = val, glmer_ll = m$ll_full)
cat(m$name, val, m$ll_full, "\n")
writeLines(toJSON(list(source = "tests/reference_values/me_laplace_check.R", models = out),
                  auto_unbox = TRUE, digits = NA, pretty = TRUE),
           "tests/reference_values/me_laplace_check.json")

# Stata's default rule, 7-point mean-variance adaptive Gauss-Hermite (nodes at each school's
# posterior mean and SD, iterated to the fixed point), evaluated independently at fixed
# parameters (mlm's printed estimates of melogit minority ses || school:): in the 24 schools
# whose outcome is all 0 or all 1 the posterior is far from normal and 7 points err by ~0.13
# against the exact integral; mlm must reproduce the rule's value, not the exact one.
gh <- function(n) {  # Golub-Welsch nodes and weights for the weight exp(-x^2)
  i <- 1:(n - 1); J <- matrix(0, n, n); J[cbind(i, i + 1)] <- sqrt(i / 2); J[cbind(i + 1, i)] <- sqrt(i / 2)
  e <- eigen(J, symmetric = TRUE); list(x = e$values, w = sqrt(pi) * e$vectors[1, ]^2)
}
mv_params <- c(ses = -0.7564668, cons = -1.670644, var = 5.146464)
q <- gh(7); t <- sqrt(2) * q$x; w <- q$w / sqrt(pi)
eta <- mv_params[["cons"]] + mv_params[["ses"]] * d$ses
mv <- 0
for (k in unique(d$school)) {
  i <- d$school == k; y <- d$minority[i]; e <- eta[i]
  f <- function(u) sapply(u, function(v) sum(dbinom(y, 1, plogis(e + v), log = TRUE))) +
    dnorm(u, 0, sqrt(mv_params[["var"]]), log = TRUE)
  mu <- 0; tau <- sqrt(mv_params[["var"]])
  for (it in 1:500) {
    u <- mu + tau * t
    a <- log(w) + f(u) - dnorm(t, log = TRUE) + log(tau)
    L <- max(a) + log(sum(exp(a - max(a))))
    p <- exp(a - L); m2 <- sum(p * u); s2 <- sqrt(sum(p * (u - m2)^2))
    done <- abs(m2 - mu) < 1e-12 && abs(s2 - tau) < 1e-12
    mu <- m2; tau <- s2
    if (done) break
  }
  mv <- mv + L
}
out$mvaghermite7_minority <- list(stata = "melogit minority ses || school:", b = unname(mv_params[1:2]),
                                  var = mv_params[["var"]], loglik = mv)
cat("mvaghermite7", mv, "\n")
writeLines(toJSON(list(source = "tests/reference_values/me_laplace_check.R", models = out),
                  auto_unbox = TRUE, digits = NA, pretty = TRUE),
           "tests/reference_values/me_laplace_check.json")
