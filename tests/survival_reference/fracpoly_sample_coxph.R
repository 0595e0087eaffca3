# twoway fpfitci thickness age, estcmd(stcox) estopts(powers(0) offset(o)) with o missing in 1/6:
# fracgen's terms of thickness/10 (powers 0 0) centred at the mean over all 205 rows (fracpoly's
# sample: y, x, _t), stcox (Breslow ties) fitted on rows 7/205 (its markout of the offset);
# fracpred's x b (+ offset 0) and stdp at twoway's kept row for each distinct age.
# Rscript fracpoly_sample_coxph.R  (in tests/survival_reference) -> fracpoly_sample_coxph.json
library(survival)
d <- read.csv("melanoma.csv")
z <- d$thickness / 10
zbar <- mean(z)
d$t1 <- log(z) - log(zbar)
d$t2 <- log(z)^2 - log(zbar)^2
d$o <- 0
d$o[1:6] <- NA
d$dead <- as.integer(d$status == 1)
fit <- coxph(Surv(time, dead) ~ t1 + t2 + age + offset(o), data = d[!is.na(d$o), ], ties = "breslow")
ord <- order(d$age, d$thickness)
first <- ord[c(TRUE, diff(d$age[ord]) != 0)]
first <- first[!is.na(d$o[first])]
X0 <- as.matrix(d[first, c("t1", "t2", "age")])
xb <- as.vector(X0 %*% coef(fit))
se <- sqrt(rowSums((X0 %*% vcov(fit)) * X0))
out <- sprintf('{"b": [%s], "xb": [%s], "se": [%s]}', paste(sprintf("%.15g", coef(fit)), collapse = ", "),
               paste(sprintf("%.15g", xb), collapse = ", "), paste(sprintf("%.15g", se), collapse = ", "))
writeLines(out, "fracpoly_sample_coxph.json")
