* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 14980857563 (a public GitHub .do file of an OpenSAFELY-style study of EQ-5D health utility after COVID-19 by long COVID status: global projectdir `c(pwd)', capture mkdir, log using, adopath +, a disutility indicator from five dimensions, two-part models -- logit of any disutility and mixed ..., vce(robust) without a random part on the positive part -- with eststo and esttab using .csv ..., wide compress eform title ("`i'") varlabels(`e(labels)') and append, egen mean by response and group inside preserve with twoway connected || connected and graph export .svg, width(12in), xtset, xtmelogit ... || patient_id:, or, mixed ... || patient_id:, esttab ... mtitles() aic, and meglm ... || patient_id:, cov(exch) family(gamma) link(log); the index does not name the repository)
* author: unknown
* licence: none stated
* data: ./output/op_tpp_linked.dta = long_covid_eq5d
global projectdir `c(pwd)'
capture mkdir "$projectdir/output/tables"
capture mkdir "$projectdir/output/figures"
cap log close
log using "output/models.log", replace
clear
adopath + "analysis/Extra_ados"
use "./output/op_tpp_linked.dta", clear
gen disutI=0 if mobility==1 & selfcare==1 & activity==1 & pain==1 & anxiety==1
replace disutI=1 if disutI==.
replace disutI=. if disutility==.
logit disutI male i.base_ethnicity long_covid i.age_bands i.vaccinated i.comorbid_count if survey_response==1
eststo part_one
mixed disutility male i.base_ethnicity long_covid i.age_bands i.vaccinated i.comorbid_count if survey_response==1 & disutI>0, vce(robust)
eststo part_two
esttab part_one part_two using "$projectdir/output/tables/table_a.csv", replace b(a2) se(2) label wide compress eform title ("`i'") varlabels(`e(labels)')
logit disutI male long_covid i.age_bands i.vaccinated i.comorbid_count i.imd_q5 if survey_response==1
eststo follow_up
mixed disutility male long_covid i.age_bands i.vaccinated i.comorbid_count i.imd_q5 if survey_response==1 & disutI>0, vce(robust)
eststo mixed_followup
esttab follow_up mixed_followup using "$projectdir/output/tables/table_a.csv", b(a2) se(2) label wide compress eform title ("`i'") varlabels(`e(labels)') append
eststo clear
preserve
sort survey_response
egen mean = mean(utility), by(survey_response long_covid)
set scheme s1color
twoway (connected mean survey_response if long_covid==1, lcolor(red%40) mcolor(red%80)) || (connected mean survey_response if long_covid==0, lcolor(blue%40) mcolor(blue%80)), legend(order(1 "a" 2 "b") margin(vsmall) region(lstyle(none))) ytitle(y) ylabel(, angle(0)) xtitle(x) xlabel(1 "0" 2 "1" 3 "2" 4 "3") title("t", size(medlarge))
graph export "$projectdir/output/figures/figure_a.svg", width(12in) replace
restore
xtset patient_id survey_response
xtmelogit disutI long_covid male i.age_bands i.base_disability i.comorbid_count || patient_id:, or
eststo xt_melogit
mixed disutility long_covid male i.age_bands i.base_disability i.comorbid_count if disutI>0 || patient_id:
eststo xt_mixed
esttab xt_melogit xt_mixed using "$projectdir/output/tables/table_b.csv", replace mtitles("m1" "m2") b(a2) se(2) aic label wide compress eform
meglm disutility male i.age_bands i.comorbid_count i.base_disability i.imd_q5 if disutI>0 & long_covid==1|| patient_id:, cov(exch) family(gamma) link(log)
eststo covid_model
esttab covid_model using "$projectdir/output/tables/table_b.csv", mtitles("m3") b(a2) se(2) aic label wide compress eform append
log close
