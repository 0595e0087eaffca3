# margins ..., contrast(overjoint | atjoint | atcontrast()): independent reference values (mg65).
# Run from the repository root:  Rscript tests/margins_leftovers_reference/margins_contrast_joint.R
# Writes tests/margins_leftovers_reference/margins_contrast_joint.json.
#
# Data: samples/data/hsb.dta; sesq = 1 + (ses > -.5) + (ses > 0) + (ses > .5); hi = mathach > 13.
#   ols4:   regress mathach i.sesq##i.sector female      lm()
#   logit4: logit hi i.sesq##i.sector female             glm(binomial)
# Predictive margins m(s, k) = mean over the rows of over() group s (all rows without over())
# of the prediction with sector set to k (and female to the at() value); delta-method V of the
# margins from the Jacobian (exact for lm, Richardson-extrapolated differences for glm).
# The contrasts (_marg_work's prefix#(r.sector)): for each level s > 1 of the joined dimension,
#   c_s = [m(s,1) - m(s,0)] - [m(1,1) - m(1,0)],
# their Wald statistic W = c' (L V L')^-1 c (F = W / df after regress, df = the number of c_s).
# emmeans cross-checks the ols4 interaction contrasts (its interaction contrasts of the
# sector x sesq cell means do not depend on how female is averaged in a linear model).
suppressMessages({library(haven); library(jsonlite); library(emmeans)})
raw <- read_dta("samples/data/hsb.dta")
d <- data.frame(female = as.numeric(raw$female), ses = as.numeric(raw$ses),
                mathach = as.numeric(raw$mathach), sector = as.numeric(raw$sector))
d$sesq <- 1 + (d$ses > -0.5) + (d$ses > 0) + (d$ses > 0.5)
d$hi <- as.numeric(d$mathach > 13)
d$fsesq <- factor(d$sesq); d$fsector <- factor(d$sector)
n <- nrow(d)

rgrad <- function(f, b) {
  k <- length(b)
  sapply(seq_len(k), function(j) {
    D <- function(h) { e <- rep(0, k); e[j] <- h; (f(b + e) - f(b - e)) / (2 * h) }
    h <- 1e-4; (4 * D(h / 2) - D(h)) / 3 })
}
cases <- list()
add <- function(case, model, command, stat, df, b, se) {
  cases[[length(cases) + 1]] <<- list(case = case, model = model, command = command, stat = stat, df = df,
                                      b = b, se = se)
}
wald <- function(c, Vc) as.numeric(t(c) %*% solve(Vc) %*% c)

fits <- list(
  ols4 = lm(mathach ~ fsesq * fsector + female, d),
  logit4 = glm(hi ~ fsesq * fsector + female, family = binomial, data = d,
               control = glm.control(epsilon = 1e-14, maxit = 100)))
for (model in names(fits)) {
  fit <- fits[[model]]
  b <- coef(fit); V <- vcov(fit); tt <- delete.response(terms(fit))
  inv <- if (model == "ols4") identity else plogis
  margin <- function(rows, sector, female = NULL) {
    nd <- d[rows, ]; nd$fsector <- factor(sector, levels = c(0, 1))
    if (!is.null(female)) nd$female <- female
    X <- model.matrix(tt, nd, xlev = list(fsesq = levels(d$fsesq), fsector = c("0", "1")))
    function(bb) mean(inv(as.vector(X %*% bb)))
  }
  # overjoint: margins r.sector, over(sesq) contrast(overjoint effects)
  fs <- list()
  for (s in 1:4) for (k in 0:1) fs[[length(fs) + 1]] <- margin(d$sesq == s, k)
  m <- function(bb) sapply(fs, function(f) f(bb))  # order (s, k)
  ctr <- function(bb) { x <- matrix(m(bb), nrow = 2); eff <- x[2, ] - x[1, ]; eff[2:4] - eff[1] }
  c0 <- ctr(b); J <- rgrad(ctr, b); Vc <- J %*% V %*% t(J)
  W <- wald(c0, Vc)
  add("overjoint", model, "margins r.sector, over(sesq) contrast(overjoint effects)",
      if (model == "ols4") W / 3 else W, 3, c0, sqrt(diag(Vc)))
  # atjoint and atcontrast(r): margins r.sector, at(female=(0 1)) contrast(...) -- after logit
  # only (a linear model's sector contrast does not move with female: the test is omitted)
  if (model == "ols4") next
  ga <- list(margin(rep(TRUE, n), 0, 0), margin(rep(TRUE, n), 1, 0), margin(rep(TRUE, n), 0, 1),
             margin(rep(TRUE, n), 1, 1))
  cta <- function(bb) { x <- sapply(ga, function(f) f(bb)); (x[4] - x[3]) - (x[2] - x[1]) }
  c0 <- cta(b); J <- matrix(rgrad(cta, b), nrow = 1); Vc <- J %*% V %*% t(J)
  W <- wald(c0, Vc)
  for (sub in c("atjoint", "atcontrast(r)"))
    add(sub, model, sprintf("margins r.sector, at(female=(0 1)) contrast(%s effects)", sub),
        W, 1, c0, sqrt(diag(Vc)))
}
# emmeans cross-check of the ols4 overjoint contrasts (interaction contrasts of the cell means)
em <- emmeans(fits$ols4, ~ fsector * fsesq)
ic <- summary(contrast(em, interaction = c("trt.vs.ctrl", "trt.vs.ctrl")))
stopifnot(max(abs(ic$estimate - cases[[1]]$b)) < 1e-9, max(abs(ic$SE - cases[[1]]$se)) < 1e-9)
jt <- test(contrast(em, interaction = c("trt.vs.ctrl", "trt.vs.ctrl")), joint = TRUE)
stopifnot(abs(jt$F.ratio - cases[[1]]$stat) < 1e-4 * cases[[1]]$stat)

writeLines(toJSON(list(cases = cases), digits = 17, auto_unbox = TRUE, pretty = TRUE),
           "tests/margins_leftovers_reference/margins_contrast_joint.json")
