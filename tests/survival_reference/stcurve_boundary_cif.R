# stcurve's boundary kernels and cumulative incidence (tests/test_stcurve_boundary_cif.py).
# 1. The smoothed hazard after stcox age sex on lung.csv (Breslow ties): Stata's contributions
#    c_j = 1 - (1 - basehc_j)^exp(xbar b) at the distinct failure times, basehc_j the
#    Kalbfleisch-Prentice baseline hazard contribution, so c_j = 1 - S(t_j)/S(t_j-1) of survfit's
#    product-limit survivor (stype = 1) at the covariate means; smoothed at 101 equally
#    spaced points from the first to the last failure time with width h = 150: the interior kernel
#    K(u) on [L + h, R - h], Mueller and Wang's (1994, table 1) boundary kernels K_q within h of
#    L or R (q = (x - L)/h, support [-1, q]; the right side mirrored).  Written out here from
#    the paper's table, independently of mlm's code.
# 2. The cumulative incidence after stcrreg age sex thickness ulcer, compete(status == 3) on
#    MASS's Melanoma (melanoma.csv) at the covariate means: survival::finegray + coxph (Breslow)
#    + survfit's cumulative subhazard H(t), CIF = 1 - exp(-H(t)).
# Run from the worktree root:
#   Rscript tests/survival_reference/stcurve_boundary_cif.R > tests/survival_reference/stcurve_boundary_cif.json
library(survival)
d <- read.csv("tests/survival_reference/lung.csv")
fit <- coxph(Surv(time, died) ~ age + sex, data = d, ties = "breslow")
sf <- survfit(fit, newdata = data.frame(age = mean(d$age), sex = mean(d$sex)), stype = 1)
ev <- sf$n.event > 0
tj <- sf$time[ev]
cj <- 1 - sf$surv[ev] / c(1, head(sf$surv[ev], -1))
L <- min(tj); R <- max(tj); h <- 150
grid <- L + (R - L) * (0:100) / 100
interior <- list(rectangle = function(u) ifelse(abs(u) < 1, 0.5, 0),
                 epan2 = function(u) ifelse(abs(u) < 1, 0.75 * (1 - u^2), 0),
                 biweight = function(u) ifelse(abs(u) < 1, 15 / 16 * (1 - u^2)^2, 0))
left <- list(rectangle = function(u, q) 4 * (1 - q + q^2) / (1 + q)^3 + 6 * (1 - q) / (1 + q)^3 * u,
             epan2 = function(u, q) 12 / (1 + q)^4 * (u + 1) * ((1 - 2 * q) * u + (3 * q^2 - 2 * q + 1) / 2),
             biweight = function(u, q) 15 / (1 + q)^5 * (1 + u)^2 * (q - u) *
               (2 * u * (5 * (1 - q) / (1 + q) - 1) + 3 * q - 1 + 5 * (1 - q)^2 / (1 + q)))
smooth <- function(k) sapply(grid, function(x) {
  u <- (x - tj) / h
  if (x >= L + h && x <= R - h) return(sum(interior[[k]](u) * cj) / h)
  if (x < L + h) { q <- (x - L) / h; w <- left[[k]](u, q) * (u >= -1 & u <= q) }
  else { q <- (R - x) / h; w <- left[[k]](-u, q) * (-u >= -1 & -u <= q) }
  max(sum(w * cj) / h, 0)
})
m <- MASS::Melanoma
m$event <- factor(m$status, c(2, 1, 3), c("censor", "melanoma", "other"))
fg <- finegray(Surv(time, event) ~ age + sex + thickness + ulcer, data = m, etype = "melanoma")
crr_fit <- coxph(Surv(fgstart, fgstop, fgstatus) ~ age + sex + thickness + ulcer, weights = fgwt, data = fg,
                 ties = "breslow", control = coxph.control(eps = 1e-12, iter.max = 100))
means <- data.frame(age = mean(m$age), sex = mean(m$sex), thickness = mean(m$thickness), ulcer = mean(m$ulcer))
cs <- survfit(crr_fit, newdata = means, ctype = 1)
out <- list(grid = grid, width = h, rectangle = smooth("rectangle"), epan2 = smooth("epan2"),
            biweight = smooth("biweight"), cif_times = cs$time[cs$n.event > 0],
            cif_means = 1 - exp(-cs$cumhaz[cs$n.event > 0]), crr_b = unname(coef(crr_fit)))
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
