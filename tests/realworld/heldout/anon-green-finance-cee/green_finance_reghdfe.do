* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 71489732085 (a public GitHub .do file, the replication code of a 2026 study of green finance and carbon-emission efficiency in 269 Chinese cities: capture which / ssc install of the packages it needs, version 17, destring of numeric variables, checks with isid, misstable, levelsof and assert, estpost summarize/correlate tables to RTF, pwcorr with sig star(), estat vif, xtdescribe, a Hausman test, seven two-way fixed-effects reghdfe fits stored with eststo name: and estadd local ...: name in loops, robustness fits with L.GF and a !inlist() of city names, ivreghdfe with a lagged instrument and first, mechanism and heterogeneity fits by subsample; the index does not name the repository) (excerpt: sections 0-6, 8 and 9; the double machine-learning section -- ddml/pystacked in a capture noisily block -- and the spatial sections -- mkmat of weight matrices, Moran's I in Mata, xsmle -- left out)
* author: unknown
* licence: none stated
* data: green_finance_cities = green_finance_cities
version 17.0
clear all
set more off
set matsize 11000
set seed 20260924
* mlm-added: the published file loads no data before its first sort (its data-reading section is empty); load the analysis file
use green_finance_cities, clear
capture which winsor2
if _rc ssc install winsor2, replace
capture which ftools
if _rc ssc install ftools, replace
capture which reghdfe
if _rc ssc install reghdfe, replace
capture which esttab
if _rc ssc install estout, replace
capture which ivreg2
if _rc ssc install ivreg2, replace
capture which ranktest
if _rc ssc install ranktest, replace
capture which ivreghdfe
if _rc ssc install ivreghdfe, replace
capture which xsmle
if _rc ssc install xsmle, replace
capture which ddml
if _rc ssc install ddml, replace
capture which pystacked
if _rc ssc install pystacked, replace
sort id year
xtset id year
destring CEE GF LES INL DOW GOV FDE TIL GB IS UI CG TI, replace 
label var CEE "efficiency"
label var GF  "green finance"
label var LES "scale"
label var INL "information"
label var DOW "openness"
label var GOV "government"
label var FDE "finance"
label var TIL "technology"
label var GB  "alternative index"
label var IS  "mechanism one"
label var UI  "mechanism two"
label var CG  "mechanism three"
label var TI  "mechanism four"
label var Boundary "border city"
label var OldIndustrial "old industrial base"
global CTRL "LES INL DOW GOV FDE TIL"
noi di "========================================"
noi di "text"
noi di "========================================"
count
noi di "text = " r(N)
egen tagcity = tag(id)
count if tagcity
noi di "text = " r(N)
drop tagcity
isid id year
tab year
tab Boundary
tab OldIndustrial
tab ResourceType
misstable summarize CEE GF LES INL DOW GOV FDE TIL GB IS UI CG TI
count
assert r(N)==2959
quietly levelsof id, local(citylist)
local ncity : word count `citylist'
assert `ncity'==269
save "$OUT/analysis_ready.dta", replace
use "$OUT/analysis_ready.dta", clear
xtset id year
estpost summarize CEE GF LES INL DOW GOV FDE TIL
esttab using "$OUT/Table3_summary.rtf", replace cells("count(fmt(0)) mean(fmt(4)) sd(fmt(4)) min(fmt(4)) max(fmt(4))") nonumber nomtitle noobs label
pwcorr CEE GF LES INL DOW GOV FDE TIL, sig star(0.05)
estpost correlate CEE GF LES INL DOW GOV FDE TIL, matrix
esttab using "$OUT/appendix_corr.rtf", replace unstack not noobs compress
reg CEE GF LES INL DOW GOV FDE TIL i.year
estat vif
xtdescribe
use "$OUT/analysis_ready.dta", clear
xtset id year
quietly xtreg CEE GF $CTRL i.year, fe
est store FE
quietly xtreg CEE GF $CTRL i.year, re
est store RE
hausman FE RE, sigmamore
eststo clear
eststo b1: reghdfe CEE GF, absorb(id year) vce(cluster id)
eststo b2: reghdfe CEE GF LES, absorb(id year) vce(cluster id)
eststo b3: reghdfe CEE GF LES INL, absorb(id year) vce(cluster id)
eststo b4: reghdfe CEE GF LES INL DOW, absorb(id year) vce(cluster id)
eststo b5: reghdfe CEE GF LES INL DOW GOV, absorb(id year) vce(cluster id)
eststo b6: reghdfe CEE GF LES INL DOW GOV FDE, absorb(id year) vce(cluster id)
eststo b7: reghdfe CEE GF LES INL DOW GOV FDE TIL, absorb(id year) vce(cluster id)
foreach m in b1 b2 b3 b4 b5 b6 b7 {
    estadd local CityFE "Yes": `m'
    estadd local YearFE "Yes": `m'
}
esttab b1 b2 b3 b4 b5 b6 b7 using "$OUT/Table4_baseline.rtf", replace b(%9.3f) se(%9.3f) star(* 0.10 ** 0.05 *** 0.01) stats(CityFE YearFE N r2, labels("City FE" "Year FE" "N" "R-squared")) label compress nogaps
use "$OUT/analysis_ready.dta", clear
xtset id year
eststo clear
eststo r1: reghdfe CEE GB $CTRL, absorb(id year) vce(cluster id)
eststo r2: reghdfe CEE GF $CTRL if !inlist(city,"北京市","天津市","上海市","重庆市"), absorb(id year) vce(cluster id)
eststo r3: reghdfe CEE L.GF $CTRL, absorb(id year) vce(cluster id)
foreach m in r1 r2 r3 {
    estadd local Controls "Yes": `m'
    estadd local CityFE "Yes": `m'
    estadd local YearFE "Yes": `m'
}
eststo r4: ivreghdfe CEE $CTRL (GF=L.GF), absorb(id year) cluster(id) first
estadd local Controls "Yes": r4
estadd local CityFE "Yes": r4
estadd local YearFE "Yes": r4
esttab r1 r2 r3 r4 using "$OUT/Table5_robustness.rtf", replace b(%9.3f) se(%9.3f) star(* 0.10 ** 0.05 *** 0.01) stats(Controls CityFE YearFE N, labels("Controls" "City FE" "Year FE" "N")) label compress nogaps
ivreghdfe CEE $CTRL (GF=L.GF), absorb(id year) cluster(id) first
use "$OUT/analysis_ready.dta", clear
xtset id year
eststo clear
eststo m1: reghdfe IS GF $CTRL, absorb(id year) vce(cluster id)
eststo m2: reghdfe CEE GF IS $CTRL, absorb(id year) vce(cluster id)
eststo m3: reghdfe UI GF $CTRL, absorb(id year) vce(cluster id)
eststo m4: reghdfe CEE GF UI $CTRL, absorb(id year) vce(cluster id)
eststo m5: reghdfe CG GF $CTRL, absorb(id year) vce(cluster id)
eststo m6: reghdfe CEE GF CG $CTRL, absorb(id year) vce(cluster id)
eststo m7: reghdfe TI GF $CTRL, absorb(id year) vce(cluster id)
eststo m8: reghdfe CEE GF TI $CTRL, absorb(id year) vce(cluster id)
foreach m in m1 m2 m3 m4 m5 m6 m7 m8 {
    estadd local Controls "Yes": `m'
    estadd local CityFE "Yes": `m'
    estadd local YearFE "Yes": `m'
}
esttab m1 m2 m3 m4 m5 m6 m7 m8 using "$OUT/Table7_mechanisms.rtf", replace b(%9.3f) se(%9.3f) star(* 0.10 ** 0.05 *** 0.01) stats(Controls CityFE YearFE N r2, labels("Controls" "City FE" "Year FE" "N" "R-squared")) label compress nogaps
use "$OUT/analysis_ready.dta", clear
xtset id year
eststo clear
eststo h1: reghdfe CEE GF $CTRL if Boundary==1, absorb(id year) vce(cluster id)
eststo h2: reghdfe CEE GF $CTRL if Boundary==0, absorb(id year) vce(cluster id)
eststo h3: reghdfe CEE GF $CTRL if OldIndustrial==1, absorb(id year) vce(cluster id)
eststo h4: reghdfe CEE GF $CTRL if OldIndustrial==0, absorb(id year) vce(cluster id)
eststo h5: reghdfe CEE GF $CTRL if ResourceType=="成熟型", absorb(id year) vce(cluster id)
eststo h6: reghdfe CEE GF $CTRL if ResourceType=="成长型", absorb(id year) vce(cluster id)
eststo h7: reghdfe CEE GF $CTRL if ResourceType=="再生型", absorb(id year) vce(cluster id)
eststo h8: reghdfe CEE GF $CTRL if ResourceType=="衰退型", absorb(id year) vce(cluster id)
foreach m in h1 h2 h3 h4 h5 h6 h7 h8 {
    estadd local Controls "Yes": `m'
    estadd local CityFE "Yes": `m'
    estadd local YearFE "Yes": `m'
}
esttab h1 h2 h3 h4 h5 h6 h7 h8 using "$OUT/Table8_heterogeneity.rtf", replace b(%9.3f) se(%9.3f) star(* 0.10 ** 0.05 *** 0.01) stats(Controls CityFE YearFE N r2, labels("Controls" "City FE" "Year FE" "N" "R-squared")) label compress nogaps
