# Independent reference values for mlm's xtabond2 (tests/test_xtabond2.py) from R's plm
# (pgmm, Croissant & Millo), on abdata.csv (written by xtabond_plm.R from plm's EmplUK).
# Run:  Rscript xtabond2_plm.R  (writes xtabond2_plm.json).
#
# Where plm's conventions differ from xtabond2's and how the test bridges them:
# - pgmm(n ~ lag(n, 1:2) + w + k | lag(n, 2:99), transformation = "d", collapse = TRUE) is
#   xtabond2 n L.n L2.n w k, gmm(L.n, collapse) iv(w k) noleveleq: lags 2.. of n collapsed
#   (one column per lag), D.w and D.k as standard instruments.
# - transformation = "ld" has no constant and gives the exogenous regressors separate
#   columns in each equation: xtabond2's equivalent is noconstant with
#   iv(w k, eq(diff)) iv(w k, eq(level)) (xtabond2's iv(w k) would be one column [D.w; w]);
#   its level instrument DL.n collapsed is xtabond2's for gmm(L.n, collapse).
# - The one-step weight plm uses here is xtabond2's default h(3) (H with the covariance of the
#   differenced and the level errors filled in, Roodman 2009 eq. 26): the numbers agree.  (In
#   plm 2.6 the fsm argument made no difference -- "GI" and "I" gave these same numbers -- so
#   h(1) and h(2) are checked elsewhere: h(2) against xtdpdsys, h(1) against the paper's 2SLS.)
# - plm's sargan() after a two-step fit is xtabond2's Hansen statistic; vcovHC() is the
#   one-step robust / Windmeijer-corrected two-step variance; mtest(, vcovHC()) the
#   Arellano-Bond test with that variance (xtabond2's under robust/twostep), compared for the
#   difference fits only: after "ld" plm's mtest differs from xtabond2's (whose system AR
#   tests the test checks against Roodman's printed -5.46 and -0.25).
# - xtabond2's own Sargan statistic (one-step residuals over e(N)), difference-in-Hansen and
#   small are checked against Roodman (2009)'s printed abdata examples instead.
library(plm)
library(jsonlite)
here <- if (length(sys.frames())) dirname(sys.frame(1)$ofile) else "."
d <- read.csv(file.path(here, "abdata.csv"))
pd <- pdata.frame(d, index = c("id", "year"))
f <- n ~ lag(n, 1:2) + w + k | lag(n, 2:99)
fit <- function(model, transformation)
  pgmm(f, data = pd, effect = "individual", model = model, transformation = transformation,
       collapse = TRUE, fsm = if (transformation == "ld") "full" else "G")
pack <- function(m, ar) {
  V <- vcovHC(m)
  out <- list(b = unname(coef(m)), se = unname(sqrt(diag(V))))
  if (ar) {
    out$ar1 <- unname(mtest(m, 1, V)$statistic)
    out$ar2 <- unname(mtest(m, 2, V)$statistic)
  }
  if (m$args$model == "twosteps") {
    out$hansen <- unname(sargan(m)$statistic)
    out$hansen_df <- unname(sargan(m)$parameter)
  }
  out
}
out <- list(diff_twostep = pack(fit("twosteps", "d"), TRUE), diff_onestep = pack(fit("onestep", "d"), TRUE),
            system_twostep = pack(fit("twosteps", "ld"), FALSE),
            system_onestep = pack(fit("onestep", "ld"), FALSE))
writeLines(toJSON(out, digits = NA, pretty = TRUE), file.path(here, "xtabond2_plm.json"))
