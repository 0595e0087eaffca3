* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 12017586764 (a public GitHub .do file, 2020, of parametric survival models for a paper on minimally invasive direct coronary artery bypass (MIDCAB), second revision for a cardiothoracic journal: macro drop _all, capture log close, clear all, cd, log using ..., replace text, version 15, set more off, permanently, set linesize, set scheme sj, import delim ..., numericcols() clear, codebook, compact, stset fupyear, fail(died), sts graph, survival, misstable summ, all, mode imputation with replace, recodes of -9, streg i.x ... , distribution(exponential) on the whole cohort and on three era files (use ..., replace; clear; use), sts graph, by(), mkspline age_s = age, nknots(4) cubic displayknots, mat knots = r(knots), streg with the spline terms age_s*, glm ..., family(binomial), xbrcspline ..., matknots() values() ref() eform, log close; the index does not name the repository)
* author: unknown
* licence: none stated
* data: C:/github_rcode/midcab/midcab_paper/JTCVS_rev1/pdf.csv = midcab_cohort
* data: era1_data = midcab_era1
* data: era2_data = midcab_era2
* data: era3_data = midcab_era3
macro drop _all
capture log close
clear all
drop _all
cd "C:/github_rcode/midcab/midcab_paper/JTCVS_rev1/JTCVS_rev2/"
log using parametric_model.log, replace text
version 15
set more off, permanently
set linesize 255
set scheme sj
import delim "C:/github_rcode/midcab/midcab_paper/JTCVS_rev1/pdf.csv", numericcols (2 3 4 5 6 7 8 11) clear
codebook, compact
stset fupyear, fail(died)
sts graph, survival
misstable summ, all
misstable summ, all
replace diabetes = 0 if diabetes == .
replace hyperlipemia = 0 if hyperlipemia == .
replace pre_dialysis = 0 if pre_dialysis == .
replace prior_pci = 0 if prior_pci == .
replace pre_mi = 0 if pre_mi == .
replace pad = 0 if pad == .
misstable summ, all
tab incompl_revascularisation
gen incomp_revasc = .
replace incomp_revasc = 0 if incompl_revascularisation == 0
replace incomp_revasc = 1 if incompl_revascularisation == 1
replace incomp_revasc = 0 if incomp_revasc == .
tab incomp_revasc
gen female_n = .
replace female_n = 0 if female == "no"
replace female_n = 1 if female == "yes"
tab female_n
summ pre_lvef
replace pre_lvef = 54 if pre_lvef == -9
summ pre_lvef
gen low_lvef = .
replace low_lvef = 1 if pre_lvef <= 40
replace low_lvef = 0 if pre_lvef > 40
tab low_lvef
gen fupyears2 = fupyear + 0.01
stset fupyears2, fail(died)
streg i.diabetes i.hyperlipemia i.copd i.pre_dialysis i.prior_pci incomp_revasc i.pre_mi i.pre_cva i.prior_cardiac_surgery i.pad age_at_surgery i.female_n low_lvef , distribution(exponential)
save "C:/github_rcode/midcab/midcab_paper/JTCVS_rev1/JTCVS_rev2/model_data", replace
use era1_data, replace
streg i.diabetes i.hyperlipemia i.copd i.pre_dialysis i.prior_pci i.pre_mi i.pre_cva i.prior_cardiac_surgery i.pad ib(2).age_group i.female_n , distribution(exponential)
clear
use era2_data
streg i.diabetes i.hyperlipemia i.copd i.pre_dialysis i.prior_pci i.pre_mi i.pre_cva i.prior_cardiac_surgery i.pad ib(2).age_group i.female_n , distribution(exponential)
clear
use era3_data
streg i.diabetes i.hyperlipemia i.copd i.pre_dialysis i.prior_pci i.pre_mi i.pre_cva i.prior_cardiac_surgery i.pad ib(2).age_group i.female_n , distribution(exponential)
tab ageg died
sts graph, by(ageg)
mkspline age_s = age_at_surgery, nknots(4) cubic displayknots
mat knots = r(knots)
streg i.diabetes i.hyperlipemia i.copd i.pre_dialysis i.prior_pci i.pre_mi i.pre_cva i.prior_cardiac_surgery i.pad age_s* female_n , distribution(exponential)
glm diabetes age_s*, family(binomial)
xbrcspline age_s, matknots(knots) values (40 50 60) ref(60) eform
log close
