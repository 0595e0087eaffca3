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
# vce(robust): the sandwich of the scores times N/(N-1); vce(cluster cl), cl = ceiling(row/10): G/(G-1)
n <- nrow(d)
B <- solve(H)
# scores of the probit log likelihood at the estimates (observed-information bread, as ml)
q <- ifelse(yy == 1, 1, -1); xb <- drop(X %*% b)
lam <- q * dnorm(xb) / pnorm(q * xb)
S <- X * lam
Vr <- B %*% crossprod(S) %*% B * n / (n - 1)
sr <- sqrt(diag(Vr))
for (i in seq_along(b)) cat(sprintf("robust %s %.10g %.10g\n", names(b)[i], b[i], sr[i]))
cl <- ceiling(as.numeric(rownames(d)) / 10)
Sc <- rowsum(S, cl); G <- nrow(Sc)
Vc <- B %*% crossprod(Sc) %*% B * G / (G - 1)
sc <- sqrt(diag(Vc))
for (i in seq_along(b)) cat(sprintf("cluster %s %.10g %.10g\n", names(b)[i], b[i], sc[i]))
cat(sprintf("cluster G %d\n", G))
