* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 3667050661 (a public GitHub .do file, TA session 2 "Panel data" of a microeconometrics course, fall 2022: reshaping Arellano and Bond's company panel, fixed effects, LSDV, areg/reghdfe, first differences, random effects, Hausman, panel IV, Anderson-Hsiao and difference/system GMM with xtabond2; the index does not name the repository)
* author: Conghan Zheng (teaching assistant, file header)
* licence: none stated
* data: TA2.dta = abdata_wide
cls, clear all
cap set more off
cd "specify path here"
use "TA2.dta", clear
reshape long n w k y, i(firm) j(year)
sort firm year
summarize
drop if n==. | w==. | k==. | y==.
by firm: gen count = _N
tab count
drop if count == 1
drop count
bysort firm year: keep if _n==1
bysort firm year: gen order = _n
xtset firm year
xtdescribe
xtpatternvar, gen(pattern)
tab pattern
xtsum n k w y
xtreg n k w y, fe vce(cluster firm)
eststo FE
xtreg n k w y i.year, fe vce(robust)
eststo FE_twoway
xi, noomit prefix("di") gen i.firm
reg n k w y difirm_2-difirm_140
eststo OLS
esttab OLS FE, se ar2 nogaps compress mtitle keep(k w y)
areg n k w y, absorb(firm)
predict fe_firm, d
reghdfe n k w y, absorb(firm year)
reghdfe n k w y, absorb(firm year, savefe)
sort firm year
reg D.(n k w y), vce(cluster firm)
eststo FD
reg D.(n k w y), vce(cluster firm) noconstant
eststo FD_nocons
esttab FE FD FD_nocons, se ar2 nogaps compress mtitle
xtreg n k w y, re vce(cluster firm)
eststo RE
esttab FE RE, se ar2 nogaps compress mtitle
esttab FE FE_twoway RE, keep(k w y) se mtitle compress
xtreg n k w y, fe
eststo fe
xtreg n k w y, re
eststo re
hausman fe re, constant sigmamore
hausman re fe, constant sigmamore
xtivreg y k (n = w), fe
eststo IV_FE
xtivreg y k (n = w), fd
eststo IV_FD
xtivreg y k (n = w), re
eststo IV_RE
esttab IV_FE IV_FD IV_RE, se nogaps compress mtitle
xi, noomit prefix("di") gen i.year
sort firm year
foreach var of varlist n k w y {
gen `var'L1 = L1.`var'
gen `var'L2 = L2.`var'
}
ivregress 2sls D.n (D.nL1 = nL2) D.(nL2 w wL1 k kL1 kL2 y yL1 yL2 diyear_1979 diyear_1980 diyear_1981 diyear_1982 diyear_1983)
eststo AH81
xtabond2 n L.n L2.n w L.w L(0/2).(k y) diyear_*, gmmstyle(L.n) ivstyle(w L.w L(0/2).(k y) diyear_*) noleveleq robust
eststo D_GMM
xtabond2 n L.n L2.n w L.w L(0/2).(k y) diyear_*, gmmstyle(L.n) ivstyle(w L.w L(0/2).(k y) diyear_*) noleveleq twostep
eststo D_GMM_2S
xtabond2 n L.n L2.n w L.w L(0/2).(k y) diyear_*, gmmstyle(L.(n w k)) ivstyle(L(0/2).y diyear_*) noleveleq robust small
xtabond2 n L.n L2.n w L.w L(0/2).(k y) diyear_*, gmmstyle(L.n) ivstyle(w L.w L(0/2).(k y) diyear_*) robust
eststo S_GMM
xtabond2 n L.n L2.n w L.w L(0/2).(k y) diyear_*, gmmstyle(L.n) ivstyle(w L.w L(0/2).(k y) diyear_*) robust twostep
eststo S_GMM_2S
esttab D_GMM D_GMM_2S S_GMM S_GMM_2S, se ar2 nogaps compress mtitle
