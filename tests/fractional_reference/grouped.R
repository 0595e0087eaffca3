# Reference values for tests/test_grouped_binary.py (grouped.out).  blogit/bprobit: R's binomial
# glm() of cbind(pos, pop - pos) (standard errors from numDeriv's observed information), its log likelihood less sum(lchoose(pop, pos)) (Stata's is the
# expanded Bernoulli data's), the null model's the same way; glogit/gprobit: Berkson's two stages
# written out with lm() (OLS of the empirical logit/probit, then weights n p(1-p) or
# n dnorm(xb)^2/(p(1-p)) from its fit).  Data: grouped.csv.  Run: Rscript grouped.R > grouped.out
d <- read.csv("grouped.csv")
out <- function(tag, what, v) cat(tag, what, sprintf("%.10g", v), "\n")
for (link in c("logit", "probit")) {
  f <- glm(cbind(pos, pop - pos) ~ x + g, family = binomial(link = link), data = d)
  f0 <- glm(cbind(pos, pop - pos) ~ 1, family = binomial(link = link), data = d)
  k <- sum(lchoose(d$pop, d$pos))
  tag <- paste0("b", link)
  out(tag, "b", coef(f)); out(tag, "se", sqrt(diag(vcov(f))))
  out(tag, "ll", as.numeric(logLik(f)) - k); out(tag, "ll0", as.numeric(logLik(f0)) - k)
  # probit's standard errors from the observed information (Stata's OIM; glm()'s are expected)
  X <- model.matrix(~ x + g, d)
  G <- if (link == "logit") plogis else pnorm
  ll <- function(b) { p <- G(drop(X %*% b)); sum(d$pos * log(p) + (d$pop - d$pos) * log1p(-p)) }
  out(tag, "se_oim", sqrt(diag(solve(-numDeriv::hessian(ll, coef(f))))))
}
emp <- log(d$pos / (d$pop - d$pos))
s1 <- lm(emp ~ x + g, data = d)
p <- plogis(fitted(s1))
s2 <- lm(emp ~ x + g, data = d, weights = p * (1 - p) * d$pop)
out("glogit", "b", coef(s2)); out("glogit", "se", sqrt(diag(vcov(s2))))
out("glogit", "r2", summary(s2)$r.squared); out("glogit", "F", summary(s2)$fstatistic[1])
empp <- qnorm(d$pos / d$pop)
t1 <- lm(empp ~ x + g, data = d)
q <- pnorm(fitted(t1))
t2 <- lm(empp ~ x + g, data = d, weights = d$pop * dnorm(fitted(t1))^2 / (q * (1 - q)))
out("gprobit", "b", coef(t2)); out("gprobit", "se", sqrt(diag(vcov(t2))))
out("gprobit", "r2", summary(t2)$r.squared); out("gprobit", "F", summary(t2)$fstatistic[1])
