* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:arnaudnatal/research_code@00c057b90d54eb069c6bbe169adf84c3de39541c measuringdebt/Measuringdebt-7_drivers.do (the drivers of financial vulnerability of rural Tamil Nadu households in the RUME/NEEMSIS panel 2010-2020, per the repository: cls, gl, do of the author's data-preparation file (not run), use"file" without a space, xtset, ta/sum checks, ta ..., col nofreq by year, tabstat ..., stat(mean cv p50) long by(year), tab ..., gen(), recode (.=1), xtile quintiles per year in nested loops, mdesc of globals, keep of globals, bysort: egen mean() over globals for a correlated-random-effects (Mundlak) specification, corr of everything, six glm ..., family(binomial) link(probit) cluster(panelvar) of a fractional index with est store, margins, dydx($globals) post, and esttab of the margins and the fits with label b() p() eqlabels(none) alignment(S) drop(mean_* village_*) star() cells("b(fmt(2)star)" "se(fmt(2)par)") refcat(, nolabel) stats(N N_clust, fmt() labels()); the commented-out overfit section left out)
* author: Arnaud Natal (per the file's header)
* licence: none stated
* data: panel_v6 = neemsis_debt_panel
cls
gl link = "measuringdebt"
do"C:\folderanalysis\measuringdebt.do"
use"panel_v6", clear
xtset panelvar time
ta head_mocc_occupation
sum head_occ1 head_occ2 head_occ3 head_occ4 head_occ5 head_occ6 head_occ7
ta head_edulevel
sum head_educ1 head_educ2 head_educ3
cls
ta caste year, col nofreq
ta dalits year, col nofreq
ta stem year, col nofreq
ta head_female year, col nofreq
ta head_mocc_occupation year, col nofreq
ta head_edulevel year, col nofreq
ta head_nonmarried year, col nofreq
ta ownland year, col nofreq
ta dummymarriage year, col nofreq
ta dummydemonetisation year, col nofreq
ta vill year, col nofreq
ta house year, col nofreq
ta housetitle year, col nofreq
cls
replace assets_total=assets_total/1000
replace annualincome_HH=annualincome_HH/1000
replace loanamount_HH=loanamount_HH/1000
replace shareform=shareform/100
tabstat HHsize HH_count_child head_age, stat(mean) long by(year)
tabstat assets_total annualincome_HH shareform loanamount_HH if year==2010, stat(mean cv p50) long
tabstat assets_total annualincome_HH shareform loanamount_HH if year==2016, stat(mean cv p50) long
tabstat assets_total annualincome_HH shareform loanamount_HH if year==2020, stat(mean cv p50) long
use"panel_v6", clear
ta house, gen(house_)
recode secondlockdownexposure (.=1)
ta secondlockdownexposure, gen(lock_)
label var lock_1 "Label 1"
label var lock_2 "Label 2"
label var lock_3 "Label 3"
label var dummydemonetisation "Label 4"
foreach x in assets_total annualincome_HH {
foreach i in 2010 2016 2020 {
gen `x'_`i'=.
replace `x'_`i'=`x' if year==`i'
xtile cat_`x'_`i'=`x'_`i', n(5)
}
gen `x'_class=.
foreach i in 2010 2016 2020 {
replace `x'_class=cat_`x'_`i' if year==`i'
drop `x'_`i' cat_`x'_`i'
}
}
rename annualincome_HH_class income_class
rename assets_total_class assets_class
ta income_class, gen(income_cl)
label var income_cl1 "Label 5"
label var income_cl2 "Label 6"
label var income_cl3 "Label 7"
label var income_cl4 "Label 8"
label var income_cl5 "Label 9"
ta assets_class, gen(assets_cl)
label var assets_cl1 "Label 10"
label var assets_cl2 "Label 11"
label var assets_cl3 "Label 12"
label var assets_cl4 "Label 13"
label var assets_cl5 "Label 14"
foreach x in assets_total annualincome_HH loanamount_HH {
replace `x'=1 if `x'<1
gen log_`x'=log(`x')
}
global livelihood income_cl1 income_cl2 income_cl4 income_cl5 assets_cl1 assets_cl2 assets_cl4 assets_cl5 log_annualincome_HH log_assets_total
global family HHsize HH_count_child stem housetitle ownland 
global head head_female head_age head_occ1 head_occ2 head_occ4 head_occ5 head_occ6 head_occ7 head_educ2 head_educ3 head_nonmarried
global shock dummymarriage dummydemonetisation lock_2 lock_3
global debt shareform loanamount_HH_std log_loanamount_HH
global invar caste_2 caste_3 dalits village_2 village_3 village_4 village_5 village_6 village_7 village_8 village_9 village_10
mdesc $family
mdesc $livelihood
mdesc $head
mdesc $shock
mdesc $invar
mdesc $debt
keep HHID_panel panelvar year time fvi $family $livelihood $head $shock $debt $invar
foreach x in $family $livelihood $head $shock $debt {
bysort HHID_panel: egen mean_`x'=mean(`x')
}
global livelihood log_annualincome_HH mean_log_annualincome_HH log_assets_total mean_log_assets_total
global family HHsize mean_HHsize HH_count_child mean_HH_count_child stem mean_stem housetitle mean_housetitle ownland mean_ownland 
global head head_female mean_head_female head_age mean_head_age head_occ1 mean_head_occ1 head_occ2 mean_head_occ2 head_occ4 mean_head_occ4 head_occ5 mean_head_occ5 head_occ6 mean_head_occ6 head_occ7 mean_head_occ7 head_educ2 mean_head_educ2 head_educ3 mean_head_educ3 head_nonmarried mean_head_nonmarried
global shock dummymarriage mean_dummymarriage dummydemonetisation mean_dummydemonetisation 
global debt shareform mean_shareform
global debt2 log_loanamount_HH mean_log_loanamount_HH
global invar caste_2 caste_3 village_2 village_3 village_4 village_5 village_6 village_7 village_8 village_9 village_10
bysort HHID_panel: gen nobs=_N
gen nobs1=nobs==1
gen nobs2=nobs==2
gen nobs3=nobs==3
gen year2010=year==2010
gen year2016=year==2016
gen year2020=year==2020
foreach x in year2010 year2016 year2020 {
bysort HHID_panel: egen mean_`x'=mean(`x')
}
label var nobs1 "Label 15"
label var nobs2 "Label 16"
label var nobs3 "Label 17"
label var year2010 "Label 18"
label var year2016 "Label 19"
label var year2020 "Label 20"
label var mean_year2010 "Label 21"
label var mean_year2016 "Label 22"
label var mean_year2020 "Label 23"
label var log_annualincome_HH "Label 24"
label var log_assets_total "Label 25"
label var log_loanamount_HH "Label 26"
global time year2016 mean_year2016 year2020 mean_year2020 nobs2 nobs3
corr $livelihood $family $head $shock shareform mean_shareform loanamount_HH_std mean_loanamount_HH_std $invar $time
glm fvi $livelihood $invar $time , family(binomial) link(probit) cluster(panelvar)
est store spec1
margins, dydx($livelihood $invar) post
est store marg1
glm fvi $livelihood $family $invar $time , family(binomial) link(probit) cluster(panelvar)
est store spec2
margins, dydx($livelihood $family $invar) post
est store marg2
glm fvi $livelihood $family $head $invar $time , family(binomial) link(probit) cluster(panelvar)
est store spec3
margins, dydx($livelihood $family $head $invar) post
est store marg3
glm fvi $livelihood $family $head $shock $invar $time , family(binomial) link(probit) cluster(panelvar)
est store spec4
margins, dydx($livelihood $family $head $shock $invar) post
est store marg4
glm fvi $livelihood $family $head $shock $debt $invar $time , family(binomial) link(probit) cluster(panelvar)
est store spec5
margins, dydx($livelihood $family $head $shock $debt $invar) post
est store marg5
glm fvi $livelihood $family $head $shock $debt $debt2 $invar $time , family(binomial) link(probit) cluster(panelvar)
est store spec6
margins, dydx($livelihood $family $head $shock $debt $debt2 $invar) post
est store marg6
esttab marg1 marg2 marg3 marg4 marg5 marg6, label b(3) p(3) eqlabels(none) alignment(S) drop(mean_* village_*) star(* 0.10 ** 0.05 *** 0.01) cells("b(fmt(2)star)" "se(fmt(2)par)") refcat(, nolabel)
esttab marg1 marg2 marg3 marg4 marg5 marg6 using "margin.csv", replace label b(3) p(3) eqlabels(none) alignment(S) drop(mean_* village_*) star(* 0.10 ** 0.05 *** 0.01) cells("b(fmt(2)star)" "se(fmt(2)par)") refcat(, nolabel)
esttab spec1 spec2 spec3 spec4 spec5 spec6 using "reg_full.csv", replace label b(3) p(3) eqlabels(none) alignment(S) star(* 0.10 ** 0.05 *** 0.01) cells("b(fmt(2)star)" "se(fmt(2)par)") refcat(, nolabel) stats(N N_clust, fmt(0 0)	labels(`"Observations"' `"Number of clust"'))
