* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 71275566811 (a public GitHub .do file, comments in Korean, on whether public employment service spending responds asymmetrically to rises and falls of unemployment in 21 OECD countries 2010-2024: version 17, log using, isid, encode, xtset ..., yearly, assert _N, tab ..., missing, gen double with D./L. operators and max(), label var, gen byte sample = !missing(), preserve/collapse (count) ... (min) ..., by()/list, noobs sep(0)/restore, tabstat with stat() col(stat) format() by() nototal and inrange()/!inlist() conditions, xtsum, pwcorr, obs, twoway scatter with xline/yline and graph export; three mixed ... i.year if sample || country_id:, noconstant residuals(toeplitz 1, t(year)) vce(robust) (Allison's first-difference GLS) with an empty local of controls, estimates store, test of sums and joint tests, lincom, estimates table ..., keep(), regress with vce(cluster), and capture noisily wildbootstrap (Stata 18); labels and titles replaced; the index does not name the repository)
* author: unknown
* licence: none stated
* data: pes_panel_21.dta = pes_panel_oecd21
version 17
clear all
set more off
capture log close
log using "pes_analysis.log", replace text
use "pes_panel_21.dta", clear
isid iso3 year
encode iso3, gen(country_id)
xtset country_id year, yearly
assert _N == 315
tab unemp_status, missing
tab socx_row_absent
gen double dpes  = D.pes_gdp
gen double du    = D.unemp
gen double up    = max(du, 0)  if !missing(du)
gen double down  = max(-du, 0) if !missing(du)
gen double Lup   = L.up
gen double Ldown = L.down
gen double dsocx = D.socx_gdp
label var dpes  "Label 1"
label var du    "Label 2"
label var up    "Label 3"
label var down  "Label 4"
label var Lup   "Label 5"
label var Ldown "Label 6"
label var dsocx "Label 7"
gen byte sample = !missing(dpes, up, down, Lup, Ldown)
count if sample
preserve
collapse (count) n_pes=pes_gdp n_unemp=unemp n_socx=socx_gdp (min) first_year=year, by(iso3)
list, noobs sep(0)
restore
tabstat pes_gdp unemp lfpr emp_rate socx_gdp, stat(n mean sd min max) col(stat) format(%9.3f)
tabstat pes_gdp unemp socx_gdp if !missing(pes_gdp), stat(n mean sd min max) col(stat) format(%9.3f)
xtsum pes_gdp unemp if inrange(year, 2020, 2024)
tabstat pes_gdp unemp if inrange(year, 2020, 2024), by(iso3) stat(mean sd) format(%9.3f) nototal
tabstat pes_gdp unemp socx_gdp if inrange(year, 2020, 2024), by(year) stat(n mean) format(%9.3f)
tabstat socx_gdp if inrange(year, 2020, 2024) & !inlist(iso3, "AUS", "CAN", "JPN"), by(year) stat(n mean) format(%9.3f)
tabstat dpes du up down if sample, stat(n mean sd min max) col(stat) format(%9.4f)
gen byte is_up   = up > 0   if !missing(up)
gen byte is_down = down > 0 if !missing(down)
tabstat is_up is_down if sample, by(iso3) stat(sum) nototal
pwcorr dpes du up down if sample, obs
twoway (scatter dpes du if sample & du > 0, mcolor(cranberry)) (scatter dpes du if sample & du < 0, mcolor(navy)), xline(0) yline(0) legend(order(1 "A" 2 "B")) xtitle("X") ytitle("Y")
graph export "scatter_dpes_du.png", replace
local controls ""    
mixed dpes du `controls' i.year if sample || country_id:, noconstant residuals(toeplitz 1, t(year)) vce(robust)
estimates store M1
mixed dpes up down `controls' i.year if sample || country_id:, noconstant residuals(toeplitz 1, t(year)) vce(robust)
estimates store M2
test up + down = 0
mixed dpes up down Lup Ldown `controls' i.year if sample || country_id:, noconstant residuals(toeplitz 1, t(year)) vce(robust)
estimates store M3
test up + down = 0                          
test Lup + Ldown = 0                        
test (up + down = 0) (Lup + Ldown = 0)      
lincom up + Lup                             
lincom down + Ldown                         
lincom up + Lup + down + Ldown              
estimates table M1 M2 M3, b(%9.4f) se(%9.4f) stats(N) keep(du up down Lup Ldown)
regress dpes up down Lup Ldown `controls' i.year if sample, vce(cluster country_id)
estimates store OLS3
test (up + down = 0) (Lup + Ldown = 0)
capture noisily wildbootstrap regress dpes up down Lup Ldown `controls' i.year if sample, cluster(country_id) coefficients(up down) rseed(20261010)
save "pes_panel_21_analysis.dta", replace
log close
