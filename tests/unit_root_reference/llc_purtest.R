# Independent reference values for mlm's xtunitroot llc and hadri (tests/test_xtunitroot.py): R's
# plm purtest(test = "levinlin" / "hadri") on Grunfeld's investment series (tests/xtregar_reference/
# grunfeld.csv: Stata's grunfeld.dta).  Run from this folder: Rscript llc_purtest.R
#
# Where plm's conventions differ from Stata's and how the test bridges them:
# - The Bartlett kernel's lags for the long-run variance: plm rounds 3.21 T^(1/3) (9 for
#   T = 20), Stata's _xturllc.ado truncates it (int(): 8).  The script gives plm q = 8, and
#   q = 9 where the test passes kernel(bartlett 9).
# - demean (Stata removes each period's cross-sectional mean first): plm has no such option;
#   the script demeans the series by year before purtest.
# - hadri: Stata divides the residuals' variance by T - 1 (T - 2 with a trend): plm's
#   dfcor = TRUE; robust is plm's Hcons = TRUE.  plm has no kernel() long-run variance (the
#   test checks it in numpy).
# Everything else (ADF regressions, s_i, the LLC table's mu* and sigma* at T~ = T - p - 1,
# t-delta and t*) is the same in both.
library(plm)
library(jsonlite)
g <- read.csv("../xtregar_reference/grunfeld.csv")
p <- pdata.frame(g, index = c("company", "year"))
run <- function(x, exo, lags, q) {
  r <- suppressWarnings(purtest(x, test = "levinlin", exo = exo, lags = lags, q = q))
  list(tds = unname(r$statistic$statistic), p = unname(r$statistic$p.value))
}
g$dm <- g$invest - ave(g$invest, g$year)
pd <- pdata.frame(g, index = c("company", "year"))
out <- list(constant = run(p$invest, "intercept", 1, 8),
            trend_lags2_q9 = run(p$invest, "trend", 2, 9),
            none_demean = run(pd$dm, "none", 1, 8),
            mvalue_lags0 = run(p$mvalue, "intercept", 0, 8))
hadri <- function(x, exo, hcons) {
  r <- purtest(x, test = "hadri", exo = exo, Hcons = hcons, dfcor = TRUE)
  list(z = unname(r$statistic$statistic), p = unname(r$statistic$p.value))
}
out$hadri <- hadri(p$invest, "intercept", FALSE)
out$hadri_trend_robust <- hadri(p$invest, "trend", TRUE)
out$hadri_demean <- hadri(pd$dm, "intercept", FALSE)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "llc_purtest.json")
