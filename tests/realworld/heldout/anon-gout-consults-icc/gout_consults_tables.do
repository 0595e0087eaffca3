* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 10990921207 (a public GitHub .do file of an OpenSAFELY project on gout management in English general practice, its consultation tables: version 16, global projectdir `c(pwd)', capture mkdir, log using, adopath +, set scheme plotplainblind, set type double, cd to the data folder and fs (SSC) of the yearly extracts; in a foreach over `r(files)' the file name's date and year by substr() and length(), use ..., replace, preserve, collapse (sum) of 17 patient flags by(practice); for each practice-level proportion gen as a ratio, tabstat ..., stats(n mean sd median p25 p75) save, matrix table = r(StatTotal)', matrix list, gen of table[1,k] cells rounded to 5, tostring ..., gen() force format(), putexcel set ..., replace|modify and putexcel cell=variable|"text"; for the primary outcome melogit prop || practice: (a proportion as the outcome), estat icc and gen of r(icc2) and r(se2) into the sheet; restore, import excel of the sheet and outsheet * using ..., comma nonames replace; the index does not name the repository)
* author: M Russell / J Galloway (file header), 2022
* licence: none stated (OpenSAFELY projects publish their code under the MIT licence)
* data: input_consults_year_2019-03-01.dta = gout_consults_year
version 16
global projectdir `c(pwd)'
capture mkdir "$projectdir/output/data"
capture mkdir "$projectdir/output/tables"
capture mkdir "$projectdir/output/figures"
global logdir "$projectdir/logs"
cap log close
log using "$logdir/consults_tables.log", replace
adopath + "$projectdir/analysis/extra_ados"
set scheme plotplainblind
set type double
cd "$projectdir/output/data"
* mlm-added: the study's yearly extract in the data folder, where fs finds it
use input_consults_year_2019-03-01.dta, clear
* mlm-added: (continued)
save input_consults_year_2019-03-01.dta, replace
* mlm-added: (continued)
clear
fs *input_consults_year_*.dta
foreach f in `r(files)' {
	local file_name = "`f'"
	local name_len = length("`file_name'")
	local out_file = substr("`file_name'",1,(`name_len'-4))
	di "`out_file'"
	local index_date = substr("`file_name'",-14,10)
	di "`index_date'"
	local year = substr("`file_name'",-14,4)
	di "`year'"
use "$projectdir/output/data/`out_file'.dta", replace
preserve
collapse (sum) count_consults=gout_code prevalent_consults=gout_prevalent follow_up=has_6m_post_diag ult_ever_pre_consult=ult_ever_pre_consult ult_6m_pre_consult=ult_6m_pre_consult ult_any=ult_any no_ult=no_ult no_pre_ULT_has_6m=no_pre_ULT_has_6m ult_6m_diag=ult_6m_diag has_6m_post_ult=has_6m_post_ult had_baseline_urate=had_baseline_urate baseline_urate_below360=baseline_urate_below360 had_test_6m_fup=had_test_6m_fup urate_below360_6m_fup=urate_below360_6m_fup had_test_ult_6m_fup=had_test_ult_6m_fup urate_below360_ult_6m_fup=urate_below360_ult_6m_fup two_urate_ult_6m_fup=two_urate_ult_6m_fup, by(practice)
tabstat count_consults, stats(n mean sd median p25 p75) save
matrix table = r(StatTotal)'
matrix list table
gen n_ = round(table[1,1], 5)
tostring n_, gen(n) force format(%9.0f)
drop n_
gen mean_ = table[1,2]
tostring mean_, gen(mean) force format(%9.3f)
drop mean_
gen sd_ = table[1,3]
tostring sd_, gen(sd) force format(%9.3f)
drop sd_
gen p50_ = table[1,4]
tostring p50_, gen(p50) force format(%9.3f)
drop p50_
gen p25_ = table[1,5]
tostring p25_, gen(p25) force format(%9.3f)
drop p25_
gen p75_ = table[1,6]
tostring p75_, gen(p75) force format(%9.3f)
drop p75_
putexcel set "$projectdir/output/tables/consults_averaged_`year'.xlsx", replace
putexcel A1="Column text" B1="Column text" C1="Column text" D1="Column text" E1="Column text" F1="Column text" G1="Column text" H1="Column text" I1="Column text"
putexcel A2="Row text"
putexcel B2=n
putexcel C2=mean
putexcel D2=sd
putexcel E2=p50
putexcel F2=p25
putexcel G2=p75
putexcel H2="Cell text"
putexcel I2="Cell text"
drop n mean sd p50 p25 p75
gen prop_prevalent_consults = prevalent_consults/count_consults
tabstat prop_prevalent_consults, stats(n mean sd median p25 p75) save
matrix table = r(StatTotal)'
matrix list table
gen n_ = round(table[1,1], 5)
tostring n_, gen(n) force format(%9.0f)
drop n_
gen mean_ = table[1,2]
tostring mean_, gen(mean) force format(%9.3f)
drop mean_
gen sd_ = table[1,3]
tostring sd_, gen(sd) force format(%9.3f)
drop sd_
gen p50_ = table[1,4]
tostring p50_, gen(p50) force format(%9.3f)
drop p50_
gen p25_ = table[1,5]
tostring p25_, gen(p25) force format(%9.3f)
drop p25_
gen p75_ = table[1,6]
tostring p75_, gen(p75) force format(%9.3f)
drop p75_
putexcel set "$projectdir/output/tables/consults_averaged_`year'.xlsx", modify
putexcel A3="Row text"
putexcel B3=n
putexcel C3=mean
putexcel D3=sd
putexcel E3=p50
putexcel F3=p25
putexcel G3=p75
putexcel H3="Cell text"
putexcel I3="Cell text"
drop n mean sd p50 p25 p75
gen prop_follow_up = follow_up/count_consults
tabstat prop_follow_up, stats(n mean sd median p25 p75) save
matrix table = r(StatTotal)'
matrix list table
gen n_ = round(table[1,1], 5)
tostring n_, gen(n) force format(%9.0f)
drop n_
gen mean_ = table[1,2]
tostring mean_, gen(mean) force format(%9.3f)
drop mean_
gen sd_ = table[1,3]
tostring sd_, gen(sd) force format(%9.3f)
drop sd_
gen p50_ = table[1,4]
tostring p50_, gen(p50) force format(%9.3f)
drop p50_
gen p25_ = table[1,5]
tostring p25_, gen(p25) force format(%9.3f)
drop p25_
gen p75_ = table[1,6]
tostring p75_, gen(p75) force format(%9.3f)
drop p75_
putexcel set "$projectdir/output/tables/consults_averaged_`year'.xlsx", modify
putexcel A4="Row text"
putexcel B4=n
putexcel C4=mean
putexcel D4=sd
putexcel E4=p50
putexcel F4=p25
putexcel G4=p75
putexcel H4="Cell text"
putexcel I4="Cell text"
drop n mean sd p50 p25 p75
gen prop_ult_ever_pre_consult = ult_ever_pre_consult/count_consults
tabstat prop_ult_ever_pre_consult, stats(n mean sd median p25 p75) save
matrix table = r(StatTotal)'
matrix list table
gen n_ = round(table[1,1], 5)
tostring n_, gen(n) force format(%9.0f)
drop n_
gen mean_ = table[1,2]
tostring mean_, gen(mean) force format(%9.3f)
drop mean_
gen sd_ = table[1,3]
tostring sd_, gen(sd) force format(%9.3f)
drop sd_
gen p50_ = table[1,4]
tostring p50_, gen(p50) force format(%9.3f)
drop p50_
gen p25_ = table[1,5]
tostring p25_, gen(p25) force format(%9.3f)
drop p25_
gen p75_ = table[1,6]
tostring p75_, gen(p75) force format(%9.3f)
drop p75_
putexcel set "$projectdir/output/tables/consults_averaged_`year'.xlsx", modify
putexcel A5="Row text"
putexcel B5=n
putexcel C5=mean
putexcel D5=sd
putexcel E5=p50
putexcel F5=p25
putexcel G5=p75
putexcel H5="Cell text"
putexcel I5="Cell text"
drop n mean sd p50 p25 p75
gen prop_ult_ever_pre_prev = ult_ever_pre_consult/prevalent_consults
tabstat prop_ult_ever_pre_prev, stats(n mean sd median p25 p75) save
matrix table = r(StatTotal)'
matrix list table
gen n_ = round(table[1,1], 5)
tostring n_, gen(n) force format(%9.0f)
drop n_
gen mean_ = table[1,2]
tostring mean_, gen(mean) force format(%9.3f)
drop mean_
gen sd_ = table[1,3]
tostring sd_, gen(sd) force format(%9.3f)
drop sd_
gen p50_ = table[1,4]
tostring p50_, gen(p50) force format(%9.3f)
drop p50_
gen p25_ = table[1,5]
tostring p25_, gen(p25) force format(%9.3f)
drop p25_
gen p75_ = table[1,6]
tostring p75_, gen(p75) force format(%9.3f)
drop p75_
putexcel set "$projectdir/output/tables/consults_averaged_`year'.xlsx", modify
putexcel A6="Row text"
putexcel B6=n
putexcel C6=mean
putexcel D6=sd
putexcel E6=p50
putexcel F6=p25
putexcel G6=p75
putexcel H6="Cell text"
putexcel I6="Cell text"
drop n mean sd p50 p25 p75
gen prop_ult_6m_pre_consult = ult_6m_pre_consult/count_consults
tabstat prop_ult_6m_pre_consult, stats(n mean sd median p25 p75) save
matrix table = r(StatTotal)'
matrix list table
gen n_ = round(table[1,1], 5)
tostring n_, gen(n) force format(%9.0f)
drop n_
gen mean_ = table[1,2]
tostring mean_, gen(mean) force format(%9.3f)
drop mean_
gen sd_ = table[1,3]
tostring sd_, gen(sd) force format(%9.3f)
drop sd_
gen p50_ = table[1,4]
tostring p50_, gen(p50) force format(%9.3f)
drop p50_
gen p25_ = table[1,5]
tostring p25_, gen(p25) force format(%9.3f)
drop p25_
gen p75_ = table[1,6]
tostring p75_, gen(p75) force format(%9.3f)
drop p75_
putexcel set "$projectdir/output/tables/consults_averaged_`year'.xlsx", modify
putexcel A7="Row text"
putexcel B7=n
putexcel C7=mean
putexcel D7=sd
putexcel E7=p50
putexcel F7=p25
putexcel G7=p75
putexcel H7="Cell text"
putexcel I7="Cell text"
drop n mean sd p50 p25 p75
gen prop_ult_6m_pre_prev = ult_6m_pre_consult/prevalent_consults
tabstat prop_ult_6m_pre_prev, stats(n mean sd median p25 p75) save
matrix table = r(StatTotal)'
matrix list table
gen n_ = round(table[1,1], 5)
tostring n_, gen(n) force format(%9.0f)
drop n_
gen mean_ = table[1,2]
tostring mean_, gen(mean) force format(%9.3f)
drop mean_
gen sd_ = table[1,3]
tostring sd_, gen(sd) force format(%9.3f)
drop sd_
gen p50_ = table[1,4]
tostring p50_, gen(p50) force format(%9.3f)
drop p50_
gen p25_ = table[1,5]
tostring p25_, gen(p25) force format(%9.3f)
drop p25_
gen p75_ = table[1,6]
tostring p75_, gen(p75) force format(%9.3f)
drop p75_
putexcel set "$projectdir/output/tables/consults_averaged_`year'.xlsx", modify
putexcel A8="Row text"
putexcel B8=n
putexcel C8=mean
putexcel D8=sd
putexcel E8=p50
putexcel F8=p25
putexcel G8=p75
putexcel H8="Cell text"
putexcel I8="Cell text"
drop n mean sd p50 p25 p75
gen prop_no_pre_ULT_has_6m = no_pre_ULT_has_6m/count_consults
tabstat prop_no_pre_ULT_has_6m, stats(n mean sd median p25 p75) save
matrix table = r(StatTotal)'
matrix list table
gen n_ = round(table[1,1], 5)
tostring n_, gen(n) force format(%9.0f)
drop n_
gen mean_ = table[1,2]
tostring mean_, gen(mean) force format(%9.3f)
drop mean_
gen sd_ = table[1,3]
tostring sd_, gen(sd) force format(%9.3f)
drop sd_
gen p50_ = table[1,4]
tostring p50_, gen(p50) force format(%9.3f)
drop p50_
gen p25_ = table[1,5]
tostring p25_, gen(p25) force format(%9.3f)
drop p25_
gen p75_ = table[1,6]
tostring p75_, gen(p75) force format(%9.3f)
drop p75_
putexcel set "$projectdir/output/tables/consults_averaged_`year'.xlsx", modify
putexcel A9="Row text"
putexcel B9=n
putexcel C9=mean
putexcel D9=sd
putexcel E9=p50
putexcel F9=p25
putexcel G9=p75
putexcel H9="Cell text"
putexcel I9="Cell text"
drop n mean sd p50 p25 p75
putexcel set "$projectdir/output/tables/consults_averaged_`year'.xlsx", modify
putexcel A10="Row text"
gen prop_ult_6m_diag = ult_6m_diag/no_pre_ULT_has_6m
tabstat prop_ult_6m_diag, stats(n mean sd median p25 p75) save
matrix table = r(StatTotal)'
matrix list table
gen n_ = round(table[1,1], 5)
tostring n_, gen(n) force format(%9.0f)
drop n_
gen mean_ = table[1,2]
tostring mean_, gen(mean) force format(%9.3f)
drop mean_
gen sd_ = table[1,3]
tostring sd_, gen(sd) force format(%9.3f)
drop sd_
gen p50_ = table[1,4]
tostring p50_, gen(p50) force format(%9.3f)
drop p50_
gen p25_ = table[1,5]
tostring p25_, gen(p25) force format(%9.3f)
drop p25_
gen p75_ = table[1,6]
tostring p75_, gen(p75) force format(%9.3f)
drop p75_
putexcel set "$projectdir/output/tables/consults_averaged_`year'.xlsx", modify
putexcel A11="Row text"
putexcel B11=n
putexcel C11=mean
putexcel D11=sd
putexcel E11=p50
putexcel F11=p25
putexcel G11=p75
drop n mean sd p50 p25 p75
melogit prop_ult_6m_diag || practice:
estat icc
gen icc_ = r(icc2)
gen se_ = r(se2)
tostring icc_, gen(icc) force format(%9.3f)
drop icc_
tostring se_, gen(se) force format(%9.3f)
drop se_
putexcel set "$projectdir/output/tables/consults_averaged_`year'.xlsx", modify
putexcel H11=icc
putexcel I11=se
drop icc se
gen prop_ult_any = ult_any/count_consults
tabstat prop_ult_any, stats(n mean sd median p25 p75) save
matrix table = r(StatTotal)'
matrix list table
gen n_ = round(table[1,1], 5)
tostring n_, gen(n) force format(%9.0f)
drop n_
gen mean_ = table[1,2]
tostring mean_, gen(mean) force format(%9.3f)
drop mean_
gen sd_ = table[1,3]
tostring sd_, gen(sd) force format(%9.3f)
drop sd_
gen p50_ = table[1,4]
tostring p50_, gen(p50) force format(%9.3f)
drop p50_
gen p25_ = table[1,5]
tostring p25_, gen(p25) force format(%9.3f)
drop p25_
gen p75_ = table[1,6]
tostring p75_, gen(p75) force format(%9.3f)
drop p75_
putexcel set "$projectdir/output/tables/consults_averaged_`year'.xlsx", modify
putexcel A12="Row text"
putexcel B12=n
putexcel C12=mean
putexcel D12=sd
putexcel E12=p50
putexcel F12=p25
putexcel G12=p75
putexcel H12="Cell text"
putexcel I12="Cell text"
drop n mean sd p50 p25 p75
gen prop_no_ult = no_ult/count_consults
tabstat prop_no_ult, stats(n mean sd median p25 p75) save
matrix table = r(StatTotal)'
matrix list table
gen n_ = round(table[1,1], 5)
tostring n_, gen(n) force format(%9.0f)
drop n_
gen mean_ = table[1,2]
tostring mean_, gen(mean) force format(%9.3f)
drop mean_
gen sd_ = table[1,3]
tostring sd_, gen(sd) force format(%9.3f)
drop sd_
gen p50_ = table[1,4]
tostring p50_, gen(p50) force format(%9.3f)
drop p50_
gen p25_ = table[1,5]
tostring p25_, gen(p25) force format(%9.3f)
drop p25_
gen p75_ = table[1,6]
tostring p75_, gen(p75) force format(%9.3f)
drop p75_
putexcel set "$projectdir/output/tables/consults_averaged_`year'.xlsx", modify
putexcel A13="Row text"
putexcel B13=n
putexcel C13=mean
putexcel D13=sd
putexcel E13=p50
putexcel F13=p25
putexcel G13=p75
putexcel H13="Cell text"
putexcel I13="Cell text"
drop n mean sd p50 p25 p75
gen prop_baseline_urate = had_baseline_urate/count_consults
tabstat prop_baseline_urate, stats(n mean sd median p25 p75) save
matrix table = r(StatTotal)'
matrix list table
gen n_ = round(table[1,1], 5)
tostring n_, gen(n) force format(%9.0f)
drop n_
gen mean_ = table[1,2]
tostring mean_, gen(mean) force format(%9.3f)
drop mean_
gen sd_ = table[1,3]
tostring sd_, gen(sd) force format(%9.3f)
drop sd_
gen p50_ = table[1,4]
tostring p50_, gen(p50) force format(%9.3f)
drop p50_
gen p25_ = table[1,5]
tostring p25_, gen(p25) force format(%9.3f)
drop p25_
gen p75_ = table[1,6]
tostring p75_, gen(p75) force format(%9.3f)
drop p75_
putexcel set "$projectdir/output/tables/consults_averaged_`year'.xlsx", modify
putexcel A14="Row text"
putexcel B14=n
putexcel C14=mean
putexcel D14=sd
putexcel E14=p50
putexcel F14=p25
putexcel G14=p75
putexcel H14="Cell text"
putexcel I14="Cell text"
drop n mean sd p50 p25 p75
gen prop_baseline_urate_360 = baseline_urate_below360/count_consults
tabstat prop_baseline_urate_360, stats(n mean sd median p25 p75) save
matrix table = r(StatTotal)'
matrix list table
gen n_ = round(table[1,1], 5)
tostring n_, gen(n) force format(%9.0f)
drop n_
gen mean_ = table[1,2]
tostring mean_, gen(mean) force format(%9.3f)
drop mean_
gen sd_ = table[1,3]
tostring sd_, gen(sd) force format(%9.3f)
drop sd_
gen p50_ = table[1,4]
tostring p50_, gen(p50) force format(%9.3f)
drop p50_
gen p25_ = table[1,5]
tostring p25_, gen(p25) force format(%9.3f)
drop p25_
gen p75_ = table[1,6]
tostring p75_, gen(p75) force format(%9.3f)
drop p75_
putexcel set "$projectdir/output/tables/consults_averaged_`year'.xlsx", modify
putexcel A15="Row text"
putexcel B15=n
putexcel C15=mean
putexcel D15=sd
putexcel E15=p50
putexcel F15=p25
putexcel G15=p75
putexcel H15="Cell text"
putexcel I15="Cell text"
drop n mean sd p50 p25 p75
gen prop_baseline_urate_360_test = baseline_urate_below360/had_baseline_urate
tabstat prop_baseline_urate_360_test, stats(n mean sd median p25 p75) save
matrix table = r(StatTotal)'
matrix list table
gen n_ = round(table[1,1], 5)
tostring n_, gen(n) force format(%9.0f)
drop n_
gen mean_ = table[1,2]
tostring mean_, gen(mean) force format(%9.3f)
drop mean_
gen sd_ = table[1,3]
tostring sd_, gen(sd) force format(%9.3f)
drop sd_
gen p50_ = table[1,4]
tostring p50_, gen(p50) force format(%9.3f)
drop p50_
gen p25_ = table[1,5]
tostring p25_, gen(p25) force format(%9.3f)
drop p25_
gen p75_ = table[1,6]
tostring p75_, gen(p75) force format(%9.3f)
drop p75_
putexcel set "$projectdir/output/tables/consults_averaged_`year'.xlsx", modify
putexcel A16="Row text"
putexcel B16=n
putexcel C16=mean
putexcel D16=sd
putexcel E16=p50
putexcel F16=p25
putexcel G16=p75
putexcel H16="Cell text"
putexcel I16="Cell text"
drop n mean sd p50 p25 p75
gen prop_had_test_6m_fup = had_test_6m_fup/follow_up
tabstat prop_had_test_6m_fup, stats(n mean sd median p25 p75) save
matrix table = r(StatTotal)'
matrix list table
gen n_ = round(table[1,1], 5)
tostring n_, gen(n) force format(%9.0f)
drop n_
gen mean_ = table[1,2]
tostring mean_, gen(mean) force format(%9.3f)
drop mean_
gen sd_ = table[1,3]
tostring sd_, gen(sd) force format(%9.3f)
drop sd_
gen p50_ = table[1,4]
tostring p50_, gen(p50) force format(%9.3f)
drop p50_
gen p25_ = table[1,5]
tostring p25_, gen(p25) force format(%9.3f)
drop p25_
gen p75_ = table[1,6]
tostring p75_, gen(p75) force format(%9.3f)
drop p75_
putexcel set "$projectdir/output/tables/consults_averaged_`year'.xlsx", modify
putexcel A17="Row text"
putexcel B17=n
putexcel C17=mean
putexcel D17=sd
putexcel E17=p50
putexcel F17=p25
putexcel G17=p75
putexcel H17="Cell text"
putexcel I17="Cell text"
drop n mean sd p50 p25 p75
gen prop_urate_360_6m_fup = urate_below360_6m_fup/follow_up
tabstat prop_urate_360_6m_fup, stats(n mean sd median p25 p75) save
matrix table = r(StatTotal)'
matrix list table
gen n_ = round(table[1,1], 5)
tostring n_, gen(n) force format(%9.0f)
drop n_
gen mean_ = table[1,2]
tostring mean_, gen(mean) force format(%9.3f)
drop mean_
gen sd_ = table[1,3]
tostring sd_, gen(sd) force format(%9.3f)
drop sd_
gen p50_ = table[1,4]
tostring p50_, gen(p50) force format(%9.3f)
drop p50_
gen p25_ = table[1,5]
tostring p25_, gen(p25) force format(%9.3f)
drop p25_
gen p75_ = table[1,6]
tostring p75_, gen(p75) force format(%9.3f)
drop p75_
putexcel set "$projectdir/output/tables/consults_averaged_`year'.xlsx", modify
putexcel A18="Row text"
putexcel B18=n
putexcel C18=mean
putexcel D18=sd
putexcel E18=p50
putexcel F18=p25
putexcel G18=p75
putexcel H18="Cell text"
putexcel I18="Cell text"
drop n mean sd p50 p25 p75
gen prop_urate_360_6m_fup_test = urate_below360_6m_fup/had_test_6m_fup
tabstat prop_urate_360_6m_fup_test, stats(n mean sd median p25 p75) save
matrix table = r(StatTotal)'
matrix list table
gen n_ = round(table[1,1], 5)
tostring n_, gen(n) force format(%9.0f)
drop n_
gen mean_ = table[1,2]
tostring mean_, gen(mean) force format(%9.3f)
drop mean_
gen sd_ = table[1,3]
tostring sd_, gen(sd) force format(%9.3f)
drop sd_
gen p50_ = table[1,4]
tostring p50_, gen(p50) force format(%9.3f)
drop p50_
gen p25_ = table[1,5]
tostring p25_, gen(p25) force format(%9.3f)
drop p25_
gen p75_ = table[1,6]
tostring p75_, gen(p75) force format(%9.3f)
drop p75_
putexcel set "$projectdir/output/tables/consults_averaged_`year'.xlsx", modify
putexcel A19="Row text"
putexcel B19=n
putexcel C19=mean
putexcel D19=sd
putexcel E19=p50
putexcel F19=p25
putexcel G19=p75
putexcel H19="Cell text"
putexcel I19="Cell text"
drop n mean sd p50 p25 p75
gen prop_had_test_ult_6m_fup = had_test_ult_6m_fup/has_6m_post_ult
tabstat prop_had_test_ult_6m_fup, stats(n mean sd median p25 p75) save
matrix table = r(StatTotal)'
matrix list table
gen n_ = round(table[1,1], 5)
tostring n_, gen(n) force format(%9.0f)
drop n_
gen mean_ = table[1,2]
tostring mean_, gen(mean) force format(%9.3f)
drop mean_
gen sd_ = table[1,3]
tostring sd_, gen(sd) force format(%9.3f)
drop sd_
gen p50_ = table[1,4]
tostring p50_, gen(p50) force format(%9.3f)
drop p50_
gen p25_ = table[1,5]
tostring p25_, gen(p25) force format(%9.3f)
drop p25_
gen p75_ = table[1,6]
tostring p75_, gen(p75) force format(%9.3f)
drop p75_
putexcel set "$projectdir/output/tables/consults_averaged_`year'.xlsx", modify
putexcel A20="Row text"
putexcel B20=n
putexcel C20=mean
putexcel D20=sd
putexcel E20=p50
putexcel F20=p25
putexcel G20=p75
putexcel H20="Cell text"
putexcel I20="Cell text"
drop n mean sd p50 p25 p75
gen prop_urate_360_ult_6m_fup = urate_below360_ult_6m_fup/has_6m_post_ult
tabstat prop_urate_360_ult_6m_fup, stats(n mean sd median p25 p75) save
matrix table = r(StatTotal)'
matrix list table
gen n_ = round(table[1,1], 5)
tostring n_, gen(n) force format(%9.0f)
drop n_
gen mean_ = table[1,2]
tostring mean_, gen(mean) force format(%9.3f)
drop mean_
gen sd_ = table[1,3]
tostring sd_, gen(sd) force format(%9.3f)
drop sd_
gen p50_ = table[1,4]
tostring p50_, gen(p50) force format(%9.3f)
drop p50_
gen p25_ = table[1,5]
tostring p25_, gen(p25) force format(%9.3f)
drop p25_
gen p75_ = table[1,6]
tostring p75_, gen(p75) force format(%9.3f)
drop p75_
putexcel set "$projectdir/output/tables/consults_averaged_`year'.xlsx", modify
putexcel A21="Row text"
putexcel B21=n
putexcel C21=mean
putexcel D21=sd
putexcel E21=p50
putexcel F21=p25
putexcel G21=p75
putexcel H21="Cell text"
putexcel I21="Cell text"
drop n mean sd p50 p25 p75
gen prop_urate_360_ult_6m_fup_test = urate_below360_ult_6m_fup/had_test_ult_6m_fup
tabstat prop_urate_360_ult_6m_fup_test, stats(n mean sd median p25 p75) save
matrix table = r(StatTotal)'
matrix list table
gen n_ = round(table[1,1], 5)
tostring n_, gen(n) force format(%9.0f)
drop n_
gen mean_ = table[1,2]
tostring mean_, gen(mean) force format(%9.3f)
drop mean_
gen sd_ = table[1,3]
tostring sd_, gen(sd) force format(%9.3f)
drop sd_
gen p50_ = table[1,4]
tostring p50_, gen(p50) force format(%9.3f)
drop p50_
gen p25_ = table[1,5]
tostring p25_, gen(p25) force format(%9.3f)
drop p25_
gen p75_ = table[1,6]
tostring p75_, gen(p75) force format(%9.3f)
drop p75_
putexcel set "$projectdir/output/tables/consults_averaged_`year'.xlsx", modify
putexcel A22="Row text"
putexcel B22=n
putexcel C22=mean
putexcel D22=sd
putexcel E22=p50
putexcel F22=p25
putexcel G22=p75
putexcel H22="Cell text"
putexcel I22="Cell text"
drop n mean sd p50 p25 p75
gen prop_two_urate_ult_6m_fup = two_urate_ult_6m_fup/has_6m_post_ult
tabstat prop_two_urate_ult_6m_fup, stats(n mean sd median p25 p75) save
matrix table = r(StatTotal)'
matrix list table
gen n_ = round(table[1,1], 5)
tostring n_, gen(n) force format(%9.0f)
drop n_
gen mean_ = table[1,2]
tostring mean_, gen(mean) force format(%9.3f)
drop mean_
gen sd_ = table[1,3]
tostring sd_, gen(sd) force format(%9.3f)
drop sd_
gen p50_ = table[1,4]
tostring p50_, gen(p50) force format(%9.3f)
drop p50_
gen p25_ = table[1,5]
tostring p25_, gen(p25) force format(%9.3f)
drop p25_
gen p75_ = table[1,6]
tostring p75_, gen(p75) force format(%9.3f)
drop p75_
putexcel set "$projectdir/output/tables/consults_averaged_`year'.xlsx", modify
putexcel A23="Row text"
putexcel B23=n
putexcel C23=mean
putexcel D23=sd
putexcel E23=p50
putexcel F23=p25
putexcel G23=p75
putexcel H23="Cell text"
putexcel I23="Cell text"
drop n mean sd p50 p25 p75
restore

import excel "$projectdir/output/tables/consults_averaged_`year'.xlsx", clear
outsheet * using "$projectdir/output/tables/consults_averaged_`year'.csv" , comma nonames replace
}
log close
