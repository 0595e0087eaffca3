* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 40477274196 (a public GitHub .do file; the index does not name the repository)
* author: Conrad Ziller (file header: Multilevel modelling, University of Zurich, Fall 2021)
* licence: none stated
* data: ESS9e03_1.dta = ess9_trust
* data: gdp_2018.dta = gdp_2018
set more off
capture log close
log using day1.log, replace
use ESS9e03_1.dta, clear
encode cntry, gen(id_c)
tab1 ppltrst pplfair pplhlp hinctnt eduyrs  agea gndr rlgdgr
gen trust=(ppltrst + pplfair + pplhlp)/3
gen income=hinctnt
gen age=agea
gen relig=rlgdgr
sort cntry
merge m:1 cntry using  "gdp_2018.dta"
drop if _merge == 2
drop _merge
mixed trust      ||cntry:
eststo M0
estat icc
di .953522/(.953522+3.259956)
mixed trust income age relig     ||cntry:
eststo M1
estat summarize
predict model if e(sample)==1
sum trust income age relig if model!=.
di .0903406*(10-1)
di .0903406*2.780888/2.010899
di (3.172611-3.116211)/3.172611
estat ic
reg trust income  age  relig  gdp_2018
keep if e(sample)
mixed trust      ||cntry:
eststo M0
mixed trust income age relig     ||cntry:
eststo M1
mixed trust income   age   relig  gdp_2018  ||cntry:
eststo M2
di .0000423*19104.17/2.022552
estat ic
lrtest M2 M1
encode cntry, gen(c)
local functions ""
forvalues i=1/29 {
capture reg trust income if c == `i'
if !_rc {
local b = _b[income]
local a = _b[_cons]
local functions "`functions' (function y`i'=`a'+`b'*x, range(0 10) lwidth(thin))"
}
}
graph twoway `functions', legend(on) ylabel(3(1)8) xtitle("X") ytitle("Y") scheme( plottig )
graph export g1.png, replace
mixed trust income  age  relig  gdp_2018  ||cntry: income
eststo M3
lrtest M3 M2
mixed trust income age relig  gdp_2018  ||id_c: income,  cov(un)
eststo M4
lrtest M4 M3
mixed trust income  age  relig  gdp_2018  ||id_c: income, cov(un)
predict yhat
predict res1, rstandard
qnorm res1, name(res1)
twoway scatter res1 yhat, yline(0)
graph export g2.png, replace
predict u1 u0, reffects
preserve
collapse yhat u0 u1, by(id_c)
histogram u0, normal name(u0)
histogram u1, normal name(u1)
twoway scatter u0 yhat, yline(0) name(s0) mlabel(id_c)
graph export g3.png, replace
restore
preserve
collapse gdp_2018, by(id_c)
ladder gdp_2018
gladder gdp_2018
graph export g5.png, replace
restore
gen ln_gdp=ln(gdp_2018)
mixed trust income age relig  ln_gdp  ||id_c: income,  cov(un)
eststo M5
mixed trust income   age   relig  ln_gdp c.age#c.ln_gdp ||id_c: income age ,  cov(un)
est sto M6
estat sum
sum ln_gdp if e(sample)
margins , dydx(age) at(ln_gdp=(8.7 (0.1) 11.2))
marginsplot,     scheme(plotplain) graphregion(fcolor(white) ilcolor(white) lcolor(white)) recast(line) yline(0) recastci(rline) ciopts(lpattern(dash)) legend(off) xtitle("X", size(large)) ytitle("Y", size(large)) title("")
graph export g6.png, replace
esttab M0 M1 M5 M6 using "Table_1.rtf", b(3)  star(* 0.05 ** 0.01 )  nogap varwidth(25)  se label stats(N r2) transform(ln*: exp(@) exp(@)) replace
log close
