* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 26917882414 (a public GitHub .do file, "CountryRegressionAnalysis", of a PhD replication of the UK national COPD primary-care audit in CPRD GOLD (Imperial College London, October 2017, Stata/MP 15): age bands from gen byte/replace chains and label define/values, order ..., after(), keep if, tab ..., missing of thirteen comorbidity flags, label list, a reordered country variable, gen byte/replace of seven quality-of-care outcomes (one from a date window with ///-continued conditions), tab ..., row chi and col chi; for each outcome three melogit ... || pracid:, base or models of growing adjustment (practices as random intercepts), estimates store and estat icc; then coefplot of the seven stored models with eform xscale(log range()) drop(_cons *.agebands ...) ciopts(recast(rcap)) coeflabels(, wrap()) legend(order()), three coefplot panels of (model, color() ciopts()) groups, graph save, graph combine of the saved .gph files with cols() xsize() ysize(), graph export to svg/pdf/eps, log close, translate of the smcl log; the index does not name the repository)
* author: PWS (per the file's header; Imperial College London)
* licence: none stated
* data: complete_build = cprd_copd_audit
clear
set more off
cd "C:\projectfolder"
capture log close
log using analysis_logs/outputlog, smcl replace
local data_dir "D:\datafolder"
use "`data_dir'/builds/complete_build", clear
gen byte agebands = 1 if age >= 35
replace agebands = 2 if age >= 45
replace agebands = 3 if age >= 55
replace agebands = 4 if age >= 65
replace agebands = 5 if age >= 75
replace agebands = 6 if age >= 85
replace agebands = . if age == .
label define agebands 1 "Band 1" 2 "Band 2" 3 "Band 3" 4 "Band 4" 5 "Band 5" 6 "Band 6"
label values agebands agebands
order agebands, after(age)
keep if gender == 1 | gender == 2
tab agebands, missing
tab gender, missing
tab anxiety_bin, missing
tab asthma_bin, missing
tab bronchiectasis_bin, missing
tab coronary_heart_disease_bin, missing
tab depression_bin, missing
tab diabetes_bin, missing
tab heart_failure_bin, missing
tab pain, missing
tab hypertension_bin, missing
tab lung_cancer_bin, missing
tab osteoporosis_bin, missing
tab psychosis_bin, missing
tab stroke_bin, missing
tab mrc_score, missing
tab currentsmokstatus, missing
label list country
tab country, missing
gen country2 = 1 if country == 3
replace country2 = 2 if country == 1
replace country2 = 3 if country == 2
replace country2 = 4 if country == 4
label define country2 1 "Country A" 2 "Country B" 3 "Country C" 4 "Country D"
label values country2 country2
tab country country2
gen byte fev1fvc = lowfev1fvcratio
replace fev1fvc = 0 if fev1fvc == 2
tab country2 lowfev1fvcratio, row chi
tab country2 anyfev1fvcratio, row chi
gen byte mrcpastyr = mrc_pastyr
replace mrcpastyr = 1 if mrc_pastyr >= 1
gen byte asksmokpastyr = smokstatus_pastyr
replace asksmokpastyr = 1 if asksmokpastyr >= 1
gen byte mrc3plus_pr3yrs_nox = 0 if mrc_score >= 3 & mrc_score <= 5
replace mrc3plus_pr3yrs_nox = 1 if mrc_score >= 3 & mrc_score <= 5 & pulmonary_rehab != . & pulmonary_rehab > end-(3*365.25)
tab fev1fvc
tab cxr_6mo
tab mrcpastyr, missing
tab asksmokpastyr, missing
tab flu_vaccine, missing
tab behavanddrug
tab mrc3plus_pr3yrs
tab mrc3plus_pr3yrs_nox, missing
tab fev1fvc country2, col chi
melogit fev1fvc i.country2 || pracid:, base or
melogit fev1fvc i.country2 i.agebands i.gender || pracid:, base or
melogit fev1fvc i.country2 i.agebands i.gender anxiety_bin asthma_bin bronchiectasis_bin coronary_heart_disease_bin depression_bin diabetes_bin heart_failure_bin pain hypertension_bin lung_cancer_bin osteoporosis_bin psychosis_bin stroke_bin || pracid:, base or
estimates store spirometry
estat icc
tab cxr_6mo country2, col chi
melogit cxr_6mo i.country2 || pracid:, base or
melogit cxr_6mo i.country2 i.agebands i.gender || pracid:, base or
melogit cxr_6mo i.country2 i.agebands i.gender anxiety_bin asthma_bin bronchiectasis_bin coronary_heart_disease_bin depression_bin diabetes_bin heart_failure_bin pain hypertension_bin lung_cancer_bin osteoporosis_bin psychosis_bin stroke_bin || pracid:, base or
estimates store cxr
estat icc
tab mrc_pastyr country, missing col chi
tab mrc_score country, missing col chi
tab mrcpastyr country2, col chi
melogit mrcpastyr i.country2 || pracid:, base or
melogit mrcpastyr i.country2 i.agebands i.gender || pracid:, base or
melogit mrcpastyr i.country2 i.agebands i.gender anxiety_bin asthma_bin bronchiectasis_bin coronary_heart_disease_bin depression_bin diabetes_bin heart_failure_bin pain hypertension_bin lung_cancer_bin osteoporosis_bin psychosis_bin stroke_bin || pracid:, base or
estimates store mrc_grade
estat icc
tab asksmokpastyr country2, col chi
melogit asksmokpastyr i.country2 || pracid:, base or
melogit asksmokpastyr i.country2 i.agebands i.gender || pracid:, base or
melogit asksmokpastyr i.country2 i.agebands i.gender anxiety_bin asthma_bin bronchiectasis_bin coronary_heart_disease_bin depression_bin diabetes_bin heart_failure_bin pain hypertension_bin lung_cancer_bin osteoporosis_bin psychosis_bin stroke_bin || pracid:, base or
estimates store smoking
estat icc
tab flu_vaccine country2, col chi
melogit flu_vaccine i.country2 || pracid:, base or
melogit flu_vaccine i.country2 i.agebands i.gender || pracid:, base or
melogit flu_vaccine i.country2 i.agebands i.gender anxiety_bin asthma_bin bronchiectasis_bin coronary_heart_disease_bin depression_bin diabetes_bin heart_failure_bin pain hypertension_bin lung_cancer_bin osteoporosis_bin psychosis_bin stroke_bin || pracid:, base or
estimates store fluvax
estat icc
tab behavanddrug country2, col chi
melogit behavanddrug i.country2 || pracid:, base or
melogit behavanddrug i.country2 i.agebands i.gender || pracid:, base or
melogit behavanddrug i.country2 i.agebands i.gender anxiety_bin asthma_bin bronchiectasis_bin coronary_heart_disease_bin depression_bin diabetes_bin heart_failure_bin pain hypertension_bin lung_cancer_bin osteoporosis_bin psychosis_bin stroke_bin || pracid:, base or
estimates store smokcess
estat icc
tab mrc3plus_pr3yrs country2, col chi
melogit mrc3plus_pr3yrs i.country2 || pracid:, base or
melogit mrc3plus_pr3yrs i.country2 i.agebands i.gender || pracid:, base or
melogit mrc3plus_pr3yrs i.country2 i.agebands i.gender anxiety_bin asthma_bin bronchiectasis_bin coronary_heart_disease_bin depression_bin diabetes_bin heart_failure_bin pain hypertension_bin lung_cancer_bin osteoporosis_bin psychosis_bin stroke_bin || pracid:, base or
estimates store pr_ref
estat icc
tab mrc3plus_pr3yrs_nox country2, col chi
melogit mrc3plus_pr3yrs_nox i.country2 || pracid:, base or
melogit mrc3plus_pr3yrs_nox i.country2 i.agebands i.gender || pracid:, base or
melogit mrc3plus_pr3yrs_nox i.country2 i.agebands i.gender anxiety_bin asthma_bin bronchiectasis_bin coronary_heart_disease_bin depression_bin diabetes_bin heart_failure_bin pain hypertension_bin lung_cancer_bin osteoporosis_bin psychosis_bin stroke_bin || pracid:, base or
estat icc
coefplot spirometry cxr mrc_grade smoking fluvax smokcess pr_ref , graphregion(color(white)) bgcolor(white) xlab(0.1 0.5(0.5)3, grid glcolor(gs15)) ylab(, glcolor(gs15)) xtitle("Axis text") eform xscale(log range(0.02 3)) coeflabels(, wrap(12)) ciopts(recast(rcap)) xline(1, lcolor(black) lwidth(thin) lpattern(dash)) drop(_cons *.agebands *.gender anxiety_bin asthma_bin bronchiectasis_bin coronary_heart_disease_bin depression_bin diabetes_bin heart_failure_bin pain hypertension_bin lung_cancer_bin osteoporosis_bin psychosis_bin stroke_bin) legend(order(2 "Legend 1" 4 "Legend 2" 6 "Legend 3" 8 "Legend 4" 10 "Legend 5" 12 "Legend 6" 14 "Legend 7"))
graph save graphs/panel_all, replace
coefplot (spirometry, color(blue) ciopts(lc(blue) recast(rcap))) (cxr, color(orange) ciopts(lc(orange) recast(rcap))) , graphregion(color(white)) bgcolor(white) xlab(0.1 0.5(0.5)3, grid glcolor(gs15)) ylab(, glcolor(gs15)) xtitle("Axis text") eform xscale(log range(0.02 3)) coeflabels(, wrap(12)) xline(1, lcolor(black) lwidth(thin) lpattern(dash)) drop(_cons *.agebands *.gender anxiety_bin asthma_bin bronchiectasis_bin coronary_heart_disease_bin depression_bin diabetes_bin heart_failure_bin pain hypertension_bin lung_cancer_bin osteoporosis_bin psychosis_bin stroke_bin) title("Title text", color(black)) legend(region(lcolor(white)) col(1) order(2 "Legend 1" 4 "Legend 2" 6 ""))
graph save graphs/panel_one, replace
coefplot (mrc_grade, color(gray) ciopts(lc(gray) recast(rcap))) (smoking, color(gold) ciopts(lc(gold) recast(rcap))) , graphregion(color(white)) bgcolor(white) xlab(0.1 0.5(0.5)3, grid glcolor(gs15)) ylab(, glcolor(gs15)) xtitle("Axis text") eform xscale(log range(0.02 3)) yscale(off) coeflabels(, wrap(12)) xline(1, lcolor(black) lwidth(thin) lpattern(dash)) drop(_cons *.agebands *.gender anxiety_bin asthma_bin bronchiectasis_bin coronary_heart_disease_bin depression_bin diabetes_bin heart_failure_bin pain hypertension_bin lung_cancer_bin osteoporosis_bin psychosis_bin stroke_bin) title("Title text", color(black)) legend(region(lcolor(white)) col(1) order(2 "Legend 1" 4 "Legend 2" 6 ""))
graph save graphs/panel_two, replace
coefplot (fluvax, color(midblue) ciopts(lc(midblue) recast(rcap))) (smokcess, color(green) ciopts(lc(green) recast(rcap))) (pr_ref, color(dknavy) ciopts(lc(dknavy) recast(rcap))) , graphregion(color(white)) bgcolor(white) xlabel(0.1 0.5(0.5)3, grid glcolor(gs15)) ylabel(, glcolor(gs15)) xtitle("Axis text") eform xscale(log range(0.02 3)) yscale(off) coeflabels(, wrap(12)) xline(1, lcolor(black) lwidth(thin) lpattern(dash)) drop(_cons *.agebands *.gender anxiety_bin asthma_bin bronchiectasis_bin coronary_heart_disease_bin depression_bin diabetes_bin heart_failure_bin pain hypertension_bin lung_cancer_bin osteoporosis_bin psychosis_bin stroke_bin) title("Title text", color(black)) legend(region(lcolor(white)) col(1) order(2 "Legend 1" 4 "Legend 2" 6 "Legend 3"))
graph save graphs/panel_three, replace
graph combine graphs/panel_one.gph graphs/panel_two.gph graphs/panel_three.gph , graphregion(color(white)) scale(0.95) cols(3) xsize(30) ysize(10)
graph save graphs/combined, replace
graph export graphs/combined.svg, replace
graph export graphs/combined.pdf, replace
graph export graphs/combined.eps, replace
log close
translate analysis_logs/outputlog.smcl analysis_logs/outputlog.log
