* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 69279208786 (a public GitHub .do file, replication part 2 (analysis) of Tonelli, Durazzi and Rathgeb, Skills and Far-right Support: How Education and Training Systems Moderate Voting Behaviour in the Knowledge Economy, Journal of European Public Policy: ESS respondents in regions and elections of European countries -- globals for paths, capture mkdir, a time-stamped log name from c(current_date)/c(current_time) with subinstr(), clock(), display as text with {hline}, sample restrictions, education and union dummies by gen/replace with inlist(), encode, egen group(), label define ..., replace, globals of covariate lists with a cross-level interaction i.edu3new##c.dualvet_round, count if !missing(), levelsof with a word count, weighted three-level melogit ... [pweight = anweight] || region: || election: under quietly and eststo, esttab ... using .rtf with drop(/:*) stats() addnotes(), margins r.edu3new, at(dualvet_round = (0(5)60)) and marginsplot with recast/recastci and plot(, label()), graph save/export, multinomial gsem (i.occupation <- ... M2[region]@1) [pweight], mlogit vce(robust), margins ... if, and grc1leg (SSC); the index does not name the repository) (excerpt: sections 0 to 5, Tables 1 and 2 and Figures 1 and 2; the appendix tables A1 on, some 40 more melogit and gsem fits of the same forms with other random-effects levels, samples and covariates, left out)
* author: Simone Tonelli, Niccolo Durazzi, Philip Rathgeb (file header)
* licence: none stated
* data: vet_rrp_analysis.dta = vet_rrp_analysis
clear all
set more off
version 17
global PROJECT  "/Users/project/replication"
global DATA     "$PROJECT/output"
global TABLES   "$PROJECT/output/tables"
global FIGURES  "$PROJECT/output/figures"
global LOGS     "$PROJECT/output/logs"
capture mkdir "$TABLES"
capture mkdir "$FIGURES"
capture mkdir "$LOGS"
capture log close _all
local stamp = subinstr(trim("`c(current_date)'"), " ", "", .) + "_" + subinstr("`c(current_time)'", ":", "", .)
global RUNLOG "$LOGS/analysis_`stamp'.log"
log using "$RUNLOG", replace text
global T0 = clock("`c(current_date)' `c(current_time)'", "DMY hms")
display as text "{hline 64}"
display as text "text"
display as text "text : `c(current_date)' `c(current_time)'"
display as text "text : `c(stata_version)'  (`c(machine_type)')"
display as text "text : $RUNLOG"
display as text "{hline 64}"
use "$DATA/vet_rrp_analysis.dta", clear
drop if missing(dualvet_round)
drop if essround == 11
drop if agea > 65
gen     edu3new = 1 if eduvet2 == 2 | inlist(edulvlb, 0, 113, 212, 213)
replace edu3new = 2 if eduvet2 == 3 | inlist(edulvlb, 129, 221, 222, 223)
replace edu3new = 3 if eduvet2 == 4
gen     mtu = 1 if mbtru == 1
replace mtu = 0 if mbtru == 2 | mbtru == 3
encode sector, gen(industry)
tabulate industry, gen(sec_)
encode cntry,  gen(country)
encode region, gen(regione)
egen regionround = group(region essround)
egen cntryround  = group(cntry essround)
gen     age_group = 1 if agea < 35
replace age_group = 2 if agea >= 35 & agea < 50
replace age_group = 3 if agea >= 50
gen byte period = (eyear >= 2014) if !missing(eyear)
label define edu3new_lbl 1 "a" 2 "b" 3 "c", replace
label values edu3new edu3new_lbl
label define mtu_lbl   0 "a" 1 "b", replace
label values mtu mtu_lbl
label define sec5_lbl  0 "a"      1 "b", replace
label values sec_5 sec5_lbl
label define urban_lbl 0 "a"              1 "b", replace
label values urban urban_lbl
label define age_group_lbl 1 "a" 2 "b" 3 "c", replace
label values age_group age_group_lbl
label define period_lbl 0 "a" 1 "b", replace
label values period period_lbl
label variable edu3new       "a"
label variable occupation    "a"
label variable dualvet_round "a"
label variable agea          "a"
label variable age2          "a"
label variable gndr          "a"
label variable rlgdgr        "a"
label variable urban         "a"
label variable mtu           "a"
label variable sec_5         "a"
label variable imwbcnt       "a"
label variable unemp         "a"
label variable logGDPpc      "a"
label variable emprot_reg    "a"
label variable gini          "a"
label variable wage_p50_p10  "a"
label variable wage_p90_p10  "a"
label variable wage_p90_p50  "a"
label variable degreemom     "a"
label variable degreedad     "a"
label variable age_group     "a"
label variable period        "a"
global demo       "agea age2 i.gndr rlgdgr i.urban"
global demo_par   "agea age2 i.gndr rlgdgr i.urban degreedad degreemom"
global downstream "i.occupation i.mtu i.sec_5 imwbcnt"
global macro      "dualvet_round unemp emprot_reg logGDPpc"
global macro_int  "unemp emprot_reg logGDPpc"
global core       "i.edu3new##c.dualvet_round"
global FE         "i.year i.country"
count if !missing(edu3new, farright, region, election, anweight)
display as text "text = " r(N)
levelsof cntry, local(cc)
display as text "text : " `: word count `cc''
levelsof election if !missing(edu3new, farright, anweight), local(ee)
display as text "text : " `: word count `ee''
eststo clear
eststo M1: quietly melogit farright i.edu3new [pweight = anweight] || region: || election:
eststo M2: quietly melogit farright i.edu3new $demo [pweight = anweight] || region: || election:
eststo M3: quietly melogit farright i.edu3new##c.dualvet_round $demo [pweight = anweight] || region: || election:
eststo M4: quietly melogit farright i.edu3new $demo $downstream [pweight = anweight] || region: || election:
eststo M5: quietly melogit farright i.edu3new $demo $downstream $macro [pweight = anweight] || region: || election:
eststo M6: quietly melogit farright i.edu3new##c.dualvet_round $demo $downstream $macro_int [pweight = anweight] || region: || election:
esttab M1 M2 M3 M4 M5 M6 using "$TABLES/Table1_vote_models.rtf", replace b(3) se(3) label star(* 0.10 ** 0.05 *** 0.01) mtitles("a" "b" "c" "d" "e" "f") nodepvars nogaps compress nobaselevels noomitted drop(/:*) stats(N ll, labels("a" "b") fmt(0 3)) nonotes addnotes("a" "b")
display as result _n "text"
capture noisily esttab M1 M2 M3 M4 M5 M6, b(3) se(3) label star(* 0.10 ** 0.05 *** 0.01) mtitles("a" "b" "c" "d" "e" "f") nodepvars nogaps compress nobaselevels noomitted drop(/:*) stats(N ll, labels("a" "b") fmt(0 3))
quietly melogit farright i.edu3new##c.dualvet_round $demo [pweight = anweight] || region: || election:
margins r.edu3new, at(dualvet_round = (0(5)60))
marginsplot, recast(line) plot1opts(lcolor(gs8) lpattern(solid)) plot2opts(lcolor(gs8) lpattern(dash)) ciopt(color(black%20)) recastci(rarea) yline(0) title("") xtitle("a") ytitle("b") ylabel(0 "{bf:a}", add labsize(small)) plot(, label("a" "b")) xlabel(0 "0" 10 20 30 40 50 60 "60") name(fig1, replace)
graph save   "$FIGURES/Figure1_vote_contrasts.gph", replace
graph export "$FIGURES/Figure1_vote_contrasts.tif", width(4000) replace
graph export "$FIGURES/Figure1_vote_contrasts.eps", replace
eststo clear
eststo O1: quietly gsem (i.occupation <- i.edu3new M2[region]@1) [pweight = anweight], mlogit vce(robust)
eststo O2: quietly gsem (i.occupation <- i.edu3new agea age2 i.gndr i.urban M2[region]@1) [pweight = anweight], mlogit vce(robust)
eststo O3: quietly gsem (i.occupation <- i.edu3new##c.dualvet_round agea age2 i.gndr i.urban M2[region]@1) [pweight = anweight], mlogit vce(robust)
eststo O4: quietly gsem (i.occupation <- i.edu3new agea age2 i.gndr i.urban sec_5 unemp emprot_reg logGDPpc M2[region]@1) [pweight = anweight], mlogit vce(robust)
eststo O5: quietly gsem (i.occupation <- i.edu3new##c.dualvet_round agea age2 i.gndr i.urban sec_5 unemp emprot_reg logGDPpc M2[region]@1) [pweight = anweight], mlogit vce(robust)
esttab O1 O2 O3 O4 O5 using "$TABLES/Table2_occupation_models.rtf", replace b(3) se(3) label star(* 0.10 ** 0.05 *** 0.01) mtitles("a" "b" "c" "d" "e") nodepvars nogaps compress nobaselevels noomitted drop(/:*) stats(N ll, labels("a" "b") fmt(0 3)) nonotes addnotes("a" "b" "c" "d")
display as result _n "text"
capture noisily esttab O1 O2 O3 O4 O5, b(3) se(3) label star(* 0.10 ** 0.05 *** 0.01) mtitles("a" "b" "c" "d" "e") nodepvars nogaps compress nobaselevels noomitted drop(/:*) stats(N ll, labels("a" "b") fmt(0 3))
quietly gsem (i.occupation <- i.edu3new##c.dualvet_round agea age2 i.gndr i.urban M2[region]@1) [pweight = anweight], mlogit vce(robust)
margins edu3new if edu3new == 2, at(dualvet_round = (0(3)60))
marginsplot, recast(line) recastci(rarea) ciopt(lpattern(solid) lcolor(black) acolor(gs13%40) lcolor(none)) plot1opts(lpattern(solid) lcolor(black)) plot2opts(lpattern(dot)   lcolor(black)) plot3opts(lpattern(dash)  lcolor(black)) title("") ytitle("{bf:a}") xtitle("{bf:b}") plot(, label("a" "b" "c")) legend(title("{bf:a}", size(3.5))) xlabel(0 "0" 20 40 60 "60") name(fig2a, replace)
graph save "$FIGURES/fig2a_full.gph", replace
quietly gsem (i.occupation <- i.edu3new##c.dualvet_round agea age2 i.gndr i.urban M2[region]@1) if agea < 35 [pweight = anweight], mlogit vce(robust)
margins edu3new if edu3new == 2, at(dualvet_round = (0(3)60))
marginsplot, recast(line) recastci(rarea) ciopt(lpattern(solid) lcolor(black) acolor(gs13%40) lcolor(none)) plot1opts(lpattern(solid) lcolor(black)) plot2opts(lpattern(dot)   lcolor(black)) plot3opts(lpattern(dash)  lcolor(black)) title("") ytitle("{bf:a}") xtitle("{bf:b}") plot(, label("a" "b" "c")) legend(title("{bf:a}", size(3.5))) xlabel(0 "0" 20 40 60 "60") name(fig2b, replace)
graph save "$FIGURES/fig2b_under35.gph", replace
grc1leg "$FIGURES/fig2a_full.gph" "$FIGURES/fig2b_under35.gph", rows(1)
graph save   "$FIGURES/Figure2_occupation.gph", replace
graph export "$FIGURES/Figure2_occupation.tif", width(4000) replace
graph export "$FIGURES/Figure2_occupation.eps", replace
