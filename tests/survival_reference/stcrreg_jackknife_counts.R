# Reference values for stcrreg's vce(jackknife) with jackknife's n()/nocount beside stset
# fweights and nodrop beside rows outside the sample (tests/test_stcrreg_jackknife_counts.py).
# Each replicate is the Fine and Gray fit by survival::finegray + coxph (as stcrreg_jackknife.R);
# stset fweights are the data expanded by them, each copy a subject of its own (stcrreg.ado:
# "I treat fw/iw as whole new subjects"), and jackknife.ado's _loop_jknife_fw leaves one copy of
# a cluster out; _jk_sum sums the replicates [fw = frequency]:
#   V = (F-1)/F sum_g f_g (b_g - c)(b_g - c)', F = sum f_g, c = sum f_g b_g / F.
#  fw_records: melanoma_records.csv, w = 1 + (id - 1) mod 3, stset t [fw=w], id(id) failure(status==1),
#              stcrreg age sex tk, compete(status==3): every subject's replicate (nocount) and
#              the single-record subjects' (n(e(N_sub)): a subject of several records fails)
#  nodrop:     melanoma.csv with thickness missing in rows 1-4, stset time, failure(status==1),
#              stcrreg age sex thickness ulcer, compete(status==3) vce(jackknife, nocount nodrop):
#              rows 1-4 are replicates whose fit is the full sample's (b); n(e(N)) fails them
#  nodrop_fw:  the same with w = 1 + (_n - 1) mod 3 as stset fweights
# Run from the worktree root:
#   Rscript tests/survival_reference/stcrreg_jackknife_counts.R > tests/survival_reference/stcrreg_jackknife_counts.json
library(survival)
ctl <- coxph.control(eps = 1e-12, iter.max = 100, timefix = FALSE)
ev <- function(status) factor(ifelse(status == 2, 0, ifelse(status == 1, 1, 2)), 0:2, c("censor", "melanoma", "other"))
fgfit <- function(s, f) {
  fg <- finegray(Surv(t0, t, event) ~ ., data = s, id = id, etype = "melanoma", timefix = FALSE)
  unname(coef(coxph(f, weights = fgwt, data = fg, ties = "breslow", control = ctl)))
}
# the data with each unit (column `unit`) repeated w times, each copy its own subject
expand <- function(s, w) {
  x <- s[rep(seq_len(nrow(s)), w), ]
  x$copy <- sequence(w)
  x$id <- as.integer(factor(paste(x$unit, x$copy)))
  x
}
fw_jack <- function(s, f, units, freq) {
  b <- fgfit(expand(s, freq[match(s$unit, units)]), f)
  B <- t(sapply(seq_along(units), function(g) {
    less <- freq - (seq_along(units) == g)
    fgfit(expand(s, less[match(s$unit, units)]), f)
  }))
  list(b = b, B = B)
}
fw_V <- function(B, f) {
  F <- sum(f)
  c <- colSums(B * f) / F
  D <- sweep(B, 2, c)
  unname((F - 1) / F * crossprod(D * sqrt(f)))
}
jk_V <- function(B) {
  n <- nrow(B)
  D <- sweep(B, 2, colMeans(B))
  unname((n - 1) / n * crossprod(D))
}
# fw_records
r <- read.csv("tests/survival_reference/melanoma_records.csv")
r$event <- ev(r$status); r$unit <- r$id
units <- sort(unique(r$id)); w <- 1 + (units - 1) %% 3
fr <- Surv(fgstart, fgstop, fgstatus) ~ age + sex + tk
jr <- fw_jack(r[, c("unit", "id", "t0", "t", "event", "age", "sex", "tk")], fr, units, w)
single <- as.vector(table(factor(r$id, units)) == 1)
fw_records <- list(b = jr$b, V_nocount = fw_V(jr$B, w), V_nsub = fw_V(jr$B[single, ], w[single]),
                   single = single, F_nsub = sum(w[single]), N_sub = sum(w), N = sum(w[match(r$id, units)]))
# nodrop (unweighted): rows 1-4 outside the sample
d <- read.csv("tests/survival_reference/melanoma.csv")
d$id <- seq_len(nrow(d)); d$unit <- d$id; d$t0 <- 0; d$t <- d$time; d$event <- ev(d$status)
d$thickness[1:4] <- NA
s <- d[!is.na(d$thickness), c("unit", "id", "t0", "t", "event", "age", "sex", "thickness", "ulcer")]
fd <- Surv(fgstart, fgstop, fgstatus) ~ age + sex + thickness + ulcer
b <- fgfit(s, fd)
Bin <- t(sapply(s$unit, function(i) fgfit(s[s$unit != i, ], fd)))
Ball <- rbind(matrix(b, 4, length(b), byrow = TRUE), Bin)
nodrop <- list(b = b, V_nocount = jk_V(Ball), V_n = jk_V(Bin))
# nodrop with fweights
wd <- 1 + (d$id - 1) %% 3
jd <- fw_jack(s, fd, s$unit, wd[s$unit])
Ball_fw <- rbind(matrix(jd$b, 4, length(jd$b), byrow = TRUE), jd$B)
nodrop_fw <- list(b = jd$b, V_nocount = fw_V(Ball_fw, wd), V_n = fw_V(jd$B, wd[s$unit]), N_nocount = sum(wd),
                  F_n = sum(wd[s$unit]))
cat(jsonlite::toJSON(list(fw_records = fw_records, nodrop = nodrop, nodrop_fw = nodrop_fw), digits = 15,
                     auto_unbox = TRUE, pretty = TRUE))
