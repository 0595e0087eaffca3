* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:keithluter/Arms-Trade-Project@842bb93a334d5c7298043931d575fbae59df5f66 dissertation_tables.do (a political-science dissertation on arms imports and democratisation, SIPRI imports with POLITY IV and Freedom House scores by country-year: quietly forvalues loops of xtreg fe and re on one- to five-year leads with estimates store and hausman, estimates table f* with b(%9.2fc) stats(r2_w) star(), xtologit with F1./F5. leads and or, recode ... generate(), preserve and a quietly block of statsby _b/_se/e(df_r) by(ccode) clear: xtreg fe with ttail p-values, keep/sort/save and restore inside the block, per-country loops of xtreg fe with noisily estimates table, tssmooth ma window(4 1 0), twoway tsline overlays by country)
* author: Keith Luter (repository owner)
* licence: none stated
* data: diss.dta = arms_trade_diss
use "diss.dta", clear
qui forv i = 1 / 5 {
  xtreg intPOLITY2_lag`i' dblTIV_ln dblMaddison_ln bytColdWar, fe
    est sto f`i'
  xtreg intPOLITY2_lag`i' dblTIV_ln dblMaddison_ln bytColdWar, re
    est sto r`i'
  hausman f`i' r`i'
}
est tab f*, b(%9.2fc) stats(r2_w) star(.05 .01 .001)
qui forv i = 1 / 5 {
  xtreg intPRCL_lag`i' dblTIV_ln dblMaddison_ln bytColdWar, fe
    est sto f`i'
  xtreg intPRCL_lag`i' dblTIV_ln dblMaddison_ln bytColdWar, re
    est sto r`i'
  hausman f`i' r`i'
}
est tab f*, b(%9.2fc) stats(r2_w) star(.05 .01 .001)
xtologit ordRegime dblTIV_ln dblMaddison_ln bytColdWar, or
xtologit F1.ordRegime dblTIV_ln dblMaddison_ln bytColdWar, or
xtologit F5.ordRegime dblTIV_ln dblMaddison_ln bytColdWar, or
recode intPRCL (2/5 = 3) (6/10 = 2) (11/14 = 1), generate(ordFH)
xtologit F1.ordFH dblTIV_ln dblMaddison_ln bytColdWar, or
xtologit F5.ordFH dblTIV_ln dblMaddison_ln bytColdWar, or
preserve
qui{
  statsby alpha=_b[dblTIV_ln] se=_se[dblTIV_ln] df=e(df_r), by(ccode) clear: xtreg intPOLITY2_lag1 dblTIV_ln bytColdWar dblMaddison_ln, fe
  g t = alpha/se
  g p = 2*ttail(df,abs(t))
  keep if p < 0.05
  so alpha
  sa regs_polity.dta, replace

  restore
  preserve

  statsby alpha=_b[dblTIV_ln] se=_se[dblTIV_ln] df=e(df_r), by(ccode) clear: xtreg intPRCL_lag1 dblTIV_ln bytColdWar dblMaddison_ln, fe
  g t = alpha/se
  g p = 2*ttail(df,abs(t))
  keep if p < 0.05
  so alpha
  sa regs_prcl.dta, replace

  restore
}
loc cases 800 666 840 790
qui foreach x of local cases {
  forv i = 1/5 {
    xtreg intPOLITY2_lag`i' dblTIV_ln dblMaddison_ln bytColdWar if ccode == `x', fe
    est sto pol_lag_`x'_`i'
  }
  noi est tab pol_lag_`x'_*, b(%9.2fc) stats(r2_w) star(.05 .01 .001)
}
qui foreach x of local cases {
  forv i = 1/5 {
    xtreg intPRCL_lag`i' dblTIV_ln dblMaddison_ln bytColdWar if ccode == `x', fe
    est sto prcl_lag_`x'_`i'
  }
  noi est tab prcl_lag_`x'_*, b(%9.2fc) stats(r2_w) star(.05 .01 .001)
}
tssmooth ma fh=intPRCL, window(4 1 0)
tssmooth ma tiv=dblTIV_ln, window(4 1 0)
tssmooth ma pol=intPOLITY2, window(4 1 0)
la var fh "label"
la var tiv "label"
la var pol "label"
twoway (tsline fh, lcolor(midgreen) lwidth(0.6)) (tsline pol, lcolor(blue) lwidth(0.6)) (tsline tiv, lcolor(red) lwidth(0.6)) if ccode == 800, tscale(off) title(title) legend(on rows(3) position(9) ring(0))
twoway (tsline fh, lcolor(midgreen) lwidth(0.6)) (tsline pol, lcolor(blue) lwidth(0.6)) (tsline tiv, lcolor(red) lwidth(0.6)) if ccode == 666, tscale(off) title(title) legend(on rows(3) position(9) ring(0))
twoway (tsline fh, lcolor(midgreen) lwidth(0.6)) (tsline pol, lcolor(blue) lwidth(0.6)) (tsline tiv, lcolor(red) lwidth(0.6)) if ccode == 840, tscale(off) title(title) legend(on rows(3) position(9) ring(0))
twoway (tsline fh, lcolor(midgreen) lwidth(0.6)) (tsline pol, lcolor(blue) lwidth(0.6)) (tsline tiv, lcolor(red) lwidth(0.6)) if ccode == 790, tscale(off) title(title) legend(on rows(3) position(9) ring(0))
