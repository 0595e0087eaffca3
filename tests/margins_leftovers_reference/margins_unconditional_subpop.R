# margins, subpop() vce(unconditional): independent reference values (mg65).
# Run from the repository root:  Rscript tests/margins_leftovers_reference/margins_unconditional_subpop.R
# Writes tests/margins_leftovers_reference/margins_unconditional_subpop.json.
#
# Data: samples/data/hsb.dta.  Models (mlm fits the same ones):
#   ols:    regress mathach c.ses##i.sector i.minority female, vce(robust)  lm()
#   ols_cl: the same, vce(cluster school)
#   logit:  logit hi c.ses##i.sector i.minority, vce(robust); hi = mathach > 13  glm(binomial)
# (margins' ._parse_vce allows vce(unconditional) only after a robust or cluster fit; the
# linearization below takes the model-based (-H)^-1 and the scores, whatever the fit's VCE.)
# Linearization over the whole estimation sample (_marg_work.class: scores over t_touse, each
# margin's prediction zeroed outside the subpopulation t_sub), for margin c over the rows R_c of
# the subpopulation (and over() group):
#   z_cj = (q_cj - m_c) / |R_c| 1[j in R_c] + J_c IF_j,   IF_j = (-H)^-1 s_j,
#   V = n/(n-1) sum_j z_j z_j'  (clusters: G/(G-1) sum_g (sum_{j in g} z_j)(...)'),
# n every estimation row (inside the subpopulation or not).
suppressMessages({library(haven); library(jsonlite)})
raw <- read_dta("samples/data/hsb.dta")
d <- data.frame(school = as.numeric(raw$school), minority = as.numeric(raw$minority),
                female = as.numeric(raw$female), ses = as.numeric(raw$ses),
                mathach = as.numeric(raw$mathach), sector = as.numeric(raw$sector))
d$hi <- as.numeric(d$mathach > 13)
n <- nrow(d)
setv <- function(nd, var, v) { nd[[var]] <- v; nd }

uncond <- function(Q, J, IF, cluster = NULL) {
  A <- sapply(seq_len(ncol(Q)), function(c) {
    q <- Q[, c]; inc <- !is.na(q); a <- rep(0, nrow(Q)); a[inc] <- (q[inc] - mean(q[inc])) / sum(inc); a })
  Z <- A + IF %*% t(J)
  if (!is.null(cluster)) Z <- rowsum(Z, cluster)
  G <- nrow(Z); G / (G - 1) * crossprod(Z)
}
cases <- list()
add <- function(case, model, command, names, Q, J, IF, cluster = NULL) {
  cases[[length(cases) + 1]] <<- list(case = case, model = model, command = command, names = names,
                                      b = as.vector(colMeans(Q, na.rm = TRUE)),
                                      se = sqrt(diag(uncond(Q, J, IF, cluster))))
}

# ols
ols <- lm(mathach ~ ses * sector + minority + female, d)
tt <- delete.response(terms(ols)); b <- coef(ols)
X <- function(nd) model.matrix(tt, nd)
X0 <- X(d)
IF <- (X0 * resid(ols)) %*% solve(crossprod(X0))
sub <- d$female == 1
Q <- matrix(NA, n, 2); J <- matrix(0, 2, length(b))
for (s in 0:1) {
  nd <- setv(d, "sector", s)
  Q[sub, s + 1] <- as.vector(X(nd) %*% b)[sub]; J[s + 1, ] <- colMeans(X(nd)[sub, ])
}
nm <- c("0bn.sector", "1.sector")
add("sector_subpop_female", "ols", "margins sector, subpop(female) vce(unconditional)", nm, Q, J, IF)
add("sector_subpop_female", "ols_cl", "margins sector, subpop(female) vce(unconditional)", nm, Q, J, IF, d$school)
# over(minority) within the subpopulation sector == 1
sub <- d$sector == 1
Q <- matrix(NA, n, 2); J <- matrix(0, 2, length(b))
for (m in 0:1) {
  inr <- sub & d$minority == m
  Q[inr, m + 1] <- as.vector(X0 %*% b)[inr]; J[m + 1, ] <- colMeans(X0[inr, ])
}
add("over_minority_subpop_if", "ols", "margins, over(minority) subpop(if sector==1) vce(unconditional)",
    c("0bn.minority", "1.minority"), Q, J, IF)

# logit: dy/dx(ses) (X is linear in ses: the derivative is exact) in the subpopulation minority == 0
lg <- glm(hi ~ ses * sector + minority, family = binomial, data = d,
          control = glm.control(epsilon = 1e-14, maxit = 100))
lb <- coef(lg); lV <- vcov(lg); LX <- model.matrix(delete.response(terms(lg)), d)
p0 <- as.vector(plogis(LX %*% lb))
IFl <- (LX * (d$hi - p0)) %*% lV
dX <- model.matrix(delete.response(terms(lg)), setv(d, "ses", d$ses + 1)) - LX
sub <- d$minority == 0
qf <- function(bb) { eta <- as.vector(LX %*% bb); p <- plogis(eta); p * (1 - p) * as.vector(dX %*% bb) }
num_grad <- function(f, x, h = 1e-5) sapply(seq_along(x), function(j) {
  e <- rep(0, length(x)); e[j] <- h
  D <- function(h) { e <- rep(0, length(x)); e[j] <- h; (f(x + e) - f(x - e)) / (2 * h) }
  (4 * D(h / 2) - D(h)) / 3 })
Q <- matrix(NA, n, 1); Q[sub, 1] <- qf(lb)[sub]
J <- matrix(num_grad(function(bb) mean(qf(bb)[sub]), lb), nrow = 1)
add("dydx_ses_subpop_if", "logit", "margins, dydx(ses) subpop(if minority==0) vce(unconditional)", c("ses"),
    Q, J, IFl)

writeLines(toJSON(list(cases = cases), digits = 17, auto_unbox = TRUE, pretty = TRUE),
           "tests/margins_leftovers_reference/margins_unconditional_subpop.json")
