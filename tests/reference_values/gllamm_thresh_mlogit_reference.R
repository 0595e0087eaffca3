# Reference values for gllamm's thresh() and link(mlogit) expanded() (tests/test_gllamm_thresh_mlogit.py).
#
# Run from the repository root:
#   OPENBLAS_NUM_THREADS=1 Rscript tests/reference_values/gllamm_thresh_mlogit_reference.R
# writes the two data sets tests/reference_values/gllamm_thresh.csv and gllamm_choice.csv (simulated
# here, fixed seed) and tests/reference_values/gllamm_thresh_mlogit_reference.json.  R is never a
# test dependency: the CSV and JSON files are committed.
#
# Models (gllamm manual, Rabe-Hesketh, Skrondal & Pickles 2004):
#  * ordinal logit with covariates in the thresholds (thresh()): Pr(y <= s) = F(kappa_s - x'b - u_j),
#    kappa_s = a_s0 + w * a_s1, u_j ~ N(0, sd^2);
#  * conditional (McFadden) logit on expanded data (link(mlogit) expanded(set choice o)):
#    Pr(chosen) = exp(eta_c) / sum_a exp(eta_a), eta_a = x_a'b + price_a * u_j (a random price
#    coefficient), u_j ~ N(0, sd^2).
# gllamm's adaptive quadrature (adapt, nip(Q)): nodes m_j + sqrt(2) s_j t_k (t_k, w_k the Q-point
# Gauss-Hermite rule) with (m_j, s_j) the posterior mean and SD of u_j computed by the same rule,
# iterated to a fixed point at the current parameters.  That log likelihood is written here from
# first principles (own code, vectorised over clusters) and maximised over (b, a, sd) -- gllamm's
# parametrisation -- with optim; optimHess gives e(V) in gllamm's metric.
# Cross-checks printed (and stored) from established packages:
#  * no random effect: ordinal::clm(nominal = ~ w) and survival::clogit -- the same likelihoods;
#  * the random-intercept ordinal model with threshold covariates: ordinal::clmm2(nominal = ~ w,
#    random = person, nAGQ = 20) against this script's likelihood with 20 points (both close to the
#    exact integral).
suppressMessages({ library(ordinal); library(survival); library(jsonlite) })

set.seed(8611)
# ---------------------------------------------------------------- ordinal data
P <- 120; I <- 8
person <- rep(1:P, each = I); item <- rep(1:I, P)
x1 <- as.integer(item %% 2 == 0)              # item-level
x2 <- rep(round(rnorm(P), 2), each = I)       # person-level
w <- as.integer(item > I / 2)                 # threshold covariate (item-level)
u <- rep(rnorm(P, 0, 1.1), each = I)
eta <- 0.8 * x1 - 0.5 * x2 + u
k1 <- 0.2 + 0.6 * w; k2 <- 1.8 + 0.2 * w
ystar <- eta + rlogis(P * I)
y <- ifelse(ystar <= k1, 0L, ifelse(ystar <= k2, 1L, 2L))
ord <- data.frame(person, item, x1, x2, w, y)
write.csv(ord, "tests/reference_values/gllamm_thresh.csv", row.names = FALSE)

# ---------------------------------------------------------------- choice data
H <- 50; A <- 3
occ <- sample(8:12, H, replace = TRUE)
rows <- do.call(rbind, lapply(1:H, function(h) {
  do.call(rbind, lapply(1:occ[h], function(o) data.frame(id = h, occ = o, alt = 1:A)))
}))
rows$set <- as.integer(factor(rows$id * 100 + rows$occ))
rows$a1 <- as.integer(rows$alt == 1); rows$a2 <- as.integer(rows$alt == 2)
rows$price <- round(c(1.0, 1.2, 0.8)[rows$alt] + rnorm(nrow(rows), 0, 0.4), 2)
rows$disp <- rbinom(nrow(rows), 1, 0.2)
uh <- rnorm(H, 0, 1.5)
util <- 0.3 * rows$a1 - 0.2 * rows$a2 + 0.5 * rows$disp - 2 * rows$price + uh[rows$id] * rows$price +
  -log(-log(runif(nrow(rows))))
rows$choice <- 0L
for (s in unique(rows$set)) { r <- which(rows$set == s); rows$choice[r[which.max(util[r])]] <- 1L }
write.csv(rows, "tests/reference_values/gllamm_choice.csv", row.names = FALSE)

# ---------------------------------------------------------------- quadrature
gh <- function(Q) {  # physicists' Gauss-Hermite rule (Golub-Welsch)
  i <- 1:(Q - 1); J <- matrix(0, Q, Q)
  J[cbind(i, i + 1)] <- sqrt(i / 2); J[cbind(i + 1, i)] <- sqrt(i / 2)
  e <- eigen(J, symmetric = TRUE); o <- order(e$values)
  list(x = e$values[o], w = sqrt(pi) * e$vectors[1, o]^2)
}
# ln L of every cluster: rowll(U) gives, for a G x K matrix of effects U (one row per cluster),
# the G x K matrix of sum over the cluster's observations of ln f(y | u)
adaptive_ll <- function(rowll, G, sd, Q) {
  r <- gh(Q); m <- rep(0, G); s <- rep(sd, G)
  for (it in 1:500) {
    U <- m + sqrt(2) * s %o% r$x
    lg <- rowll(U) + dnorm(U, 0, sd, log = TRUE) + matrix(log(r$w) + r$x^2, G, Q, byrow = TRUE)
    if (any(!is.finite(lg))) return(rep(-Inf, G))
    mx <- apply(lg, 1, max); pk <- exp(lg - mx); tot <- rowSums(pk); pk <- pk / tot
    ll <- mx + log(tot) + log(sqrt(2) * s)
    mn <- rowSums(pk * U); sn <- sqrt(rowSums(pk * (U - mn)^2))
    if (max(abs(mn - m) / sn, abs(sn - s) / sn) < 1e-11) break
    m <- mn; s <- sn
  }
  ll
}

# ---------------------------------------------------------------- ordinal likelihood
ord_rowll <- function(par, U) {
  b <- par[1:2]; a <- matrix(par[3:6], 2, 2, byrow = TRUE)  # rows: cut 1, cut 2; columns: w, _cons
  eta0 <- b[1] * ord$x1 + b[2] * ord$x2
  k1 <- a[1, 1] * ord$w + a[1, 2]; k2 <- a[2, 1] * ord$w + a[2, 2]
  E <- eta0 + U[ord$person, , drop = FALSE]
  up <- ifelse(ord$y == 0, k1, k2); lo <- ifelse(ord$y == 2, k2, k1)
  pu <- plogis(up - E); pu[ord$y == 2, ] <- 1
  pl <- plogis(lo - E); pl[ord$y == 0, ] <- 0
  d <- pu - pl
  if (any(!(d > 0))) return(matrix(-Inf, P, ncol(U)))  # thresholds out of order somewhere
  rowsum(log(d), ord$person, reorder = TRUE)
}
ord_ll <- function(par, Q = 5) {
  sd <- abs(par[7])
  v <- sum(adaptive_ll(function(U) ord_rowll(par, U), P, sd, Q))
  if (!is.finite(v)) -1e10 else v
}
ord_ll0 <- function(par) sum(ord_rowll(c(par, 0), matrix(0, P, 1)))

fit <- function(f, start) {
  o <- optim(start, f, method = "BFGS", control = list(fnscale = -1, maxit = 1000, reltol = 1e-15))
  o <- optim(o$par, f, method = "BFGS", control = list(fnscale = -1, maxit = 1000, reltol = 1e-15))
  H <- optimHess(o$par, f)
  list(b = o$par, ll = o$value, se = sqrt(diag(solve(-H))))
}

ord0 <- fit(ord_ll0, c(0, 0, 0, 0, 0, 1.5))
ordA <- fit(function(p) ord_ll(p, 5), c(ord0$b, 1))
ordA$b[7] <- abs(ordA$b[7])
ord20 <- fit(function(p) ord_ll(p, 20), ordA$b)
ord20$b[7] <- abs(ord20$b[7])

# cross-checks
ord$yf <- factor(ord$y, ordered = TRUE)
c0 <- clm(yf ~ x1 + x2, nominal = ~ w, data = ord)
ord$pf <- factor(ord$person)
cm <- clmm2(yf ~ x1 + x2, nominal = ~ w, random = pf, data = ord, Hess = TRUE, nAGQ = 20)
cat("ordinal, no random effect: own", ord0$ll, " clm", as.numeric(logLik(c0)), "\n")
cat("ordinal, random intercept, 20 points: own", ord20$ll, " clmm2", as.numeric(logLik(cm)), "\n")
cat("  sd own", ord20$b[7], " clmm2", cm$stDev, "\n")

# ---------------------------------------------------------------- choice likelihood
ch_rowll <- function(par, U) {
  b <- par[1:4]
  eta0 <- b[1] * rows$a1 + b[2] * rows$a2 + b[3] * rows$disp + b[4] * rows$price
  E <- eta0 + rows$price * U[rows$id, , drop = FALSE]
  mx <- apply(E, 2, function(col) ave(col, rows$set, FUN = max))
  lse <- log(apply(exp(E - mx), 2, function(col) ave(col, rows$set, FUN = sum))) + mx
  rowsum((E - lse) * rows$choice, rows$id, reorder = TRUE)
}
ch_ll <- function(par, Q = 8) {
  v <- sum(adaptive_ll(function(U) ch_rowll(par, U), H, abs(par[5]), Q))
  if (!is.finite(v)) -1e10 else v
}
ch_ll0 <- function(par) sum(ch_rowll(c(par, 0), matrix(0, H, 1)))
ch0 <- fit(ch_ll0, c(0, 0, 0, 0))
chA <- fit(function(p) ch_ll(p, 8), c(ch0$b, 0.5))
chA$b[5] <- abs(chA$b[5])
cl <- clogit(choice ~ a1 + a2 + disp + price + strata(set), data = rows, method = "exact")
cat("choice, no random effect: own", ch0$ll, " clogit", cl$loglik[2], "\n")

out <- list(
  thresh_init = list(command = "gllamm y x1 x2, i(person) link(ologit) thresh(thr) init",
                     names = c("y:x1", "y:x2", "_cut11:w", "_cut11:_cons", "_cut12:w", "_cut12:_cons"),
                     ll = ord0$ll, b = ord0$b, se = ord0$se,
                     clm_ll = as.numeric(logLik(c0))),
  thresh_adapt5 = list(command = "gllamm y x1 x2, i(person) link(ologit) thresh(thr) adapt nip(5)",
                       names = c("y:x1", "y:x2", "_cut11:w", "_cut11:_cons", "_cut12:w", "_cut12:_cons",
                                 "pers1:_cons"),
                       ll = ordA$ll, b = ordA$b, se = ordA$se, var = ordA$b[7]^2),
  thresh_adapt20 = list(ll = ord20$ll, b = ord20$b, clmm2_ll = as.numeric(logLik(cm)), clmm2_sd = cm$stDev),
  choice_init = list(names = c("alt:a1", "alt:a2", "alt:disp", "alt:price"),
                     ll = ch0$ll, b = ch0$b, se = ch0$se, clogit_ll = cl$loglik[2]),
  choice_adapt8 = list(command = "gllamm alt a1 a2 disp price, i(id) eqs(pr) noconstant link(mlogit) expanded(set choice o) adapt",
                       names = c("alt:a1", "alt:a2", "alt:disp", "alt:price", "id1_1:price"),
                       ll = chA$ll, b = chA$b, se = chA$se, var = chA$b[5]^2)
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE),
           "tests/reference_values/gllamm_thresh_mlogit_reference.json")
