# Swamy's random-coefficients model by hand in R (lm per panel; [XT] xtrc Methods and formulas,
# Sigma without the mean-V_i term as xtrc.ado; Poi 2003 for the panel-specific predictions), and
# plm::pvcm(model = "random") where its Delta = D1 - mean(V_i) fallback does not apply (we report
# its coefficients for the record only).  Run: Rscript xtrc_reference.R  -> xtrc_reference.json
library(jsonlite)
library(plm)
d <- read.csv("xtrc_panels.csv")

swamy <- function(d, fml, constant = TRUE, offset = NULL) {
  if (!is.null(offset)) d$invest <- d$invest - d[[offset]]
  if (!constant) fml <- update(fml, . ~ . - 1)
  n_i <- table(d$company)
  k <- length(attr(terms(fml), "term.labels")) + constant
  dropped <- sum(n_i[n_i <= k])
  d <- d[d$company %in% as.integer(names(n_i[n_i > k])), ]
  fits <- lapply(split(d, d$company), function(g) lm(fml, data = g))
  B <- t(sapply(fits, coef))
  Vs <- lapply(fits, vcov)
  m <- nrow(B)
  bbar <- colMeans(B)
  Sigma <- (crossprod(B) - m * tcrossprod(bbar)) / (m - 1)
  W <- lapply(Vs, function(V) solve(Sigma + V))
  Vb <- solve(Reduce(`+`, W))
  b <- Vb %*% Reduce(`+`, Map(function(w, i) w %*% B[i, ], W, seq_len(m)))
  Vi <- lapply(Vs, solve)
  bstar <- solve(Reduce(`+`, Vi)) %*% Reduce(`+`, Map(function(v, i) v %*% B[i, ], Vi, seq_len(m)))
  chi2 <- sum(sapply(seq_len(m), function(i) { e <- B[i, ] - bstar; t(e) %*% Vi[[i]] %*% e }))
  Si <- solve(Sigma)
  bps <- t(sapply(seq_len(m), function(i) solve(Si + Vi[[i]]) %*% (Si %*% b + Vi[[i]] %*% B[i, ])))
  seps <- t(sapply(seq_len(m), function(i) {
    A <- solve(Si + Vi[[i]]) %*% Si
    IA <- diag(k) - A
    sqrt(diag(Vb + IA %*% (Vs[[i]] - Vb) %*% t(IA)))
  }))
  wald_idx <- which(colnames(B) != "(Intercept)")
  wald <- as.numeric(t(b[wald_idx]) %*% solve(Vb[wald_idx, wald_idx]) %*% b[wald_idx])
  list(b = as.numeric(b), se = sqrt(diag(Vb)), Sigma = as.numeric(Sigma), chi2_c = chi2,
       df_c = k * (m - 1), wald = wald, N = nrow(d), N_g = m, dropped = as.numeric(dropped),
       beta_ps = as.numeric(t(bps)), se_ps = as.numeric(t(seps)))
}

f <- invest ~ market + stock
out <- list(
  names = c("market", "stock", "_cons"),
  balanced = swamy(d, f),
  unbalanced = swamy(d[d$keep == 1, ], f),
  noconstant = swamy(d, f, constant = FALSE),
  offset = swamy(d, f, offset = "off"))
# reorder R's (Intercept)-first columns to Stata's (_cons last)
for (key in c("balanced", "unbalanced", "offset")) {
  r <- out[[key]]
  k <- 3
  perm <- c(2, 3, 1)
  r$b <- r$b[perm]; r$se <- r$se[perm]
  S <- matrix(r$Sigma, k, k); r$Sigma <- as.numeric(S[perm, perm])
  r$beta_ps <- as.numeric(t(matrix(r$beta_ps, ncol = k, byrow = TRUE)[, perm]))
  r$se_ps <- as.numeric(t(matrix(r$se_ps, ncol = k, byrow = TRUE)[, perm]))
  out[[key]] <- r
}
pv <- pvcm(f, data = pdata.frame(d, index = c("company", "time")), model = "random")
out$plm_coefficients <- as.numeric(coef(pv))[c(2, 3, 1)]
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "xtrc_reference.json")
