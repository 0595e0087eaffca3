* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 12925456856 (a public GitHub .do file of an energy-scenarios project; the index does not name the repository)
* author: unknown
* licence: none stated
* data: GDP.dta = energy_gdp
* data: CLASS.dta = wb_class
* data: Energy = energy_totals
set seed 1
use "02-Intermediatedata\GDP.dta", clear
merge m:1 code using "01-Inputdata/CLASS.dta", nogen keepusing(region)
merge 1:1 code year using "02-Intermediatedata/Energy", nogen
drop  gdp gdpgrowth energytotal
gen lnenergypc  = ln(energytotalpc)
gen lngdppc     = ln(gdppc)
gen touse_energygdp = energy_impute==0 & gdp_impute==0
lab var touse_energygdp "a"
bysort code (year):  gen    lnenergypc_dif        = abs(lnenergypc-lnenergypc[_n-1])
bysort code (year): egen    lnenergypc_meandif    = mean(lnenergypc_dif)
gen    lnenergypc_break      = lnenergypc_dif>4*lnenergypc_meandif & !missing(lnenergypc_dif)
bysort code (year): replace lnenergypc_break      = sum(lnenergypc_break)
bysort code (year): egen    lnenergypc_maxbreak   = max(lnenergypc_break)
bysort code (year):  gen    lnenergypc_lastseries = (lnenergypc_break==lnenergypc_maxbreak)
drop lnenergypc_maxbreak lnenergypc_break lnenergypc_dif lnenergypc_meandif
replace touse_energygdp = 0 if lnenergypc_lastseries==0
mixed lnenergypc lngdppc year if year>=2010 [fw=touse_energygdp] || code: year lngdppc, cov(uns) stddev vce(robust)
mixed lnenergypc lngdppc year if year>=2010 [fw=touse_energygdp] || code: year lngdppc, cov(uns) stddev
gen energygdp_coef_fix_lngdppc = e(b)[1,1]
gen energygdp_coef_fix_year    = e(b)[1,2]
gen energygdp_coef_fix_cons    = e(b)[1,3]
gen energygdp_se_fix_lngdppc   = (e(V)[1,1])^(1/2)
gen energygdp_se_fix_year      = (e(V)[2,2])^(1/2)
predict energygdp_coef_ran_year energygdp_coef_ran_lngdppc energygdp_coef_ran_cons, reffects
predict energygdp_se_ran_year energygdp_se_ran_lngdppc energygdp_se_ran_cons, reses
keep code energygdp*
duplicates drop
preserve
replace energygdp_coef_ran_year=0    if missing(energygdp_coef_ran_year)
replace energygdp_coef_ran_cons=0    if missing(energygdp_coef_ran_cons)
lab var energygdp_coef_fix_lngdppc "b"
drop *_se_*
compress
save "02-Intermediatedata/EnergyGDPprediction.dta", replace
restore
expand 1000
bysort code: gen simulation = _n
gen energygdp_draw_fix_lngdppc = rnormal(energygdp_coef_fix_lngdppc, energygdp_se_fix_lngdppc)
bysort simulation (code): replace energygdp_draw_fix_lngdppc = energygdp_draw_fix_lngdppc[1]
gen energygdp_draw_ran_lngdppc = rnormal(energygdp_coef_ran_lngdppc, energygdp_se_ran_lngdppc)
drop *_coef_* *_se_* *_cons
rename simulation passthroughscenario
lab var passthroughscenario "c"
compress
save "02-Intermediatedata/EnergyGDPprediction_uncertainty.dta", replace
