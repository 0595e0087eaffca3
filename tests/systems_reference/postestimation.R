# Independent reference values for margins/test/testparm/lincom after sureg and mvreg
# (tests/test_systems_postestimation.py).  Run: Rscript postestimation.R (writes postestimation.json).
# sureg: systemfit's SUR with methodResidCov = "noDfCor" (Stata's sureg, see sureg_mvreg.R);
# Wald tests by car::linearHypothesis(test = "Chisq") on that fit.  mvreg: R's multivariate lm,
# V = Sigma (x) (X'X)^-1 and Stata's Wald F = W / q on df_r, written out from the definitions.
# margins: the average over the rows of x_k b_k (gradient: the mean row of X_k in equation k's block).
suppressMessages({library(systemfit); library(car); library(jsonlite)})
d <- read.csv("systems_data.csv")
two <- list(y1 = y1 ~ x1 + x2, y2 = y2 ~ x1 + x3)
f <- systemfit(two, method = "SUR", data = d, methodResidCov = "noDfCor")
b <- coef(f); V <- vcov(f)
chi <- function(h) { r <- linearHypothesis(f, h, test = "Chisq"); r[2, "Chisq"] }
out <- list()
out$sureg <- list(
  test_x1 = chi(c("y1_x1 = 0", "y2_x1 = 0")),          # test x1: both equations
  test_y1_x1 = chi("y1_x1 = 0"),                        # test [y1]x1
  test_cross = chi("y1_x1 - y2_x1 = 0"),                # test [y1]x1 = [y2]x1
  testparm_x1_x2 = chi(c("y1_x1 = 0", "y2_x1 = 0", "y1_x2 = 0")),
  lincom = unname(b["y1_x1"] - b["y2_x1"]),
  lincom_se = unname(sqrt(V["y1_x1", "y1_x1"] + V["y2_x1", "y2_x1"] - 2 * V["y1_x1", "y2_x1"])))
# margins, predict(equation(y2)): mean over the rows of (1, x1, x3) b_y2
g <- setNames(rep(0, length(b)), names(b))
g[c("y2_(Intercept)", "y2_x1", "y2_x3")] <- c(1, mean(d$x1), mean(d$x3))
out$sureg$margin_y2 <- sum(g * b)
out$sureg$margin_y2_se <- sqrt(drop(t(g) %*% V %*% g))
# margins, predict(difference equation(#1,#2)) at(x1 = 1)
g <- setNames(rep(0, length(b)), names(b))
g[c("y1_(Intercept)", "y1_x1", "y1_x2")] <- c(1, 1, mean(d$x2))
g[c("y2_(Intercept)", "y2_x1", "y2_x3")] <- -c(1, 1, mean(d$x3))
out$sureg$difference_at1 <- sum(g * b)
out$sureg$difference_at1_se <- sqrt(drop(t(g) %*% V %*% g))
# mvreg y1 y2 = x1 x2 x3: test x1 (both equations), F(2, df_r)
m <- lm(cbind(y1, y2) ~ x1 + x2 + x3, data = d)
B <- coef(m)
E <- residuals(m)
Sig <- crossprod(E) / m$df.residual
Vm <- kronecker(Sig, solve(crossprod(model.matrix(m))))  # order: y1 (Intercept) x1 x2 x3, y2 ...
bm <- as.vector(B)
R <- matrix(0, 2, 8); R[1, 2] <- 1; R[2, 6] <- 1
dd <- R %*% bm
out$mvreg <- list(test_x1_F = drop(t(dd) %*% solve(R %*% Vm %*% t(R)) %*% dd) / 2, df_r = m$df.residual,
                  margin_y2 = mean(model.matrix(m) %*% B[, 2]))
gm <- c(rep(0, 4), colMeans(model.matrix(m)))
out$mvreg$margin_y2_se <- sqrt(drop(t(gm) %*% Vm %*% gm))
# scales many orders of magnitude apart (price-like y1, a squared regressor in y2's equation):
# sureg's GLS matrix is badly scaled but not singular
d$y1big <- 1e5 * d$y1
d$x3sq <- (500 + 100 * d$x3)^2
fb <- systemfit(list(y1big = y1big ~ x1 + x2, y2 = y2 ~ x1 + x3sq), method = "SUR", data = d,
                methodResidCov = "noDfCor")
out$sureg_scaled <- list(b = unname(coef(fb)[c(2, 3, 1, 5, 6, 4)]))
write_json(out, "postestimation.json", digits = NA, auto_unbox = TRUE, pretty = FALSE)
