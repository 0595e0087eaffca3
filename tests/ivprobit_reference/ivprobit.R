# Reference values for ivprobit (tests/test_ivprobit.py).  ML: the joint likelihood of the probit
# and the reduced form written out (pnorm, dnorm), maximised by optim; the OIM variance from
# numDeriv's Hessian, the cluster sandwich from numDeriv's per-observation scores (G/(G-1)).
# Two-step: Newey's (1987) minimum chi-squared estimator from first principles (lm, glm probits),
# as [R] ivprobit's Methods and formulas give it.  Run: Rscript ivprobit.R > ivprobit.json
suppressMessages(library(numDeriv))
d <- read.csv("ivprobit.csv")
n <- nrow(d)
X <- cbind(d$y2, d$x, 1); W <- cbind(d$x, d$z1, d$z2, 1)
q <- 2 * d$y - 1
obs <- function(th) {
  b <- th[1:3]; p <- th[4:7]; a <- th[8]; s <- exp(th[9])
  e <- (d$y2 - drop(W %*% p)) / s
  m <- (drop(X %*% b) * cosh(a) + e * sinh(a))
  pnorm(q * m, log.p = TRUE) + dnorm(e, log = TRUE) - log(s)
}
nll <- function(th) -sum(obs(th))
pr <- glm(y ~ y2 + x, data = d, family = binomial(link = "probit"))
rf <- lm(y2 ~ x + z1 + z2, data = d)
start <- c(coef(pr)[c(2, 3, 1)], coef(rf)[c(2, 3, 4, 1)], 0, log(sqrt(mean(resid(rf)^2))))
f <- optim(start, nll, method = "BFGS", control = list(reltol = 1e-15, maxit = 5000))
f <- optim(f$par, nll, method = "BFGS", control = list(reltol = 1e-15, maxit = 5000))
for (i in 1:3) f$par <- f$par - solve(hessian(nll, f$par), grad(nll, f$par))  # Newton polish: optim stops early
f$value <- nll(f$par)
Hinv <- solve(hessian(nll, f$par))
S <- rowsum(jacobian(obs, f$par), d$g); G <- nrow(S)
Vc <- Hinv %*% crossprod(S) %*% Hinv * G / (G - 1)
th <- f$par
ml <- list(coef = unname(th), se = unname(sqrt(diag(Hinv))), se_cluster = unname(sqrt(diag(Vc))), ll = -f$value,
           V = unname(Hinv), chi2_exog = th[8]^2 / Hinv[8, 8], chi2_exog_cluster = th[8]^2 / Vc[8, 8],
           ll_probit = as.numeric(logLik(pr)))
# Newey's two-step (the probits' variances from the observed information, as Stata's probit)
oim <- function(fit) {
  X <- model.matrix(fit); t <- (2 * fit$y - 1) * drop(X %*% coef(fit))
  lam <- exp(dnorm(t, log = TRUE) - pnorm(t, log.p = TRUE))
  solve(crossprod(X * (lam * (lam + t)), X))
}
v <- resid(rf)
Wn <- cbind(d$z1, d$z2, d$x, 1)  # instruments, exogenous, constant
D <- cbind(coef(lm(d$y2 ~ Wn - 1)), rbind(0, 0, diag(2)))
p2 <- glm(d$y ~ d$y2 + d$x + v, family = binomial(link = "probit"), control = glm.control(epsilon = 1e-14))
b2 <- coef(p2)  # (Intercept), y2, x, v
exog <- unname(b2[4]^2 / oim(p2)[4, 4])
pa <- glm(d$y ~ d$z1 + d$z2 + d$x + v, family = binomial(link = "probit"), control = glm.control(epsilon = 1e-14))
ba <- coef(pa)  # (Intercept), z1, z2, x, v
alpha <- ba[c(2, 3, 4, 1)]
omega <- oim(pa)[c(2, 3, 4, 1), c(2, 3, 4, 1)]
ylb <- d$y2 * (ba[5] - b2[2])
omega <- omega + vcov(lm(ylb ~ Wn - 1))
oi <- solve(omega)
V2 <- solve(t(D) %*% oi %*% D)
b <- V2 %*% t(D) %*% oi %*% alpha
twostep <- list(coef = unname(drop(b)), se = unname(sqrt(diag(V2))), chi2_exog = exog,
                chi2 = drop(t(b[1:2]) %*% solve(V2[1:2, 1:2]) %*% b[1:2]))
cat(jsonlite::toJSON(list(ml = ml, twostep = twostep), digits = NA, auto_unbox = TRUE, pretty = TRUE))
