* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 8648582755 (a public GitHub .do file, a student project on household cigarette demand in a British expenditure-survey panel: a log in a local folder macro, set mem/matsize, run of the author's programs file (not shipped), households kept with more than three years by a tempvar and bysort _N, summaries, histograms with if on an abbreviated variable and graph export eps, catplot, pwcorr sig, scatter, functional-form regressions each followed by the author's dodiagnostics program, xtset household year, xtreg fe and re with est sto and xttest0, xtset, clear then tsset on a running id, estimates clear, sixteen reg vce(robust) with est sto, esttab of a local list of stored models to the screen and with using .txt/.rtf, onecell, compress, tab; the index does not name the repository)
* author: unknown (the index does not name the repository)
* licence: none stated
* data: alldata.dta = uk_household_smoking
capture log close
local directory "/home/project"
log using "`directory'/session.log", replace
clear all
cd "`directory'"
set mem 500m
set more off
set linesize 200
use alldata.dta, clear
run ../programs.do
tempvar q
bysort hserial: gen `q' = _N
keep if `q'> 3
sum cigdyal2 totinc spendtobac tobaccospend2
histogram totinc, xtitle("x") title("t") frequency
graph export g1.eps, replace
histogram cigdyal2, title("t") xtitle("x") frequency
graph export g2.eps, replace
histogram cigdyal2 if smoker == 1, title("t") xtitle("x") frequency
graph export g3.eps, replace
catplot econact, title("t")
graph export g4.eps, replace
histogram spendtobac, title("t") frequency
graph export g5.eps, replace
histogram spendtobac if smoker == 1, title("t") frequency
graph export g6.eps, replace
histogram spendtobac if smoker == 1 & spendtobac <= 1 , title("t") frequency
graph export g7.eps, replace
histogram tobaccospend2, title("t") frequency
graph export g8.eps, replace
histogram tobaccospend2 if smoker == 1, title("t") frequency
graph export g9.eps, replace
pwcorr spendtobac incomeest, sig
graph twoway scatter spendtobac incomeest
graph export g10.eps, replace
pwcorr tobaccospend2 incomeest, sig
graph twoway scatter tobaccospend2 incomeest
graph export g11.eps, replace
local heavy_smoker_thresh 20
histogram totinc if cigdyal2 < `heavy_smoker_thresh', title("t") xtitle("x") frequency
graph export g12.eps, replace
histogram totinc if cigdyal2 >= `heavy_smoker_thresh', title("t") xtitle("x") frequency
graph export g13.eps, replace
catplot econact if cigdyal2 < `heavy_smoker_thresh', title("t")
graph export g14.eps, replace
catplot econact if cigdyal2 >= `heavy_smoker_thresh', title("t")
graph export g15.eps, replace
reg cigdyal2 tobaccorrp incomeest
dodiagnostics linlin_basic
reg lncigdyal tobaccorrp incomeest
dodiagnostics loglin_basic
reg lncigdyal lntobaccorrp lnincomeest
dodiagnostics loglog_basic
xtset hserial year
set matsize 3500
xtreg lncigdyal lncigcost lntobaccorrp i.econact adban year, fe
est sto fe_model1
xtreg lncigdyal lncigcost lntobaccorrp i.econact adban year, re
est sto re_model1
xttest0
xtset, clear
sort hserial year
gen ID = _n
tsset ID
estimates clear
reg lncigdyal lntobaccorrp lnincomeest, vce(robust)
est sto loglog_basic_rb
reg lncigdyal lntobaccorrp lnincomeest year, vce(robust)
est sto loglog_yr_rb
reg lncigdyal lntobaccorrp lnincomeest i.econact year, vce(robust)
est sto loglog_econ_yr_rb
reg lncigdyal lntobaccorrp lnincomeest adban year, vce(robust)
est sto loglog_adban_yr_rb
reg lncigdyal lntobaccorrp lnincomeest i.econact adban year, vce(robust)
est sto loglog_all_rb
reg lncigdyal lntobaccorrp lnincomeest i.econact adban, vce(robust)
est sto loglog_econ_adban_rb
reg lncigdyal lntobaccorrp lnincomeest i.econact, vce(robust)
est sto loglog_econ_rb
reg lncigdyal lntobaccorrp lnincomeest adban, vce(robust)
est sto loglog_adban_rb
reg lncigdyal lntobaccorrp lnincomeest if smoker == 1, vce(robust)
est sto loglog_basic_rb_sm
reg lncigdyal lntobaccorrp lnincomeest year if smoker == 1, vce(robust)
est sto loglog_yr_rb_sm
reg lncigdyal lntobaccorrp lnincomeest i.econact year if smoker == 1, vce(robust)
est sto loglog_econ_yr_rb_sm
reg lncigdyal lntobaccorrp lnincomeest adban year if smoker == 1, vce(robust)
est sto loglog_adban_yr_rb_sm
reg lncigdyal lntobaccorrp lnincomeest i.econact adban year if smoker == 1, vce(robust)
est sto loglog_all_rb_sm
reg lncigdyal lntobaccorrp lnincomeest i.econact adban if smoker == 1, vce(robust)
est sto loglog_econ_adban_rb_sm
reg lncigdyal lntobaccorrp lnincomeest i.econact if smoker == 1, vce(robust)
est sto loglog_econ_rb_sm
reg lncigdyal lntobaccorrp lnincomeest adban if smoker == 1, vce(robust)
est sto loglog_adban_rb_sm
local regs4table "loglog_basic_rb loglog_yr_rb loglog_adban_rb loglog_adban_yr_rb loglog_adban_yr_rb_sm"
esttab `regs4table', nogap stats(r2 r2_a F) se replace
esttab  `regs4table' using table.txt, onecell nogap stats(r2 r2_a F) se compress tab replace
esttab  `regs4table' using table.rtf, onecell nogap stats(r2 r2_a F) se compress tab replace
capture log close
