* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 18700990954 (a public GitHub .do file of a student project on inequality and self-esteem with the World Values Survey wave 7 merged with WID, World Bank, SWIID and V-Dem country data: renames, string classification with generate/replace if, gen byte inlist() | inlist(), binsreg, sankey, contract, collapse, gsort, quietly{} blocks of regress/estimates store, etable, estimates() showstars cstat(), encode, regress i.country_id vce(cluster), random-intercept mixed with cross-level c.x##c.gini_disp and i.class##c.macro || B_COUNTRY: (if after the random-effects equation), margins dydx() at(numlist), margins at(), marginsplot, then per-country slopes by levelsof/postfile/preserve/keep/regress/post/restore and twoway rcap/scatter mlabel/lfit, bysort egen mean(cond()); the index does not name the repository) (the author left a preserve ... collapse without its restore, and the graph sections run on the posted results; the transcriber's restore and three use lines are marked mlm-added) (excerpt: from the cleaning section on -- the first section reads five files (csv, WID, SWIID via kountry, V-Dem, WVS) and joins them; its result is the preloaded data; three graph use lines that open .gph files made by commented-out code are left out)
* author: unknown (a student project; the path names the author)
* licence: none stated
* preload: wvs7_inequality_merged
* data: master.dta = wvs7_inequality_merged
keep if Q48 >= 0 & Q275 >= 0 & Q288 >= 0
quietly{
rename Q48 freedom_choice
rename Q275 nivel_educacion
rename Q275R nivel_educacion_class
rename Q288 subjective_income
rename Q288R subjective_income_class
}
quietly{
generate class_placement = "true" if nivel_educacion_class == subjective_income_class
replace class_placement = "optimist" if nivel_educacion_class < subjective_income_class 
replace class_placement = "pessimist" if nivel_educacion_class > subjective_income_class 
}
quietly{
label variable nivel_educacion "label"
}
generate lnGDPpercap1 = ln(GDPpercap1)
generate GDPpercap1_10k = (GDPpercap1)/10000
gen byte latin_america = inlist(ISO3C, "ARG","BOL","BRA","CHL","COL","CRI","CUB","DOM") | inlist(ISO3C, "ECU","SLV","GTM","HND","HTI","MEX","NIC","PAN") | inlist(ISO3C, "PRY","PER","URY","VEN")
gen mobility = nivel_educacion - Q278 if Q262 >= 30
save master.dta, replace
use master.dta, clear
binsreg Q49 freedom_choice if Q49>0 & freedom_choice>0, nbins(10) dots(0) ci(0) cb(0) polyreg(1) polyregplotopt(lwidth(medium) lpattern(dash)) title("title") subtitle("subtitle") xtitle("x") ytitle("y") xlabel(1(1)10, grid angle(45)) ylabel(4(1)10, grid) legend(off) note("note", size(small) position(6))
preserve
contract nivel_educacion_class subjective_income_class
list, sepby(nivel_educacion_class)
sankey _freq , from(nivel_educacion_class) to(subjective_income_class)  ctitles("a" "b") cts(2.5) ctg(900) ctpos(bot) offset(10) title("title", size(3)) showtot 
restore
preserve
quietly{
gen pct_true = class_placement == "true"
gen pct_pess = class_placement == "pessimist"
gen pct_opti = class_placement == "optimist"
collapse (mean) pct_true pct_pess pct_opti, by(B_COUNTRY)
format pct_true pct_pess pct_opt %6.2f
}
gsort -pct_true
list B_COUNTRY pct_true pct_pess pct_opt, noobs
* mlm-added: the author's preserve before the collapse has no restore; the rest needs the respondents
restore
* mlm-expect: r(198)
keep if = 
quietly{
regress freedom_choice nivel_educacion_class if class_placement == "true" 
estimates store ClassAwareness
regress freedom_choice nivel_educacion_class if class_placement == "optimist" 
estimates store optimists
regress freedom_choice nivel_educacion_class if class_placement == "pessimist"
estimates store pessimists
regress freedom_choice nivel_educacion_class 
estimates store WithoutDistinction
}
etable, estimates(ClassAwareness optimists pessimists WithoutDistinction) showstars showstarsnote  title("title") novarlabel column(estimates) cstat(_r_b) cstat(_r_p, )
quietly{
regress freedom_choice nivel_educacion_class subjective_income_class if class_placement == "true" 
estimates store ClassAwareness
regress freedom_choice nivel_educacion_class subjective_income_class if class_placement == "optimist" 
estimates store optimists
regress freedom_choice nivel_educacion_class subjective_income_class if class_placement == "pessimist"
estimates store pessimists
regress freedom_choice subjective_income_class nivel_educacion_class
estimates store WithoutDistinction
}
etable, estimates(ClassAwareness optimists pessimists WithoutDistinction) showstars showstarsnote  title("title") novarlabel column(estimates) cstat(_r_b) cstat(_r_p, )
quietly{
regress freedom_choice nivel_educacion_class lnGDPpercap1 income_10 wealth_10 gini_disp gini_mkt if class_placement == "true"
estimates store ClassAwareness
regress freedom_choice nivel_educacion_class lnGDPpercap1 income_10 wealth_10 gini_disp gini_mkt if class_placement == "optimist"
estimates store optimists
regress freedom_choice nivel_educacion_class lnGDPpercap1 income_10 wealth_10 gini_disp gini_mkt if class_placement == "pessimist"
estimates store pessimists
regress freedom_choice nivel_educacion_class lnGDPpercap1 income_10 wealth_10 gini_disp gini_mkt
estimates store WithoutDistinction
}
etable, estimates(ClassAwareness optimists pessimists WithoutDistinction) showstars showstarsnote  title("title") novarlabel column(estimates) cstat(_r_b) cstat(_r_p, )
encode ISO3C, gen(country_id)
regress freedom_choice  subjective_income_class i.country_id, vce(cluster country_id)
* mlm-expect: r(109)
regress freedom_choice subjective_income_class i.country_id if class , vce(cluster country_id)
quietly{
regress freedom_choice subjective_income_class i.country_id if class_placement == "true"
estimates store ClassAwareness
regress freedom_choice subjective_income_class i.country_id if class_placement == "optimist"
estimates store optimists
regress freedom_choice subjective_income_class i.country_id if class_placement == "pessimist"
estimates store pessimists
regress freedom_choice subjective_income_class i.country_id
estimates store WithoutDistinction
}
etable, estimates(ClassAwareness optimists pessimists WithoutDistinction) showstars showstarsnote  title("title") novarlabel column(estimates) cstat(_r_b) cstat(_r_p, )
quietly{
regress freedom_choice subjective_income_class if class_placement == "true"
estimates store ClassAwareness
regress freedom_choice subjective_income_class if class_placement == "optimist"
estimates store optimists
regress freedom_choice subjective_income_class if class_placement == "pessimist"
estimates store pessimists
regress freedom_choice subjective_income_class nivel_educacion_class
estimates store WithoutDistinction
}
etable, estimates(ClassAwareness optimists pessimists WithoutDistinction) showstars showstarsnote  title("title") novarlabel column(estimates) cstat(_r_b) cstat(_r_p, )
quietly{
regress freedom_choice subjective_income_class humanineqiality if class_placement == "true"
estimates store ClassAwareness
regress freedom_choice subjective_income_class lnGDPpercap1 gini_disp if class_placement == "optimist"
estimates store optimists
regress freedom_choice subjective_income_class lnGDPpercap1 gini_disp if class_placement == "pessimist"
estimates store pessimists
regress freedom_choice subjective_income_class lnGDPpercap1 gini_disp
estimates store WithoutDistinction
}
etable, estimates(ClassAwareness optimists pessimists WithoutDistinction) showstars showstarsnote  title("title") novarlabel column(estimates) cstat(_r_b) cstat(_r_p, )
regress nivel_educacion_class lnGDPpercap1 income_10 if class_placement == "true"
replace humanineqiality = . if humanineqiality == -9999
mixed freedom_choice c.subjective_income##c.gini_disp gini_disp || B_COUNTRY:
margins, dydx(subjective_income) at(gini_disp=(22 32 42 52))
marginsplot
mixed freedom_choice c.subjective_income##c.humanineqiality humanineqiality || B_COUNTRY:
margins, dydx(subjective_income) at(humanineqiality=(4 8 12 16 20 24 28 32 36 40 44 48 52 56))
marginsplot
mixed freedom_choice c.subjective_income##c.lnGDPpercap1 lnGDPpercap1 || B_COUNTRY: if class_placement == "true"
margins, dydx(subjective_income) at(lnGDPpercap1=(8.6 9.11 9.50 9.65 10.0 10.13))
marginsplot
mixed freedom_choice i.nivel_educacion_class##c.gini_disp || B_COUNTRY: if class_placement == "true"
margins, at(gini_disp=(22 32 42 52))
marginsplot
mixed freedom_choice i.nivel_educacion_class##c.humanineqiality || B_COUNTRY:
margins, at(humanineqiality=(4 8 12 16 20 24 28 32 36 40 44 48 52 56))
marginsplot
mixed freedom_choice i.nivel_educacion_class##c.income_1 || B_COUNTRY: if class_placement == "true"
margins, at(income_1=(22 32 42 52))
marginsplot
mixed freedom_choice i.nivel_educacion_class##c.income_bottom50 || B_COUNTRY: if class_placement == "true"
margins, at(income_bottom50=(0 20 40 60))
marginsplot
levelsof ISO3C, local(countries)
tempname handle
tempfile results
postfile `handle' str32 ISO3C double coef se lnGDPpercap1 using "`results'", replace
foreach c of local countries {
    preserve
        keep if ISO3C == "`c'"
        quietly regress freedom_choice subjective_income
        local b = _b[subjective_income]
        local s = _se[subjective_income]
        local g = lnGDPpercap1[1]
        post `handle' ("`c'") (`b') (`s') (`g')
    restore
}
postclose `handle'
use "`results'", clear
generate beta_ub = coef + 1.96 * se
generate beta_lb = coef - 1.96 * se
rename coef beta_subj_inc
twoway (rcap  beta_ub    beta_lb    lnGDPpercap1) (scatter beta_subj_inc lnGDPpercap1, msymbol(circle) msize(medium) mlabel(ISO3C) mlabposition(0) mlabsize(small) mlabcolor(black)) (lfit    beta_subj_inc    lnGDPpercap1) , xlabel(, grid) ylabel(, grid) xtitle("x") ytitle("y") title("title")
* mlm-added: the section needs the respondents, not the posted results in memory
use master.dta, clear
levelsof ISO3C, local(codes)
tempname handle
tempfile results
postfile `handle' str3   ISO3C   double coef se gini_disp using "`results'", replace
foreach c of local codes {
    preserve
        keep if ISO3C == "`c'"
        quietly regress freedom_choice subjective_income_class
        local b = _b[subjective_income_class]
        local s = _se[subjective_income_class]
        local g = gini_disp[1]
        post `handle' ("`c'") (`b') (`s') (`g')
    restore
}
postclose `handle'
use "`results'", clear
rename coef    beta_nivel
rename se      se_nivel
generate nivel_ub = beta_nivel + 1.96 * se_nivel
generate nivel_lb = beta_nivel - 1.96 * se_nivel
twoway (scatter beta_nivel gini_disp, msymbol(circle) msize(medium) mlabel(ISO3C) mlabposition(0) mlabsize(small) mlabcolor(black)) (lfit beta_nivel gini_disp) , xlabel(, grid) ylabel(, grid) xtitle("x") ytitle("y") title("title")
* mlm-added: the section needs the respondents, not the posted results in memory
use master.dta, clear
levelsof ISO3C, local(codes)
tempname handle
tempfile results
postfile `handle' str3   ISO3C   double coef se income_10 using "`results'", replace
foreach c of local codes {
    preserve
        keep if ISO3C == "`c'"
        quietly regress freedom_choice nivel_educacion_class
        local b = _b[nivel_educacion_class]
        local s = _se[nivel_educacion_class]
        local inc = income_10[1]
        post `handle' ("`c'") (`b') (`s') (`inc')
    restore
}
postclose `handle'
use "`results'", clear
rename coef    beta_nivel
rename se      se_nivel
rename income_10 country_income
generate nivel_ub = beta_nivel + 1.96 * se_nivel
generate nivel_lb = beta_nivel - 1.96 * se_nivel
twoway (rcap  nivel_ub    nivel_lb    country_income) (scatter beta_nivel country_income, msymbol(circle) msize(medium) mlabel(ISO3C) mlabposition(0) mlabsize(small) mlabcolor(black)) (lfit    beta_nivel    country_income) , xlabel(, grid) ylabel(, grid) xtitle("x")
* mlm-expect: r(199)
ytitle("y") title("title")
* mlm-added: the section needs the respondents, not the posted results in memory
use master.dta, clear
bysort nivel_educacion_class: egen mean_true  = mean(cond(class_placement=="true",  freedom_choice, .))
bysort nivel_educacion_class: egen mean_false = mean(cond(class_placement=="false", freedom_choice, .))
sort nivel_educacion_class
twoway (line    mean_true  nivel_educacion_class, lwidth(medium) lpattern(solid)) (line    mean_false nivel_educacion_class, lwidth(medium) lpattern(dash)) (scatter mean_true  nivel_educacion_class, msymbol(circle)  msize(medium)) (scatter mean_false nivel_educacion_class, msymbol(diamond) msize(medium)), xlabel(1 2 3, valuelabel) legend(order(1 "a" 2 "b") ring(0) pos(6)) xtitle("x") ytitle("y") title("title")
bysort subjective_income: egen mean_true1  = mean(cond(class_placement=="true",  freedom_choice, .))
bysort subjective_income: egen mean_false2 = mean(cond(class_placement=="false", freedom_choice, .))
sort subjective_income
twoway (line    mean_true1  subjective_income, lwidth(medium) lpattern(solid)) (line    mean_false2 subjective_income, lwidth(medium) lpattern(dash)) (scatter mean_true1  subjective_income, msymbol(circle)  msize(medium)) (scatter mean_false2 subjective_income, msymbol(diamond) msize(medium)), legend(order(1 "a" 2 "b") ring(0) pos(6)) xtitle("x") ytitle("y") title("title")
