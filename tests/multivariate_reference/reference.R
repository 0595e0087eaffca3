# Independent reference values for alpha and pca (tests/test_multivariate.py).
# Run: Rscript reference.R > reference_values.json   (R 4.x with psych and jsonlite)
suppressMessages({library(psych); library(jsonlite)})
x <- read.csv("items.csv")
xm <- read.csv("itemsmiss.csv")
out <- list()

# alpha q1-q4 with q4 reversed (Stata reverses it empirically: negative first-factor loading)
keyed <- x[, c("q1", "q2", "q3", "q4")]; keyed$q4 <- -keyed$q4
a <- psych::alpha(keyed, check.keys = FALSE, warnings = FALSE)
S <- cov(keyed)
out$alpha_raw <- a$total$raw_alpha
out$alpha_std <- a$total$std.alpha
out$avg_cov <- mean(S[lower.tri(S)])
out$avg_cor <- a$total$average_r
out$item_test_raw <- unname(a$item.stats$raw.r)
out$item_test_std <- unname(a$item.stats$std.r)
out$item_rest_raw <- unname(a$item.stats$r.drop)
out$alpha_drop_raw <- unname(a$alpha.drop$raw_alpha)
out$alpha_drop_std <- unname(a$alpha.drop$std.alpha)
out$first_factor_loadings <- unname(psych::fa(x[, c("q1", "q2", "q3", "q4")], nfactors = 1, fm = "pa",
                                             max.iter = 1, warnings = FALSE, rotate = "none", SMC = TRUE)$loadings[, 1])

# alpha with missing values: pairwise covariances weighted by pairwise counts (alpha.ado)
m <- xm[, c("q1", "q2", "q3")]
P <- !is.na(m)
obs <- t(P) %*% P
C <- cov(m, use = "pairwise.complete.obs")
low <- lower.tri(C)
avg <- sum(obs[low] * C[low]) / sum(obs[low])
v <- sum(diag(obs) * diag(C)) / sum(diag(obs))
out$miss_avg_cov <- avg
out$miss_alpha <- 3 * avg / (v + 2 * avg)

# pca of q1-q6 (correlation), eigenvectors signed with a positive column sum (Stata's symeigen)
R <- cor(x)
e <- eigen(R, symmetric = TRUE)
V <- e$vectors %*% diag(sign(colSums(e$vectors)))
out$pca_eigenvalues <- e$values
out$pca_vectors <- V
pr <- prcomp(x, scale. = TRUE)
out$prcomp_sdev2 <- pr$sdev^2
sc <- scale(x) %*% V[, 1:2]
out$pca_scores_head <- sc[1:5, ]
# covariance pca
ec <- eigen(cov(x), symmetric = TRUE)
out$pcacov_eigenvalues <- ec$values
# varimax (Kaiser normalization on and off) and promax(3) of two retained components' eigenvectors
L2 <- V[, 1:2]
out$varimax_normalize <- unclass(varimax(L2, normalize = TRUE, eps = 1e-10)$loadings)
out$varimax_raw <- unclass(varimax(L2, normalize = FALSE, eps = 1e-10)$loadings)
# stats::promax's own steps, its varimax converged tightly (promax() calls varimax with eps = 1e-5)
promax_tight <- function(x, m) {
  x <- unclass(varimax(x, normalize = TRUE, eps = 1e-10)$loadings)
  Q <- x * abs(x)^(m - 1)
  U <- lm.fit(x, Q)$coefficients
  d <- diag(solve(t(U) %*% U))
  x %*% (U %*% diag(sqrt(d)))
}
out$promax3 <- promax_tight(L2, 3)
out$promax3_stock <- unclass(promax(L2, m = 3)$loadings)
# KMO and SMC
k <- psych::KMO(R); out$kmo <- k$MSA; out$kmo_items <- unname(k$MSAi)
out$smc <- unname(psych::smc(R))
# factor: pf (one eigen step of R with the SMCs on its diagonal), ipf (converged iterated
# principal axis, psych::fa fm = "pa"), pcf (psych::principal); loadings signed as Stata's
# symeigen (positive column sums of the eigenvectors, which sqrt(eigenvalue) keeps)
Rr <- R; diag(Rr) <- psych::smc(R)
er <- eigen(Rr, symmetric = TRUE)
Vr <- er$vectors %*% diag(sign(colSums(er$vectors)))
out$pf_eigenvalues <- er$values
Lpf <- Vr[, 1:2] %*% diag(sqrt(er$values[1:2]))
out$pf_loadings <- Lpf
out$pf_uniqueness <- 1 - rowSums(Lpf^2)
ipf <- psych::fa(R, nfactors = 2, fm = "pa", rotate = "none", max.iter = 10000, min.err = 1e-13, warnings = FALSE)
out$ipf_loadings <- unclass(ipf$loadings)
out$ipf_uniqueness <- unname(ipf$uniquenesses)
pcf <- psych::principal(R, nfactors = 2, rotate = "none")
out$pcf_loadings <- unclass(pcf$loadings)
out$pf_varimax <- unclass(varimax(Lpf, normalize = FALSE, eps = 1e-10)$loadings)
Zs <- scale(as.matrix(x))
out$pf_regression_scores_head <- (Zs %*% solve(R) %*% Lpf)[1:5, ]
Psi <- diag(1 - rowSums(Lpf^2))
out$pf_bartlett_scores_head <- (Zs %*% solve(Psi) %*% Lpf %*% solve(t(Lpf) %*% solve(Psi) %*% Lpf))[1:5, ]
out$chi2_independence <- -(nrow(x) - (2 * 6 + 5) / 6) * log(det(R))
# gradient-projection rotations (GPArotation, from the identity as Stata's rotatemat) of three
# components' eigenvectors and of the pf loadings
suppressMessages(library(GPArotation))
L3 <- V[, 1:3]
out$oblimin0_oblique <- unclass(GPFoblq(L3, method = "oblimin", methodArgs = list(gam = 0), eps = 1e-8, maxit = 100000)$loadings)
out$quartimax <- unclass(GPForth(L3, method = "quartimax", eps = 1e-8, maxit = 100000)$loadings)
out$oblimin05_orthogonal <- unclass(GPForth(L3, method = "oblimin", methodArgs = list(gam = 0.5), eps = 1e-8, maxit = 100000)$loadings)
qm <- GPFoblq(Lpf, method = "quartimin", eps = 1e-8, maxit = 100000)
out$pf_quartimin <- unclass(qm$loadings)
out$pf_quartimin_phi <- qm$Phi
# maximum likelihood factors (stats::factanal, Joreskog's method; chi2 = Bartlett-corrected LR)
fa2 <- factanal(covmat = R, factors = 2, n.obs = nrow(x), rotation = "none",
                control = list(opt = list(factr = 1, pgtol = 0, maxit = 10000)))
out$ml2_loadings <- unclass(fa2$loadings)
out$ml2_uniqueness <- unname(fa2$uniquenesses)
out$ml2_statistic <- unname(fa2$STATISTIC)
out$ml2_dof <- unname(fa2$dof)
out$ml2_objective <- unname(fa2$criteria["objective"])
fa1 <- factanal(covmat = R, factors = 1, n.obs = nrow(x), control = list(opt = list(factr = 1, pgtol = 0)))
out$ml1_uniqueness <- unname(fa1$uniquenesses)
out$ml1_statistic <- unname(fa1$STATISTIC)
cat(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE))

# The Holzinger & Swineford (1939) visual tests x1-x3 (lavaan's data), whose Stata pca log
# is published (https://.../pca-by-hand: "pca visual-paper" on 301 children); written by:
#   write.csv(lavaan::HolzingerSwineford1939[, c("x1", "x2", "x3")], "holzinger_x1_x3.csv", row.names = FALSE)
