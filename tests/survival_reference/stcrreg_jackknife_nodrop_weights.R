# Reference values for stcrreg's vce(jackknife, nocount|n(e(N)) nodrop) beside stset fweights that are
# missing or zero on if/in rows outside the estimation sample (tests/test_stcrreg_jackknife_nodrop_weights.py).
# Each replicate is the Fine and Gray fit by survival::finegray + coxph on the data expanded by the
# frequencies, each copy a subject of its own (as stcrreg_jackknife_counts.R); jackknife.ado's
# _loop_jknife_fw leaves one copy of a replicate's rows out, _jk_sum sums [fw = multiplier]:
#   V = (F-1)/F sum_g f_g (b_g - c)(b_g - c)', F = sum f_g, c = sum f_g b_g / F.
# melanoma.csv, w = 1 + (_n - 1) mod 3, stcrreg age sex thickness ulcer, compete(status==3):
#  missing_fw:      w missing in row 3, stset time [fw=w], failure(status==1): jackknife's replicates are
#                   summarize's r(N) = 204 of the 205 if/in rows, the first 204 in data order; row 3's
#                   refits the sample (b) and posts a missing multiplier (out of V), row 205 has no
#                   replicate of its own (never left out)
#  zero_outside_if: w = 0 in row 15 (age 20), stset time if age > 20 [fw=w], failure(status==1): the 9
#                   rows of age <= 20 are replicates whose fit is b; row 15's multiplier is 0 (out of V,
#                   _jk_sum's marksample), the other 8 count with their frequencies under nocount;
#                   n(e(N)) fails all 9
# Run from the worktree root:
#   Rscript tests/survival_reference/stcrreg_jackknife_nodrop_weights.R > tests/survival_reference/stcrreg_jackknife_nodrop_weights.json
library(survival)
ctl <- coxph.control(eps = 1e-12, iter.max = 100, timefix = FALSE)
ev <- function(status) factor(ifelse(status == 2, 0, ifelse(status == 1, 1, 2)), 0:2, c("censor", "melanoma", "other"))
fgfit <- function(s, f) {
  fg <- finegray(Surv(t0, t, event) ~ ., data = s, id = id, etype = "melanoma", timefix = FALSE)
  unname(coef(coxph(f, weights = fgwt, data = fg, ties = "breslow", control = ctl)))
}
expand <- function(s, w) {
  x <- s[rep(seq_len(nrow(s)), w), ]
  x$copy <- sequence(w)
  x$id <- as.integer(factor(paste(x$unit, x$copy)))
  x
}
fw_V <- function(B, f) {
  F <- sum(f)
  c <- colSums(B * f) / F
  D <- sweep(B, 2, c)
  unname((F - 1) / F * crossprod(D * sqrt(f)))
}
d <- read.csv("tests/survival_reference/melanoma.csv")
d$id <- seq_len(nrow(d)); d$unit <- d$id; d$t0 <- 0; d$t <- d$time; d$event <- ev(d$status)
w <- 1 + (d$id - 1) %% 3
cols <- c("unit", "id", "t0", "t", "event", "age", "sex", "thickness", "ulcer")
fd <- Surv(fgstart, fgstop, fgstatus) ~ age + sex + thickness + ulcer
leave_one_copy <- function(s, ws, units) {
  t(sapply(units, function(u) fgfit(expand(s, ws - (s$unit == u)), fd)))
}
# missing_fw
s <- d[-3, cols]; ws <- w[-3]
b <- fgfit(expand(s, ws), fd)
units <- setdiff(1:204, 3)
B <- leave_one_copy(s, ws, units)
missing_fw <- list(b = b, V = fw_V(B, w[units]), F = sum(w[units]), N = sum(ws))
# zero_outside_if
w2 <- w; w2[15] <- 0
inside <- d$age > 20
s <- d[inside, cols]; ws <- w2[inside]
b2 <- fgfit(expand(s, ws), fd)
Bin <- leave_one_copy(s, ws, s$unit)
out <- which(!inside & w2 > 0)
Ball <- rbind(Bin, matrix(b2, length(out), length(b2), byrow = TRUE))
zero_outside_if <- list(b = b2, V_nocount = fw_V(Ball, c(ws, w2[out])), V_n = fw_V(Bin, ws),
                        F_nocount = sum(ws) + sum(w2[out]), F_n = sum(ws), N_nocount = sum(w2), N = sum(ws))
cat(jsonlite::toJSON(list(missing_fw = missing_fw, zero_outside_if = zero_outside_if), digits = 15,
                     auto_unbox = TRUE, pretty = TRUE))
