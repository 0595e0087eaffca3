# asclogit as a conditional logit (survival::clogit, exact = one event per stratum):
# Rscript asclogit.R travel.csv > values.txt
library(survival)
d <- read.csv(commandArgs(TRUE)[1])
for (j in 2:4) {
  d[[paste0("inc", j)]] <- d$income * (d$mode == j)
  d[[paste0("ps", j)]] <- d$psize * (d$mode == j)
  d[[paste0("c", j)]] <- as.numeric(d$mode == j)
}
show <- function(tag, f) {
  b <- coef(f); s <- sqrt(diag(vcov(f)))
  cat(sprintf("%s ll %.10f\n", tag, f$loglik[2]))
  for (i in seq_along(b)) cat(sprintf("%s %s %.10g %.10g\n", tag, names(b)[i], b[i], s[i]))
}
f1 <- clogit(choice ~ cost + ttime + inc2 + ps2 + c2 + inc3 + ps3 + c3 + inc4 + ps4 + c4 + strata(id), d,
             method = "exact")
show("full", f1)
idx <- c("inc2", "ps2", "inc3", "ps3", "inc4", "ps4", "cost", "ttime")
b <- coef(f1)[idx]; V <- vcov(f1)[idx, idx]
cat(sprintf("full wald %.10f\n", drop(t(b) %*% solve(V) %*% b)))
lp <- predict(f1, type = "lp", reference = "sample")
x <- model.matrix(~ cost + ttime + inc2 + ps2 + c2 + inc3 + ps3 + c3 + inc4 + ps4 + c4 - 1, d)
xb <- drop(x %*% coef(f1))
pr <- exp(xb) / ave(exp(xb), d$id, FUN = sum)
for (i in 1:8) cat(sprintf("full row%d %.10g %.10g\n", i, pr[i], xb[i]))
# base alternative 3 (bus), no constants, no casevars
f2 <- clogit(choice ~ cost + ttime + strata(id), d, method = "exact")
show("nocons", f2)
