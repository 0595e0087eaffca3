# Reference values for tests/test_convergence_heldout.py (Rscript convergence_heldout_reference.R in
# tests/reference_values; data from make_convergence_heldout_data.py):
#  gee: xtgee.ado's first exchangeable alpha from the independence fit of the negative binomial
#       (k = 1: variance mu + mu^2) GLM of lc on x z -- glm() with MASS::negative.binomial(theta = 1),
#       Pearson residuals r, phi = sum r^2 / N, alpha = [sum_i sum_{s<t} r_is r_it / sum_i n_i (n_i - 1)/2] / phi;
#       and geepack's exchangeable estimate for the Poisson GEE of the same model (geepack does not stop);
#  hhg: the conditional (fixed-effects) negative binomial likelihood of Hausman, Hall and Griliches
#       on conv_hhg_boundary.csv (y on w v f x, panels with a zero total dropped), climbed by optim()
#       from the pooled Poisson estimates: the highest value it reaches and the x coefficient there;
#  ordinal: MASS::polr and ordinal::clm of y on x + factor(person), without person 20 (all zeros),
#       re-based to Stata's layout (the last person omitted: effect_p - effect_last, cut - effect_last).
suppressMessages({library(jsonlite); library(MASS); library(geepack); library(ordinal)})

g <- read.csv("conv_gee_constant.csv")
f0 <- suppressWarnings(glm(lc ~ x + z, family = negative.binomial(theta = 1), data = g,
                           control = glm.control(epsilon = 1e-14, maxit = 100)))
mu <- fitted(f0); r <- (g$lc - mu) / sqrt(mu + mu^2)
phi <- sum(r^2) / nrow(g)
pairs <- sum(tapply(r, g$id, function(v) (sum(v)^2 - sum(v^2)) / 2))
npairs <- sum(tapply(r, g$id, function(v) length(v) * (length(v) - 1) / 2))
alpha_nb <- pairs / npairs / phi
fp <- suppressWarnings(glm(lc ~ x + z, family = poisson, data = g, control = glm.control(epsilon = 1e-14)))
mup <- fitted(fp); rp <- (g$lc - mup) / sqrt(mup)
alpha_poisson <- sum(tapply(rp, g$id, function(v) (sum(v)^2 - sum(v^2)) / 2)) / npairs / (sum(rp^2) / nrow(g))
gp <- suppressWarnings(geeglm(lc ~ x + z, id = id, data = g, family = poisson, corstr = "exchangeable"))
gee <- list(b_independence = unname(coef(f0)), alpha_nb = alpha_nb, alpha_poisson = alpha_poisson,
            geepack_alpha_poisson = unname(gp$geese$alpha))

h <- read.csv("conv_hhg_boundary.csv")
keep <- ave(h$y, h$id, FUN = sum) > 0
h <- h[keep, ]
X <- cbind(h$w, h$v, h$f, h$x, 1); y <- h$y
panels <- split(seq_len(nrow(h)), h$id)
# lgamma(a + n) - lgamma(a) as sum_{j < n} log(a + j) (integer counts): exact however large a is --
# the direct lgamma difference loses every digit once lambda is ~1e16 and climbs to positive values
lgdiff <- function(a, n) if (n == 0) 0 else sum(log(a + seq_len(n) - 1))
ll_fe <- function(b) {
  lam <- exp(drop(X %*% b))
  v <- sum(vapply(panels, function(i) {
    lgamma(sum(y[i]) + 1) - lgdiff(sum(lam[i]), sum(y[i])) +
      sum(mapply(lgdiff, lam[i], y[i]) - lgamma(y[i] + 1))
  }, 0))
  if (is.finite(v)) v else -1e10
}
start <- unname(coef(glm(y ~ w + v + f + x, family = poisson, data = h)))
start <- c(start[2:5], start[1])
o <- optim(start, ll_fe, method = "BFGS", control = list(fnscale = -1, reltol = 1e-15, maxit = 20000))
o2 <- optim(o$par, ll_fe, method = "Nelder-Mead", control = list(fnscale = -1, reltol = 1e-15, maxit = 20000))
best <- if (o2$value > o$value) o2 else o
hhg <- list(N = nrow(h), N_g = length(panels), ll = best$value, b = best$par, start_ll = ll_fe(start))

d <- read.csv("conv_ordinal_person.csv")
d0 <- d[d$allzero == 0, ]
d0$person <- factor(d0$person)
p <- polr(factor(y) ~ x + person, data = d0, Hess = TRUE, control = list(reltol = 1e-14, maxit = 10000))
cl <- clm(factor(y) ~ x + person, data = d0, control = clm.control(gradTol = 1e-12))
eff <- c(0, coef(cl)[grep("^person", names(coef(cl)))])  # the first person the base in R
last <- eff[length(eff)]
ordinal <- list(ll_polr = as.numeric(logLik(p)), ll_clm = as.numeric(logLik(cl)),
                b_x_polr = unname(coef(p)["x"]), b_x = unname(coef(cl)["x"]),
                cuts = unname(cl$alpha - last), persons = unname(eff - last),
                levels = levels(d0$person), se_x = unname(sqrt(diag(vcov(cl)))["x"]))
write(toJSON(list(source = "Rscript convergence_heldout_reference.R", gee = gee, hhg = hhg, ordinal = ordinal),
             digits = 15, auto_unbox = TRUE, pretty = TRUE), "convergence_heldout_reference.json")
