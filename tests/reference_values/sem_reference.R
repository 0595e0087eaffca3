# Reference values for sem/gsem (tests/test_sem_*.py) on sem_paths.csv
# (make_sem_data.py).  Run from tests/reference_values: Rscript sem_reference.R
#  - sem: lm per equation (exact ML coefficients) and lavaan (ML, fixed.x, observed information): coefficients, SEs, error variances,
#    conditional and joint (fixed.x = FALSE: Stata's e(ll)) log likelihoods, chi2 vs saturated.
#  - gsem without latent variables: per-equation lm (ML variance RSS/N) and the
#    cluster-robust sandwich written out (bread = OIM, meat = sum of cluster scores,
#    factor G/(G-1)).
#  - gsem with M1[cid] M2[cid] (correlated random intercepts): nlme::lme on the stacked
#    responses (ML, varIdent errors, pdSymm intercepts) and an independent dense
#    likelihood (mvtnorm per classroom) whose numDeriv Hessian gives the OIM.
suppressMessages({library(lavaan); library(nlme); library(jsonlite); library(numDeriv); library(mvtnorm)})
d <- read.csv("sem_paths.csv")
out <- list()

lav <- function(model) {
  f <- sem(model, data = d, meanstructure = TRUE, information = "observed", fixed.x = TRUE)
  pe <- parameterEstimates(f)
  joint <- sem(model, data = d, meanstructure = TRUE, fixed.x = FALSE)  # ll with the exogenous part
  list(ll_joint = as.numeric(fitMeasures(joint, "logl")), est = pe$est, se = pe$se, lhs = pe$lhs, op = pe$op, rhs = pe$rhs,
       ll = as.numeric(fitMeasures(f, "logl")), chi2 = as.numeric(fitMeasures(f, "chisq")),
       df = as.numeric(fitMeasures(f, "df")), n = nobs(f))
}
out$sem_mediation <- lav("write ~ math\n science ~ write + math")
# lavaan iterates (agreement ~1e-6); the ML coefficients of a recursive model with
# uncorrelated errors are each equation's least squares, exactly: lm with the ML variance
ml_lm <- function(f) {
  m <- lm(f, data = d); n <- nrow(d); k <- length(coef(m))
  list(b = unname(coef(m)), se = unname(sqrt(diag(vcov(m)) * (n - k) / n)), names = names(coef(m)),
       s2 = sum(resid(m)^2) / n)
}
out$crosslag_lm <- list(y2 = ml_lm(y2 ~ y1 + x1 + w1), x2 = ml_lm(x2 ~ x1 + y1 + w1),
                        y3 = ml_lm(y3 ~ y2 + x2 + w2), x3 = ml_lm(x3 ~ x2 + y2 + w2))
out$sem_crosslag <- lav("y2 ~ y1 + x1 + w1\n x2 ~ x1 + y1 + w1\n y3 ~ y2 + x2 + w2\n x3 ~ x2 + y2 + w2\n y3 ~~ 0*x3")
# (lavaan frees the error covariance of final responses by default; Stata does not)

# gsem, no latent variables: conditional likelihood of each equation
m1 <- lm(write ~ math, data = d); m2 <- lm(science ~ write + math, data = d)
n <- nrow(d)
eqfit <- function(m) {
  X <- model.matrix(m); X <- cbind(X[, -1, drop = FALSE], X[, 1]); r <- resid(m)
  s2 <- sum(r^2) / n
  list(X = X, r = r, s2 = s2, b = c(coef(m)[-1], coef(m)[1]))
}
e1 <- eqfit(m1); e2 <- eqfit(m2)
oim <- function(e) rbind(cbind(e$s2 * solve(crossprod(e$X)), 0), c(rep(0, ncol(e$X)), 2 * e$s2^2 / n))
scores <- function(e) cbind(e$X * e$r / e$s2, -0.5 / e$s2 + e$r^2 / (2 * e$s2^2))
B <- as.matrix(Matrix::bdiag(oim(e1), oim(e2)))
S <- cbind(scores(e1), scores(e2))
Sc <- rowsum(S, d$cid); G <- nrow(Sc)
Vc <- B %*% crossprod(Sc) %*% B * G / (G - 1)
out$gsem_fixed <- list(b = c(e1$b, e2$b), s2 = c(e1$s2, e2$s2), se_oim = sqrt(diag(B)),
                       se_cluster = sqrt(diag(Vc)), ll = as.numeric(logLik(m1) + logLik(m2)),
                       n_clust = G)

# gsem with correlated random intercepts: stacked bivariate mixed model
long <- rbind(data.frame(cid = d$cid, eq = "write", y = d$write, math = d$math, wr = 0),
              data.frame(cid = d$cid, eq = "science", y = d$science, math = d$math, wr = d$write))
long$eq <- factor(long$eq, levels = c("write", "science"))
long$w1 <- as.numeric(long$eq == "write"); long$s1 <- 1 - long$w1
fm <- lme(y ~ 0 + w1 + w1:math + s1 + s1:wr + s1:math, random = list(cid = pdSymm(~ 0 + w1 + s1)),
          weights = varIdent(form = ~ 1 | eq), data = long, method = "ML",
          control = lmeControl(maxIter = 500, msMaxIter = 500, tolerance = 1e-10, msTol = 1e-12))
fe <- fixef(fm)
vc <- getVarCov(fm)
sig <- fm$sigma; ratio <- coef(fm$modelStruct$varStruct, unconstrained = FALSE, allCoef = TRUE)
s2 <- (sig * ratio[c("write", "science")])^2
phi <- c(fe["w1:math"], 1 * fe["w1"], fe["s1:wr"], fe["math:s1"], fe["s1"],
         vc[1, 1], vc[2, 2], vc[1, 2], s2)
names(phi) <- NULL
# the dense likelihood in Stata's parameters (write: math _cons; science: write math _cons;
# var(M1) var(M2) cov(M1,M2) var(e.write) var(e.science))
ll_dense <- function(p) {
  tot <- 0
  for (g in split(seq_len(n), d$cid)) {
    k <- length(g); J <- matrix(1, k, k); I <- diag(k)
    V <- rbind(cbind(p[9] * I + p[6] * J, p[8] * J), cbind(p[8] * J, p[10] * I + p[7] * J))
    mu <- c(p[1] * d$math[g] + p[2], p[3] * d$write[g] + p[4] * d$math[g] + p[5])
    tot <- tot + dmvnorm(c(d$write[g], d$science[g]), mu, V, log = TRUE)
  }
  tot
}
opt <- optim(phi, ll_dense, control = list(fnscale = -1, reltol = 1e-14, maxit = 5000), method = "BFGS")
p <- opt$par
for (it in 1:6) {  # Newton steps on numDeriv's (Richardson) gradient and Hessian
  H <- hessian(ll_dense, p)
  p <- p - solve(H, grad(ll_dense, p))
}
H <- hessian(ll_dense, p)
out$gsem_latent <- list(phi_nlme = phi, ll_nlme = as.numeric(logLik(fm)), phi = p,
                        ll = ll_dense(p), gradient = grad(ll_dense, p), se = sqrt(diag(solve(-H))))
write_json(out, "sem_reference.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
