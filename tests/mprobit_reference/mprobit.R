# mprobit with two outcomes is a probit of (y == 2) on x with coefficients sqrt(2) times probit's
# (independent N(0,1) errors); with probitparam they are probit's.  SEs from the observed
# information (optimHess), as ml's.  Rscript mprobit.R mp.csv > values.txt
d <- read.csv(commandArgs(TRUE)[1])
d <- d[d$y != 3, ]
f <- glm(I(y == 2) ~ x1 + x2, family = binomial(link = "probit"), data = d)
X <- model.matrix(f); yy <- as.numeric(d$y == 2)
nll <- function(b) -sum(pnorm(ifelse(yy == 1, 1, -1) * drop(X %*% b), log.p = TRUE))
H <- optimHess(coef(f), nll)
b <- coef(f); s <- sqrt(diag(solve(H)))
cat(sprintf("probit ll %.10f\n", as.numeric(logLik(f))))
for (i in seq_along(b)) cat(sprintf("probit %s %.10g %.10g\n", names(b)[i], b[i], s[i]))
