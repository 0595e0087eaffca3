* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 70125775358 (a public GitHub .do file of a preregistered study of distance and FDI into Vietnam: PPML gravity models with ppmlhdfe and absorbed year/source fixed effects stored with estimates store, Holm-corrected confirmatory tests in a tempname matrix turned into data with svmat, effect sizes displayed with formats, robustness fits with lags after xtset, a random-effects xtreg on positive flows and a Hausman-Taylor xthtaylor, all compared in estimates table; the index does not name the repository)
* author: Phan Anh Tu and Do Thuy Huong (file header), 2026
* licence: none stated
* data: da1_panel.csv = fdi_vietnam
version 17
clear all
set more off
capture log close
log using "results.log", replace text
import delimited "da1_panel.csv", clear varnames(1) encoding(utf-8)
encode iso3, gen(cid)
assert main == ((ofc == 0) | inlist(iso3, "SGP", "HKG"))
ppmlhdfe fdi_usd_m ln_dist cult_dist inst_dist econ_dist ln_gdp fta if main, absorb(year) vce(cluster cid) d
estimates store M1
ppmlhdfe fdi_usd_m ln_dist cult_dist inst_dist_c econ_dist ln_gdp fta fta_x_inst if main, absorb(year) vce(cluster cid)
estimates store M2a
ppmlhdfe fdi_usd_m inst_dist_c econ_dist ln_gdp fta fta_x_inst if main, absorb(cid year) vce(cluster cid)
estimates store M2b
tempname P
matrix `P' = J(4, 3, .)
estimates restore M1
foreach k in 1 2 3 {
    local v : word `k' of ln_dist cult_dist inst_dist
    matrix `P'[`k', 1] = _b[`v']
    matrix `P'[`k', 2] = 2 * normal(-abs(_b[`v'] / _se[`v']))
}
estimates restore M2a
local p2a = 2 * normal(-abs(_b[fta_x_inst] / _se[fta_x_inst]))
local b2a = _b[fta_x_inst]
estimates restore M2b
local p2b = 2 * normal(-abs(_b[fta_x_inst] / _se[fta_x_inst]))
local b2b = _b[fta_x_inst]
matrix `P'[4, 1] = min(`b2a', `b2b') * (sign(`b2a') == sign(`b2b'))
matrix `P'[4, 2] = max(`p2a', `p2b')
preserve
clear
svmat `P', names(c)
rename (c1 c2) (beta p)
gen hyp = _n
label define hyp 1 "A" 2 "B" 3 "C" 4 "D"
label values hyp hyp
gen expected = cond(hyp == 4, 1, -1)
sort p
gen rank = _n
gen p_holm = min(1, p * (4 - rank + 1))
replace p_holm = max(p_holm, p_holm[_n-1]) if _n > 1
gen supported = (sign(beta) == expected) & (p_holm < 0.05)
sort hyp
list hyp beta p p_holm supported, noobs sep(0)
restore
estimates restore M1
foreach v in ln_dist cult_dist inst_dist econ_dist {
    quietly summarize `v' if e(sample)
    display "`v': text " %6.1f 100 * (exp(_b[`v'] * r(sd)) - 1) "%"
}
display "text " %6.1f 100 * (exp(_b[fta]) - 1) "%"
ppmlhdfe position_usd_m ln_dist cult_dist inst_dist econ_dist ln_gdp fta if main & year >= 2009, absorb(year) vce(cluster cid)
estimates store R1
ppmlhdfe fdi_usd_m ln_dist cult_dist inst_dist econ_dist ln_gdp fta, absorb(year) vce(cluster cid)
estimates store R2a
ppmlhdfe fdi_usd_m ln_dist cult_dist inst_dist econ_dist ln_gdp fta if main & !inlist(iso3, "SGP", "HKG"), absorb(year) vce(cluster cid)
estimates store R2b
ppmlhdfe fdi_usd_m ln_dist cult_dist_ks inst_dist_ks econ_dist ln_gdp fta if main, absorb(year) vce(cluster cid)
estimates store R3
xtset cid year
ppmlhdfe fdi_usd_m ln_dist cult_dist L.inst_dist L.econ_dist L.ln_gdp L.fta if main, absorb(year) vce(cluster cid)
estimates store R4
gen ln_fdi = ln(fdi_usd_m) if fdi_usd_m > 0
xtreg ln_fdi ln_dist cult_dist inst_dist econ_dist ln_gdp fta if in_2019_sample & year <= 2015, re vce(robust)
estimates store R5a
ppmlhdfe fdi_usd_m ln_dist cult_dist inst_dist econ_dist ln_gdp fta if in_2019_sample & year <= 2015, absorb(year) vce(cluster cid)
estimates store R5b
xthtaylor ln_fdi ln_dist cult_dist inst_dist econ_dist ln_gdp fta if main, endog(inst_dist econ_dist ln_gdp)
estimates store R6
estimates table M1 M2a M2b R1 R2a R2b R3 R4 R5a R5b R6, b(%9.3f) se(%9.3f) stats(N) varwidth(14)
log close
