* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 37413178586 (a public GitHub .do file, replication of Compton, individual, collective and institutional insecurity and support for unemployment spending, ISSP Role of Government 1996 and 2006, Journal of Politics; the index does not name the repository) (excerpt: the main and appendix models up to Table A6 and the first two figures with the first scenario of Figure 4; Tables A7-A10, the rest of Figure 4 and the appendix figures left out)
* author: Mallory Compton (file header), 2018
* licence: none stated
* data: JOP_151040_replication.dta = issp_rog_unemp
clear
cap log close
set more off
local date="$S_DATE"
local time="$S_TIME"
version 14.1
cd "~/JOP_151040_replication"
log using "JOP_151040_replication_`date'_`time'.log", replace
display "$S_TIME  $S_DATE"
clear
use "JOP_151040_replication.dta", clear
global controls "hinc_decile education age female unempspouse unioncurrent selfemployed publicemployee rog2006survey"
logit unempspend01 occunemp_ma3 natunemp_ma3 ourinsecurity $controls , vce(r) 
est store linear
logit unempspend01 occunemp_ma3 natunemp_ma3 ourinsecurity  /*
	*/ c.occunemp_ma3#c.natunemp_ma3 c.natunemp_ma3#c.ourinsecurity /*
	*/ c.occunemp_ma3#c.ourinsecurity /*
	*/ $controls , vce(r)
est store interactive
estout linear interactive  using "JOP_151040_table1_v${S_DATE}.txt", /*
	*/ replace cells(b(star fmt(3)) se( fmt(3) par))  /*
	*/ legend  label  omitted stat(N chi2) style(tex)/*
	*/ order(occunemp_ma3 natunemp_ma3 ourinsecurity $controls  /*
	*/  _cons "Constant")
logit unempspend01 occunemp_ma3 dnatunemp ourinsecurity  c.occunemp_ma3#c.dnatunemp c.dnatunemp#c.ourinsecurity c.occunemp_ma3#c.ourinsecurity $controls , vce(r)
logit unempspend01 occunemp_ma3 dnatunemp_ma3 ourinsecurity  c.occunemp_ma3#c.dnatunemp_ma3 c.dnatunemp_ma3#c.ourinsecurity c.occunemp_ma3#c.ourinsecurity $controls , vce(r)
logit unempspend01 occunemp_ma3 occ_iqr ourinsecurity  c.occunemp_ma3#c.occ_iqr c.occ_iqr#c.ourinsecurity c.occunemp_ma3#c.ourinsecurity $controls , vce(r)
logit unempspend01 occunemp_ma3 gdppcreal ourinsecurity  c.occunemp_ma3#c.gdppcreal c.gdppcreal#c.ourinsecurity c.occunemp_ma3#c.ourinsecurity $controls , vce(r)
est store mta1_d
logit unempspend01 occunemp_ma3 natunemp_ma3 ourinsecurity $controls , vce(r)
logit unempspend01 locc_unemp lnatunemp  ourinsecurity  $controls , vce(r)
logit unempspend01 occunemp_ma5 natunemp_ma5 ourinsecurity  $controls , vce(r)
logit unempspend01 locc_unemp lnatunemp dnatunemp ourinsecurity  $controls , vce(r)
logit unempspend01 occunemp_ma3 natunemp_ma3 dnatunemp_ma3 ourinsecurity  $controls , vce(r)
gen unempspendcut = .
replace unempspendcut = 1 if unempspend>=2 & unempspend!=.
replace unempspendcut = 0 if unempspend<2 
logit unempspendcut occunemp_ma3 natunemp_ma3 ourinsecurity $controls , vce(r)
logit unempspendcut occunemp_ma3 natunemp_ma3 ourinsecurity  c.occunemp_ma3#c.natunemp_ma3 c.natunemp_ma3#c.ourinsecurity c.occunemp_ma3#c.ourinsecurity $controls , vce(r)
ologit unempspend occunemp_ma3 natunemp_ma3 ourinsecurity  $controls , vce(r)
ologit unempspend occunemp_ma3 natunemp_ma3 ourinsecurity  c.occunemp_ma3#c.natunemp_ma3 c.natunemp_ma3#c.ourinsecurity c.occunemp_ma3#c.ourinsecurity $controls , vce(r)
melogit unempspend01 occunemp_ma3 natunemp_ma3 ourinsecurity  $controls || _all: R.v6
melogit unempspend01 occunemp_ma3 natunemp_ma3 ourinsecurity  c.occunemp_ma3#c.natunemp_ma3 c.natunemp_ma3#c.ourinsecurity c.occunemp_ma3#c.ourinsecurity $controls ||  _all: R.v6
melogit unempspend01 occunemp_ma3 natunemp_ma3 ourinsecurity  $controls i.v6
melogit unempspend01 occunemp_ma3 natunemp_ma3 ourinsecurity  c.occunemp_ma3#c.natunemp_ma3 c.natunemp_ma3#c.ourinsecurity c.occunemp_ma3#c.ourinsecurity $controls i.v6
meologit unempspend occunemp_ma3 natunemp_ma3 ourinsecurity  $controls || _all: R.v6
meologit unempspend occunemp_ma3 natunemp_ma3 ourinsecurity  c.occunemp_ma3#c.natunemp_ma3 c.natunemp_ma3#c.ourinsecurity c.occunemp_ma3#c.ourinsecurity $controls ||  _all: R.v6
meologit unempspend occunemp_ma3 natunemp_ma3 ourinsecurity  $controls i.v6
meologit unempspend occunemp_ma3 natunemp_ma3 ourinsecurity  c.occunemp_ma3#c.natunemp_ma3 c.natunemp_ma3#c.ourinsecurity c.occunemp_ma3#c.ourinsecurity $controls i.v6
program drop _all
program define marginsextract
	matrix a = e(b)
	matrix ai = a'
	svmat ai, name(${scenario}_pr)
	matrix rv = e(V)
	matrix rvdiag = vecdiag(rv)
	matrix rvdiagi = rvdiag'
	svmat rvdiagi, name(${scenario}_er)
	replace ${scenario}_er =  sqrt(${scenario}_er)
	matrix drop a ai rv rvdiag rvdiagi
	gen ${scenario}_lower = ${scenario}_pr - (1.96*${scenario}_er1)
	gen ${scenario}_upper = ${scenario}_pr + (1.96*${scenario}_er1)
	matrix drop _all
end
est restore interactive
est
est store marginsmodel
sum natunemp_ma3 if e(sample)==1 & rogyear==1996, det
global natmean = r(mean)
sum ourinsecurity if e(sample)==1 & rogyear==1996, det
global instmean = r(mean)
sum occunemp_ma3 if e(sample)==1 & rogyear==1996, det
global occmean = r(mean)		
est restore marginsmodel
sum occunemp_ma3 if e(sample)==1, det 
global occmin = r(min)
global occmean = r(mean)
global occmax = r(max)
global occhi = r(mean)+(1.96*r(sd))
global occlo=r(mean)-(1.96*r(sd))
global occintv = ($occmax-$occmin)/10
sum natunemp_ma3 if e(sample)==1, det
global natmin = r(min)
global natmean = r(mean)
global natmax = r(max)
global nathi =  r(mean)+(1.96*r(sd))
global natlo=r(mean)-(1.96*r(sd))
global natintv = ($natmax-$natmin)/10
sum ourinsecurity if e(sample)==1, det
global instmin = r(min)
global instmean = r(mean)
global instmax = r(max)
global insthi = r(mean)+(1.96*r(sd))
global instlo= r(mean)-(1.96*r(sd))
global instintv = ($instmax-$instmin)/10
est restore marginsmodel
margins, dydx(c.occunemp_ma3) at(natunemp_ma3=($natmin($natintv)$natmax) ) 
marginsplot, recast(line) recastci(rline) ciopts(lpattern(dash)) plotopts(lwidth(medthick)) ytitle(t, size(medium)) ylabel(-.01(.01).03, grid glw(medium) labsize(medium) glcolor(gs12)) xlabel(4(2)20, labsize(medium) glcolor(gs12))  graphregion(c(white)) xtitle(t, size(medium)) xlabel(, labsize(medium)) xsize(15) ysize(10) scheme(s2mono) title("") yline(0)
graph save  repf1, replace
est restore marginsmodel
margins, dydx(c.occunemp_ma3) at(ourinsecurity=($instmin($instintv)$instmax) ) 
marginsplot, recast(line) recastci(rline) ciopts(lpattern(dash)) plotopts(lwidth(medthick))  ytitle(t , size(medium)) ylabel(-.01(.01).03, grid glw(medium) labsize(medium) glcolor(gs12)) xlabel(.05(.1).75, labsize(medium) glcolor(gs12))  graphregion(c(white)) xtitle(t, size(medium)) xlabel(, labsize(medium)) xsize(15) ysize(10) scheme(s2mono)  title("") yline(0)
graph save  repf2, replace
sum occunemp_ma3 natunemp_ma3 ourinsecurity if rog2006survey==1 & c_name=="Germany" 
sum occunemp_ma3 natunemp_ma3 ourinsecurity if rog2006survey==1 & c_name== "Slovenia"
est restore marginsmodel
margins,   at(occunemp_ma3=($occmin($occintv)$occmax) natunemp_ma3=(10.4) ourinsecurity=(.1975))   post
global scenario "deu"
marginsextract
est restore marginsmodel
margins,   at(occunemp_ma3=($occmin($occintv)$occmax) natunemp_ma3=(6.1) ourinsecurity=(.16))   post
global scenario "slo"
marginsextract
egen occu_axis = fill(${occmin}(${occintv})${occmax}) 
replace occu_axis = . if occu_axis>$occmax+1
twoway (rline slo_lower slo_upper occu_axis, lcolor(gs6) lpattern(dash)) (rline deu_lower deu_upper occu_axis, lcolor(black) lpattern(solid)), title("t", size(large)) ytitle(t, size(medium)) ylabel(, grid glw(medium) labsize(medium) glcolor(gs12)) xlabel(, labsize(medium) glcolor(gs12))  graphregion(c(white)) xtitle(t, size(medium)) xlabel(, labsize(medium)) legend(cols(1) order(1 "a " 2 "b") size(small) lcolor(black) ring(0) position(5)) xsize(15) ysize(10) scheme(s2mono) name(deu_slo, replace)
graph save repsim1, replace
