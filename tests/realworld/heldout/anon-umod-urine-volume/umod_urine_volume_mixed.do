* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 70096799926 (a public GitHub .do file of a cross-sectional study of 24-hour urinary uromodulin (UMOD) excretion and concentration against 24-hour urine volume in a family-based population sample, with eGFR as modifier -- renames and transforms, outliers from sum ..., det r(p1)/r(p99), _pctile ..., p(1 99) into globals, kwallis/tabstat/tab ..., col chi2 loops, twoway lfitci/lowess, mixed ... || treenbr: with c.#c. and c.##i. interactions, margins at(x=(${lo}(0.2)${hi}) z=(...)), margins dydx() at(), margins gfrcat, dydx(), marginsplot xdimension(at(x)) noci recast(line) recastci(rarea), testparm, a program calling lincom and displaying r(estimate)/r(lb)/r(ub)/r(p), margins ... expression(predict(xb)^2) and expression(exp(predict(xb))), xtile, and a program that predicts xb on a grid of a cleared dataset inside preserve and draws twoway contour; folders and graph titles replaced; the index does not name the repository)
* author: unknown (a hospital user folder "dajs" in the file's path)
* licence: none stated
* data: data_all_c_25112015.dta = umod_skipogh
clear
use "C:\Users\x\project\data_all_c_25112015.dta"
global adj "age10 sex01 diabetes ckd_epi10 kid_vol100 d_diur center"
global adjnogfr "age10 sex01 diabetes kid_vol100 d_diur center"
rename umod_u24_ug UMOD24h
replace UMOD24h=UMOD24h/1000
gen UMOD24hsqrt=sqrt(UMOD24h)
gen UMODconc=umod_u24_ugml
gen UMODconclog=log(UMODconc)
rename u24_ml UVOL
gen UVOLlog=log(UVOL)
gen age10=age/10
gen ckd_epi10=ckd_epi/10
gen ckd=.
replace ckd=0 if ckd_epi>=60
replace ckd=1 if ckd_epi<60
tab ckd
gen gfrcat=.
replace gfrcat=1 if ckd_epi<60
replace gfrcat=2 if ckd_epi>=60 & ckd_epi<90
replace gfrcat=3 if ckd_epi>=90 & ckd_epi!=.
label define gfrcat 1 "a" 2 "b" 3 "c"
label values gfrcat gfrcat
tab gfrcat
gen kid_vol100=kid_vol/100
gen outliers=0
gen ucrt_mgkg24sqrt=sqrt(ucrt_mgkg24)
sum ucrt_mgkg24sqrt, det
replace outliers=1 if (ucrt_mgkg24sqrt<=r(p1) | ucrt_mgkg24sqrt>=r(p99)) & ucrt_mgkg24sqrt!=.
sum UMOD24hsqrt, det
replace outliers=1 if (UMOD24hsqrt<=r(p1) | UMOD24hsqrt>=r(p99)) & UMOD24hsqrt!=.
sum UVOLlog, det
replace outliers=1 if (UVOLlog<=r(p1) | UVOLlog>=r(p99)) & UVOLlog!=.
count if sex01!=.
count if UMOD24h!=.
count if UMODconc!=.
count if UVOL!=.
count if UMOD24h!=. & UVOL!=.
drop if UMOD24h==. | UMODconc==. | UVOL==. | age==. | sex01==. | diabetes==. | ckd_epi==. | d_diur==. | kid_vol==. | center==.
count
drop if outliers==1
count
_pctile UVOLlog, p(1 99)
global uvlo=round(r(r1), 0.1)
global uvhi=round(r(r2), 0.1)
display "text ${uvlo} text ${uvhi}"
sum UMOD24h, det
sum UMODconc, det
sum UVOL, det
sum age, det
tab sex01
tab gfrcat
foreach var in age bmi sbp dbp ckd_epi kid_vol UVOL UMOD24h UMODconc {
	kwallis `var', by(gfrcat)
	tabstat `var', by(gfrcat) stats(n mean sd p50 p25 p75)
}
foreach var in sex01 diabetes hta d_diur {
	tab `var' gfrcat, col chi2
}
twoway (scatter UMOD24hsqrt UVOLlog, msize(small)) (lowess UMOD24hsqrt UVOLlog) (lfit UMOD24hsqrt UVOLlog)
twoway (lfitci UMOD24hsqrt UVOLlog) (scatter UMOD24hsqrt UVOLlog, msize(vsmall)), name(fig1a, replace)
mixed UMOD24hsqrt UVOLlog center || treenbr:
mixed UMOD24hsqrt UVOLlog $adj || treenbr:
margins, at(UVOLlog=(${uvlo}(0.2)${uvhi}))
marginsplot, recast(line) recastci(rarea) name(fig1b, replace)
mixed UMOD24hsqrt c.UVOLlog##c.ckd_epi10 center || treenbr:
mixed UMOD24hsqrt c.UVOLlog##c.ckd_epi10 $adjnogfr || treenbr:
margins, at(UVOLlog=(${uvlo}(0.2)${uvhi}) ckd_epi10=(4.5 7.5 10.5))
marginsplot, xdimension(at(UVOLlog)) noci name(fig2a, replace)
sum ckd_epi10
margins, dydx(UVOLlog) at(ckd_epi10=(4(1)13))
marginsplot, yline(0) name(fig2b, replace)
twoway (lfit UMOD24hsqrt UVOLlog if gfrcat==1) (lfit UMOD24hsqrt UVOLlog if gfrcat==2) (lfit UMOD24hsqrt UVOLlog if gfrcat==3), legend(order(1 "a" 2 "b" 3 "c")) name(fig2c, replace)
mixed UMOD24hsqrt c.UVOLlog##i.gfrcat center || treenbr:
testparm c.UVOLlog#i.gfrcat
mixed UMOD24hsqrt c.UVOLlog##i.gfrcat $adjnogfr || treenbr:
testparm c.UVOLlog#i.gfrcat
margins gfrcat, dydx(UVOLlog)
margins gfrcat, at(UVOLlog=(${uvlo}(0.2)${uvhi}))
marginsplot, xdimension(at(UVOLlog)) name(fig2d, replace)
forvalues g=1/3 {
	display "text `g'"
	mixed UMOD24hsqrt UVOLlog $adj if gfrcat==`g' || treenbr:
}
twoway (scatter UMODconclog UVOLlog, msize(small)) (lowess UMODconclog UVOLlog) (lfit UMODconclog UVOLlog)
twoway (lfitci UMODconclog UVOLlog) (scatter UMODconclog UVOLlog, msize(vsmall)), name(fig3a, replace)
mixed UMODconclog UVOLlog center || treenbr:
mixed UMODconclog UVOLlog $adj || treenbr:
margins, at(UVOLlog=(${uvlo}(0.2)${uvhi}))
marginsplot, recast(line) recastci(rarea) name(fig3b, replace)
mixed UMODconclog c.UVOLlog##c.ckd_epi10 center || treenbr:
mixed UMODconclog c.UVOLlog##c.ckd_epi10 $adjnogfr || treenbr:
margins, at(UVOLlog=(${uvlo}(0.2)${uvhi}) ckd_epi10=(4.5 7.5 10.5))
marginsplot, xdimension(at(UVOLlog)) noci name(fig4a, replace)
margins, dydx(UVOLlog) at(ckd_epi10=(4(1)13))
marginsplot, yline(0) name(fig4b, replace)
twoway (lfit UMODconclog UVOLlog if gfrcat==1) (lfit UMODconclog UVOLlog if gfrcat==2) (lfit UMODconclog UVOLlog if gfrcat==3), legend(order(1 "a" 2 "b" 3 "c")) name(fig4c, replace)
mixed UMODconclog c.UVOLlog##i.gfrcat center || treenbr:
testparm c.UVOLlog#i.gfrcat
mixed UMODconclog c.UVOLlog##i.gfrcat $adjnogfr || treenbr:
testparm c.UVOLlog#i.gfrcat
margins gfrcat, dydx(UVOLlog)
margins gfrcat, at(UVOLlog=(${uvlo}(0.2)${uvhi}))
marginsplot, xdimension(at(UVOLlog)) name(fig4d, replace)
forvalues g=1/3 {
	display "text `g'"
	mixed UMODconclog UVOLlog $adj if gfrcat==`g' || treenbr:
}
capture program drop showres
program define showres
	args label expr
	quietly lincom `expr'
	display as text "`label'" as result %6.2f r(estimate) as text " (text " as result %6.2f r(lb) as text " text " as result %6.2f r(ub) as text "), text " as result %5.3f r(p)
end
global uvlab `"6.397 "600" 6.908 "1000" 7.313 "1500" 7.601 "2000" 8.006 "3000""'
quietly mixed UMOD24hsqrt UVOLlog $adj || treenbr:
display _newline as text "{hline 70}" _newline "text" _newline "{hline 70}"
showres "text: " "UVOLlog"
quietly margins, at(UVOLlog=(${uvlo}(0.1)${uvhi})) expression(predict(xb)^2)
marginsplot, recast(line) recastci(rarea) ciopts(fcolor(%30) lwidth(none)) xlabel($uvlab) xtitle("text") ytitle("text") title("text") subtitle("text") name(Q1, replace)
display _newline as text "{hline 70}" _newline "text" _newline "{hline 70}"
quietly mixed UMOD24hsqrt c.UVOLlog##c.ckd_epi10 $adjnogfr || treenbr:
quietly test c.UVOLlog#c.ckd_epi10
display as text "text: " as result %5.3f r(p)
quietly mixed UMOD24hsqrt c.UVOLlog##i.gfrcat $adjnogfr || treenbr:
quietly testparm c.UVOLlog#i.gfrcat
display as text "text: " as result %5.3f r(p)
showres "text a:    " "UVOLlog"
showres "text b:  " "UVOLlog + 2.gfrcat#c.UVOLlog"
showres "text c:   " "UVOLlog + 3.gfrcat#c.UVOLlog"
quietly margins gfrcat, at(UVOLlog=(${uvlo}(0.1)${uvhi})) expression(predict(xb)^2)
marginsplot, xdimension(at(UVOLlog)) recast(line) recastci(rarea) ciopts(fcolor(%20) lwidth(none)) xlabel($uvlab) xtitle("text") ytitle("text") title("text") subtitle("text") name(Q2, replace)
quietly mixed UMODconclog UVOLlog $adj || treenbr:
display _newline as text "{hline 70}" _newline "text" _newline "{hline 70}"
showres "text: " "UVOLlog"
display as text "(text)"
quietly margins, at(UVOLlog=(${uvlo}(0.1)${uvhi})) expression(exp(predict(xb)))
marginsplot, recast(line) recastci(rarea) ciopts(fcolor(%30) lwidth(none)) xlabel($uvlab) xtitle("text") ytitle("text") title("text") subtitle("text") name(Q3, replace)
display _newline as text "{hline 70}" _newline "text" _newline "{hline 70}"
quietly mixed UMODconclog c.UVOLlog##c.ckd_epi10 $adjnogfr || treenbr:
quietly test c.UVOLlog#c.ckd_epi10
display as text "text: " as result %5.3f r(p)
quietly mixed UMODconclog c.UVOLlog##i.gfrcat $adjnogfr || treenbr:
quietly testparm c.UVOLlog#i.gfrcat
display as text "text: " as result %5.3f r(p)
showres "text a:    " "UVOLlog"
showres "text b:  " "UVOLlog + 2.gfrcat#c.UVOLlog"
showres "text c:   " "UVOLlog + 3.gfrcat#c.UVOLlog"
quietly margins gfrcat, at(UVOLlog=(${uvlo}(0.1)${uvhi})) expression(exp(predict(xb)))
marginsplot, xdimension(at(UVOLlog)) recast(line) recastci(rarea) ciopts(fcolor(%20) lwidth(none)) xlabel($uvlab) xtitle("text") ytitle("text") title("text") subtitle("text") name(Q4, replace)
xtile gfrtert=ckd_epi, nquantiles(3)
label define gfrtert 1 "a" 2 "b" 3 "c"
label values gfrtert gfrtert
tabstat ckd_epi, by(gfrtert) stats(n min p50 max)
_pctile ckd_epi10, p(1 99)
global gfrlo=round(r(r1), 0.5)
global gfrhi=round(r(r2), 0.5)
display _newline as text "{hline 70}" _newline "text" _newline "{hline 70}"
quietly mixed UMOD24hsqrt c.UVOLlog##i.gfrtert $adjnogfr || treenbr:
quietly testparm c.UVOLlog#i.gfrtert
display as text "text: " as result %5.3f r(p)
showres "text a: " "UVOLlog"
showres "text b: " "UVOLlog + 2.gfrtert#c.UVOLlog"
showres "text c: " "UVOLlog + 3.gfrtert#c.UVOLlog"
quietly margins gfrtert, at(UVOLlog=(${uvlo}(0.1)${uvhi})) expression(predict(xb)^2)
marginsplot, xdimension(at(UVOLlog)) recast(line) recastci(rarea) ciopts(fcolor(%20) lwidth(none)) xlabel($uvlab) xtitle("text") ytitle("text") title("text") subtitle("text") name(Q2tert, replace)
display _newline as text "{hline 70}" _newline "text" _newline "{hline 70}"
quietly mixed UMODconclog c.UVOLlog##i.gfrtert $adjnogfr || treenbr:
quietly testparm c.UVOLlog#i.gfrtert
display as text "text: " as result %5.3f r(p)
showres "text a: " "UVOLlog"
showres "text b: " "UVOLlog + 2.gfrtert#c.UVOLlog"
showres "text c: " "UVOLlog + 3.gfrtert#c.UVOLlog"
quietly margins gfrtert, at(UVOLlog=(${uvlo}(0.1)${uvhi})) expression(exp(predict(xb)))
marginsplot, xdimension(at(UVOLlog)) recast(line) recastci(rarea) ciopts(fcolor(%20) lwidth(none)) xlabel($uvlab) xtitle("text") ytitle("text") title("text") subtitle("text") name(Q4tert, replace)
capture program drop gfrheatmap
program define gfrheatmap
	args outcome backtransform ztitle gname gtitle
	quietly mixed `outcome' c.UVOLlog##c.ckd_epi10 $adjnogfr || treenbr:
	foreach v of global adjnogfr {
		quietly sum `v'
		local m_`v'=r(mean)
	}
	preserve
	clear
	local nuv=round((${uvhi}-${uvlo})/0.05)+1
	local ngfr=round((${gfrhi}-${gfrlo})/0.25)+1
	quietly set obs `=`nuv'*`ngfr''
	gen UVOLlog=${uvlo}+mod(_n-1, `nuv')*0.05
	gen ckd_epi10=${gfrlo}+floor((_n-1)/`nuv')*0.25
	foreach v of global adjnogfr {
		gen `v'=`m_`v''
	}
	quietly predict xb, xb
	gen pred=`backtransform'
	gen eGFR=ckd_epi10*10
	twoway (contour pred eGFR UVOLlog, levels(15)), xlabel($uvlab) xtitle("text") ytitle("text") clegend(title("`ztitle'", size(small))) title("`gtitle'") subtitle("text")  name(`gname', replace)
	restore
end
gfrheatmap UMOD24hsqrt "xb^2" "text" Q2heat "text"
gfrheatmap UMODconclog "exp(xb)" "text" Q4heat "text"
