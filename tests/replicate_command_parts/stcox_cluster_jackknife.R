# jackknife, cluster(g) nodots: stcox x grp  (g = mod(pid, 7); stset t1, id(pid) failure(died))
# Leave each cluster of g out, refit coxph (Breslow ties) on the records left;
# V = (G-1)/G sum_g (b_(g) - mean)(b_(g) - mean)'.  Writes stcox_cluster_jackknife.json.
library(survival)
library(jsonlite)
d <- read.csv("../reference_values/st_replicates_subjects.csv")
d$g <- d$pid %% 7
fit <- coxph(Surv(t0, t1, died) ~ x + grp, data = d, ties = "breslow")
gs <- sort(unique(d$g))
reps <- t(sapply(gs, function(k) coef(coxph(Surv(t0, t1, died) ~ x + grp, data = d[d$g != k, ], ties = "breslow"))))
G <- length(gs)
dev <- sweep(reps, 2, colMeans(reps))
V <- (G - 1) / G * t(dev) %*% dev
write_json(list(b = unname(coef(fit)), se = unname(sqrt(diag(V))), G = G), "stcox_cluster_jackknife.json",
           digits = 15, auto_unbox = TRUE)
