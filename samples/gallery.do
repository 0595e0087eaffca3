* ============================================================================
* gallery.do -- one graph of every kind mlm draws, along a multilevel workflow,
* each exported as a PNG into the current folder (gallery_*.png).
*
*   mlm samples/gallery.do          (run it from any folder: it makes its data)
*
* The data are simulated here: 30 schools, 20 pupils each, maths scores that
* depend on SES with school-specific intercepts and slopes.
* ============================================================================

version 13
set more off
clear
set seed 20140613
set obs 600
generate school = ceil(_n/20)
generate ses = rnormal(0, 1)
generate girl = runiform() < .5
generate u0 = .
generate u1 = .
bysort school: replace u0 = rnormal(0, 2) if _n == 1
bysort school: replace u1 = rnormal(0, .5) if _n == 1
bysort school: replace u0 = u0[1]
bysort school: replace u1 = u1[1]
generate math = 12 + u0 + (2.5 + u1)*ses + 1.2*girl + rnormal(0, 4)
generate sector = school > 15
label define sectorlbl 0 "Public" 1 "Catholic"
label values sector sectorlbl
label variable math "Math achievement"
label variable ses "Socio-economic status"

* ---------------------------------------------------------------- the data
scatter math ses, msize(small) title("Math achievement by SES")
graph export gallery_scatter.png, replace

twoway (lfitci math ses) (scatter math ses, msize(vsmall)), by(sector) ytitle(Math achievement)
graph export gallery_lfitci_by.png, replace

twoway (scatter math ses, msize(tiny) mcolor(gs10)) (qfitci math ses) (lowess math ses) ///
    (lpoly math ses, degree(1)), legend(order(3 "Quadratic fit" 4 "Lowess" 5 "Local linear") rows(1))
graph export gallery_smooths.png, replace

* graph text takes SMCL: bold, italics, Greek letters, superscripts ([G-4] text)
histogram math, normal kdensity title("{bf:Math achievement}: {it:N}({&mu}, {&sigma}{sup:2}) and a kernel density")
graph export gallery_histogram.png, replace

kdensity math, normal
graph export gallery_kdensity.png, replace

graph box math, over(sector) over(girl)
graph export gallery_box.png, replace

graph matrix math ses girl sector, half msymbol(p) title("Scatterplot matrix")
graph export gallery_matrix.png, replace

graph pie, over(sector) plabel(_all percent, format(%4.1f)) pie(2, explode) by(girl, title("Pupils by sector"))
graph export gallery_pie.png, replace

* school means over the pupils' order within the school, as a panel data set
bysort school: generate pupil = _n
xtset school pupil
xtline math if school <= 4, overlay title("Four schools")
graph export gallery_xtline.png, replace

preserve
keep if school == 1
tsset pupil
tsline math, title("One school")
graph export gallery_tsline.png, replace
restore
xtset, clear

graph box math, over(sector, total) capsize(2) yline(12, noextend lpattern(dash))
graph export gallery_box_total_caps.png, replace

graph hbox math, over(sector)
graph export gallery_hbox.png, replace

graph bar (mean) math ses, over(sector) blabel(bar, format(%4.1f))
graph export gallery_bar.png, replace

graph hbar (median) math, over(girl) over(sector)
graph export gallery_hbar.png, replace

graph dot (mean) math, over(school) ylabel(, angle(0))
graph export gallery_dot.png, replace

* ---------------------------------------------------------------- the model
* one level first: regress's residuals against its fitted values
quietly regress math ses girl
rvfplot, yline(0) msize(small) title("Single-level regression")
graph export gallery_rvfplot.png, replace

mixed math ses girl || school: ses, covariance(unstructured)
estat caterpillar, subtitle("30 schools") xline(0, lpattern(dash))
graph export gallery_caterpillar.png, replace

predict res, residuals
predict fit, fitted
predict b1 b0, reffects
qnorm res, title("Level-1 residuals")
graph export gallery_qnorm.png, replace

pnorm res
graph export gallery_pnorm.png, replace

symplot res
graph export gallery_symplot.png, replace

quantile math
graph export gallery_quantile.png, replace

qqplot math ses, rlopts(lpattern(dash))
graph export gallery_qqplot.png, replace

generate res2 = (res/6)^2
qchi res2, grid
graph export gallery_qchi.png, replace

qladder math
graph export gallery_qladder.png, replace

spikeplot math, round(1) by(sector)
graph export gallery_spikeplot.png, replace

histogram b0, frequency bin(8) title("School intercepts")
graph export gallery_histogram_blup.png, replace

sort school ses
twoway line fit ses, connect(ascending) lwidth(thin) title("Fitted lines, one per school")
graph export gallery_spaghetti.png, replace

* school means with 95% intervals
egen mmath = mean(math), by(school)
egen sdmath = sd(math), by(school)
generate lo = mmath - 1.96*sdmath/sqrt(20)
generate hi = mmath + 1.96*sdmath/sqrt(20)
bysort school: generate first = _n == 1
twoway (rcap lo hi school if first) (scatter mmath school if first, msymbol(D)), ///
    legend(off) ytitle(School mean and 95% CI) xlabel(1(2)30)
graph export gallery_rcap.png, replace

twoway (rarea lo hi school if first, sort color(gs13)) (connected mmath school if first, sort), legend(off)
graph export gallery_rarea_connected.png, replace

* scatteri: a shaded span (recast(area)) and a reference segment (recast(line)) by coordinates
twoway (scatteri 20 10.5 20 20.5, recast(area) color(gs14)) (connected mmath school if first, sort) ///
    (scatteri 12 0.5 12 30.5, recast(line) lpattern(dash) lcolor(maroon)), ///
    legend(order(2 "School mean")) ytitle(Math achievement)
graph export gallery_scatteri.png, replace

twoway bar mmath school if first, barwidth(.7) yline(12, lpattern(dash)) base(0)
graph export gallery_twoway_bar.png, replace

twoway area b0 school if first, sort || spike b1 school if first
graph export gallery_area_spike.png, replace

twoway (rspike lo hi school if first) (rline lo hi school if first, sort lpattern(dash)) ///
    (dropline mmath school if first, mlabel(school) mlabsize(vsmall)), legend(order(1 "95% CI" 3 "Mean"))
graph export gallery_rspike_rline_dropline.png, replace

twoway (histogram math, fcolor(gs14) lcolor(gs10)) (kdensity math, lwidth(medthick)), ///
    legend(order(1 "Histogram" 2 "Kernel density") region(lstyle(none)))
graph export gallery_twoway_histogram_kdensity.png, replace

twoway (scatter math ses, msymbol(Oh) msize(small)) (lfit math ses) (qfit math ses, lpattern(dash)), ///
    scheme(s1mono) title("s1mono scheme") legend(rows(1))
graph export gallery_s1mono_fits.png, replace

lowess math ses, bwidth(.5) msize(vsmall)
graph export gallery_lowess.png, replace

twoway (scatter math ses, msize(tiny) mcolor(gs10)) (mband math ses) (mspline math ses, lpattern(dash)), ///
    legend(order(2 "Median bands" 3 "Median spline") rows(1))
graph export gallery_mband_mspline.png, replace

twoway (fpfitci mmath school if first) (scatter mmath school if first), legend(rows(1)) ///
    ytitle(School mean) title("Fractional polynomial fit")
graph export gallery_fpfitci.png, replace

twoway dot mmath school if first, horizontal ndots(40) xtitle(School mean)
graph export gallery_twoway_dot.png, replace

* the school means of boys and girls joined by arrows
egen mboys = mean(cond(girl == 0, math, .)), by(school)
egen mgirls = mean(cond(girl == 1, math, .)), by(school)
twoway (pcarrow mboys school mgirls school if first, msize(small)) ///
    (pcscatter mboys school mboys school if first, msymbol(O)) ///
    (pcarrowi 22 3 19 6 (3) "girls' mean"), legend(off) ytitle(Math achievement)
graph export gallery_pcarrow.png, replace

* a bivariate normal density over SES and maths as a surface
generate dens = normalden(ses)*normalden((math - 12)/4)/4
twoway contour dens math ses, levels(6) format(%5.3f) title("Density surface")
graph export gallery_contour.png, replace

lpoly math ses, degree(1) bwidth(.8) ci msize(vsmall) ylabel(, angle(0))
graph export gallery_lpoly_ci.png, replace

twoway (lpolyci math ses, degree(1) bwidth(.8) level(90)) (scatter math ses, msize(tiny)), ///
    legend(note("local linear, 90% band") rows(1))
graph export gallery_lpolyci.png, replace

graph dot (mean) math, over(sector, total) ndots(40) dots(msymbol(o) mcolor(gs8))
graph export gallery_dot_ndots.png, replace

twoway function y = normalden(x), range(-4 4) || function y = normalden(x, 1, 1.5), range(-4 4) ///
    || , legend(label(1 "N(0,1)") label(2 "N(1,1.5)")) text(.35 -3 "two densities", place(e))
graph export gallery_function.png, replace

scatter math ses, name(left, replace) msize(vsmall)
histogram ses, name(right, replace)
graph combine left right, cols(2) title("Combined")
graph export gallery_combine.png, replace

* ---------------------------------------------------------------- survival: Kaplan-Meier
set seed 14
generate months = ceil(-ln(runiform()) * (20 + 10*sector))
generate died = runiform() < .8
stset months, failure(died)
sts graph, by(sector) ci
graph export gallery_sts.png, replace
stphplot, by(sector) noshow
graph export gallery_stphplot.png, replace
stcoxkm, by(sector) noshow
graph export gallery_stcoxkm.png, replace

* ---------------------------------------------------------------- principal components: loadings and scores
quietly pca math ses months
loadingplot, xline(0) yline(0)
graph export gallery_loadingplot.png, replace
scoreplot, msize(vsmall)
graph export gallery_scoreplot.png, replace
biplot math ses months if school <= 3, std
graph export gallery_biplot.png, replace

* ---------------------------------------------------------------- after logit: ROC and cutoffs
generate high = math > 15
quietly logit high ses girl
lroc
graph export gallery_lroc.png, replace
lsens
graph export gallery_lsens.png, replace
roccomp high math ses, graph summary
graph export gallery_roccomp.png, replace

* ---------------------------------------------------------------- coefplot (SSC): estimates with CIs
coefplot, drop(_cons) xline(0) title("Logit of high math score")
graph export gallery_coefplot.png, replace

* ---------------------------------------------------------------- time series: correlograms and spectra
clear
set seed 20140614
set obs 200
generate t = _n
tsset t
generate e = rnormal()
generate y = e
replace y = .7*y[_n-1] + e + .4*e[_n-1] in 2/l
ac y, lags(24)
graph export gallery_ac.png, replace
pac y, lags(24) srv
graph export gallery_pac.png, replace
pergram y
graph export gallery_pergram.png, replace
cumsp y
graph export gallery_cumsp.png, replace
