# Independent reference values for mlm's xtregar (tests/test_xtregar.py): the Baltagi-Wu (1999)
# estimators written from first principles in base R (no panel package has them), following
# the [XT] xtregar manual's Methods and formulas and xtregar.ado's steps, on plm's Grunfeld
# data (Stata's grunfeld.dta: invest = inv, mvalue = value, kstock = capital), balanced and with
# three observations dropped (unequal spacing).  Run: Rscript xtregar_reference.R
library(plm)
library(jsonlite)
data("Grunfeld", package = "plm")
g <- data.frame(company = Grunfeld$firm, year = Grunfeld$year, invest = Grunfeld$inv,
                mvalue = Grunfeld$value, kstock = Grunfeld$capital)
write.csv(g, "grunfeld.csv", row.names = FALSE)

ols <- function(y, X) { y <- as.numeric(y); b <- solve(crossprod(X), crossprod(X, y)); list(b = drop(b), e = drop(y - X %*% b), XtXi = solve(crossprod(X))) }
by_mean <- function(v, id) ave(v, id)

# rho: prais's iterated Durbin-Watson rho on the within data (no constant)
rho_dw <- function(d, twostep = FALSE) {
  yw <- d$invest - by_mean(d$invest, d$company)
  Xw <- cbind(d$mvalue - by_mean(d$mvalue, d$company), d$kstock - by_mean(d$kstock, d$company))
  lagged <- c(FALSE, diff(d$company) == 0 & diff(d$year) == 1)
  b <- ols(yw, Xw)$b; rho <- 0; last <- 2; it <- 0
  while (it < (if (twostep) 1 else 100) && abs(rho - last) > 1e-6) {
    last <- rho
    e <- drop(yw - Xw %*% b)
    de <- (e - c(NA, e[-length(e)]))[lagged]
    rho <- 1 - sum(de^2) / sum(e^2) / 2
    pw <- function(v) ifelse(lagged, v - rho * c(0, v[-length(v)]), v * sqrt(1 - rho^2))
    Y <- pw(yw); X <- apply(Xw, 2, pw)
    b <- ols(Y, X)$b; it <- it + 1
  }
  rho
}

cirho <- function(v, d, rho) {   # the C_i(rho) transform
  first <- c(TRUE, diff(d$company) != 0)
  gap <- c(1, diff(d$year))
  prev <- c(0, v[-length(v)])
  ifelse(first, sqrt(1 - rho^2) * v, sqrt(1 - rho^2) * (v - rho^gap * prev) / sqrt(1 - rho^(2 * gap)))
}

fe <- function(d, rho) {
  first <- c(TRUE, diff(d$company) != 0)
  Y <- cirho(d$invest, d, rho)[!first]; X1 <- cirho(d$mvalue, d, rho)[!first]
  X2 <- cirho(d$kstock, d, rho)[!first]; C <- cirho(rep(1, nrow(d)), d, rho)[!first]
  id <- d$company[!first]
  rrss <- sum(ols(Y, cbind(X1, X2, C))$e^2)
  w <- function(v) v - by_mean(v, id) + mean(v)
  Z <- cbind(w(X1), w(X2), 1); fit <- ols(w(Y), Z)
  NT <- length(Y); K <- 3; N <- length(unique(id))
  rss <- sum(fit$e^2); df_r <- NT - K - N + 1
  V <- rss / (NT - K) * fit$XtXi * (NT - K) / (NT - N - K + 1)
  xb <- drop(cbind(d$mvalue, d$kstock, 1)[!first, ] %*% fit$b)
  ui <- tapply(d$invest[!first], id, mean) - tapply(xb, id, mean)
  s2u <- var(ui); se <- sqrt(rss / df_r)
  b <- fit$b; b[3] <- b[3] / (1 - rho)
  list(b = b, se = sqrt(diag(V)), rho = rho, sigma_u = sqrt(s2u), sigma_e = se, rho_fov = s2u / (se^2 + s2u),
       F_f = df_r / (N - 1) * (rrss - rss) / rss, corr = cor(ui[as.character(id)], xb),
       r2_w = 1 - rss / sum((w(Y) - mean(w(Y)))^2), N = NT)
}

re <- function(d, rho) {
  Z0 <- cbind(d$mvalue, d$kstock, 1)
  Y <- cirho(d$invest, d, rho); Z <- apply(Z0, 2, cirho, d = d, rho = rho)
  mu <- ols(Y, Z)$e
  first <- c(TRUE, diff(d$company) != 0); gap <- c(1, diff(d$year))
  gi <- sqrt(1 - rho^2) * ifelse(first, 1, (1 - rho^gap) / sqrt(1 - rho^(2 * gap)))
  gg <- tapply(gi^2, d$company, sum)
  sw2 <- sum(tapply(mu * gi, d$company, sum)^2 / gg)
  ni <- table(d$company)
  se2 <- (sum(mu^2) - sw2) / sum(ni - 1)
  su2 <- max(0, (sw2 - length(ni) * se2) / sum(gg))
  theta <- 1 - sqrt(se2 / (gg * su2 + se2))
  th <- as.numeric(theta[as.character(d$company)])
  gls <- function(v) as.numeric(v - th * gi * as.numeric((tapply(v * gi, d$company, sum) / gg)[as.character(d$company)]))
  fit <- ols(gls(Y), apply(Z, 2, gls))
  V <- sum(fit$e^2) / (nrow(Z) - 3) * fit$XtXi
  list(b = fit$b, se = sqrt(diag(V)), rho = rho, sigma_u = sqrt(su2), sigma_e = sqrt(se2),
       theta_min = min(th), theta_max = max(th), chi2 = drop(t(fit$b[1:2]) %*% solve(V[1:2, 1:2]) %*% fit$b[1:2]))
}

lbi <- function(d) {   # modified Bhargava et al. DW and Baltagi-Wu LBI from the within residuals
  w <- function(v) v - by_mean(v, d$company)
  e <- ols(w(d$invest), cbind(w(d$mvalue), w(d$kstock), 1))$e
  first <- c(TRUE, diff(d$company) != 0); last <- c(diff(d$company) != 0, TRUE)
  cons <- c(FALSE, diff(d$year) == 1) & !first
  nxt <- c(cons[-1], FALSE)
  S <- sum(e^2); prev <- c(0, e[-length(e)])
  d1 <- sum((ifelse(cons, e - prev, e)[!first])^2) / S
  d2 <- sum((e^2 * !nxt)[!last]) / S
  list(d1 = d1, LBI = d1 + d2 + sum(e[first]^2) / S + sum(e[last]^2) / S)
}

gap <- g[-c(5, 47, 48), ]
out <- list()
for (nm in c("balanced", "gaps")) {
  d <- if (nm == "balanced") g else gap
  d <- d[order(d$company, d$year), ]
  rho <- rho_dw(d)
  out[[nm]] <- list(fe = fe(d, rho), re = re(d, rho), lbi = lbi(d), rho_twostep = rho_dw(d, TRUE),
                    fe_rhof = fe(d, 0.5))
}
# predict, u after fe (xtrar_p): (mean of y - rho L.y less mean of xb - rho L.xb)/(1 - rho) per panel
d <- g[order(g$company, g$year), ]
f <- out$balanced$fe
xb <- drop(cbind(d$mvalue, d$kstock, 1) %*% f$b)
lagged <- c(FALSE, diff(d$company) == 0 & diff(d$year) == 1)
ys <- (d$invest - f$rho * c(NA, d$invest[-nrow(d)]))[lagged]
xs <- (xb - f$rho * c(NA, xb[-nrow(d)]))[lagged]
out$balanced$predict_u <- unname((tapply(ys, d$company[lagged], mean) - tapply(xs, d$company[lagged], mean)) / (1 - f$rho))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "xtregar_reference.json")
