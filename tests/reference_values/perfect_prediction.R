# Perfect prediction in logit/probit (tests/test_perfect_prediction.py): Stata drops the
# predictor and its observations, so the estimates are glm's on the rows left.
# Run: Rscript tests/reference_values/perfect_prediction.R > tests/reference_values/perfect_prediction.json
n <- 40
i <- 1:n
y <- i %% 2
x <- as.numeric(i > 30)
y[x == 1] <- 0
z <- (i * 7) %% 11
keep <- x == 0
# Stata's V is the inverse observed information (R's glm gives the expected one for probit)
oim_se <- function(m) {
  X <- model.matrix(m); yy <- m$y; F <- m$family$linkinv
  nll <- function(b) { p <- F(drop(X %*% b)); -sum(yy * log(p) + (1 - yy) * log(1 - p)) }
  sqrt(diag(solve(optimHess(coef(m), nll))))
}
fit <- function(link) {
  m <- glm(y[keep] ~ z[keep], family = binomial(link = link), control = glm.control(epsilon = 1e-14))
  list(b = unname(coef(m)), se = unname(oim_se(m)),
       ll = as.numeric(logLik(m)), ll_0 = as.numeric(logLik(glm(y[keep] ~ 1, family = binomial(link = link)))),
       N = sum(keep))
}
# fpfit: u takes 10 values six times each; y varies at u == 10 only (2 successes in 6)
u <- ceiling((1:60) / 6)
yu <- rep(0, 60)
yu[u == 10] <- c(1, 1, 0, 0, 0, 0)
fp <- function(link) {
  m <- glm(yu[u == 10] ~ 1, family = binomial(link = link), control = glm.control(epsilon = 1e-14))
  list(cons = unname(coef(m)), se = unname(oim_se(m)))
}
out <- list(y = y, x = x, z = z, logit = fit("logit"), probit = fit("probit"),
            u = u, yu = yu, fp_logit = fp("logit"), fp_probit = fp("probit"))
num <- function(v) paste0("[", paste(sprintf("%.17g", v), collapse = ", "), "]")
obj <- function(l) paste0("{", paste(sprintf('"%s": %s', names(l),
  sapply(l, function(v) if (is.list(v)) obj(v) else num(v))), collapse = ", "), "}")
cat(obj(out), "\n")
