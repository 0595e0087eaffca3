# Reference numbers for tests/test_contrast_slopes.py: contrasts of the slopes of x across grp's
# levels after regress y i.grp##c.x, from lm's coefficients (slope_g = b_x + b_{g#x}).
# Run: Rscript contrast_slopes_reference.R  (writes slopes.csv and contrast_slopes_reference.json)
library(jsonlite)
set.seed(52)
n <- 90
grp <- rep(1:3, length.out = n)
x <- round(rnorm(n), 3)
y <- round(1 + 0.2 * grp + (0.5 + 0.6 * (grp == 2) + 1.2 * (grp == 3)) * x + rnorm(n), 3)
d <- data.frame(y = y, grp = grp, x = x)
write.csv(d, "slopes.csv", row.names = FALSE)
m <- lm(y ~ factor(grp) * x, data = d)
b <- coef(m); V <- vcov(m)
# slopes as linear combinations of the coefficients
L_slope <- rbind(c(0, 0, 0, 1, 0, 0), c(0, 0, 0, 1, 1, 0), c(0, 0, 0, 1, 0, 1))
est <- function(L) {
  L <- rbind(L)
  list(b = unname(drop(L %*% b)), se = unname(sqrt(diag(L %*% V %*% t(L)))))
}
r <- rbind(L_slope[2, ] - L_slope[1, ], L_slope[3, ] - L_slope[1, ])
ar <- rbind(L_slope[2, ] - L_slope[1, ], L_slope[3, ] - L_slope[2, ])
g <- L_slope - matrix(colMeans(L_slope), 3, 6, byrow = TRUE)
joint <- anova(lm(y ~ factor(grp) + x, data = d), m)
res <- list(r = est(r), ar = est(ar), g = est(g),
            F = joint$F[2], df = joint$Df[2], df_r = m$df.residual, p = joint$`Pr(>F)`[2])
write(toJSON(res, digits = 15, auto_unbox = TRUE, pretty = TRUE), "contrast_slopes_reference.json")
