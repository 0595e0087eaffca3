* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 44461444166 (a public GitHub .do file: socio-economic inequalities in physical activity of English Longitudinal Study of Ageing respondents before and during the COVID-19 pandemic, weighted two-level logistic and ordered logistic models; the index does not name the repository) (excerpt: from the selection of the analysis variables, with the derived person-wave file in memory, to the first adjusted ordered model and its margins; the data preparation before it and the later models left out)
* author: unknown
* licence: none stated
* preload: elsa_activity
* data: CCpadatafull.dta = elsa_activity_cc
keep idauniq wave TimePA indager edqual education_cons mynssec3_cons wealth_cons sex_cons ethnicity_cons living_cons age_cons limiting_cons activity2 cov19lwgtw2 health_cons smoking_cons alcohol_cons depression_cons shielding
unique idauniq
mdesc cov19lwgtw2 activity education_cons mynssec3_cons wealth_cons sex_cons ethnicity_cons living_cons age_cons limiting_cons TimePA health_cons smoking_cons alcohol_cons depression_cons shielding
pwcorr, star(.05)
save CCpadatar.dta
drop if activity2 == .
bysort idauniq: gen obscount = _N
keep if obscount==2
drop obscount
unique idauniq
drop if education_cons == . | mynssec3_cons == . | wealth_cons == .
bysort idauniq: gen obscount = _N
keep if obscount==2
drop obscount
unique idauniq
drop if sex_cons == . | ethnicity_cons == . | living_cons == . | age_cons == .
bysort idauniq: gen obscount = _N
keep if obscount==2
drop obscount
unique idauniq
drop if limiting_cons == . | depression_cons == . | shielding == .
bysort idauniq: gen obscount = _N
keep if obscount==2
drop obscount
unique idauniq
save CCpadatafullr.dta
gen acti0 = 1 if inlist(activity2,1,2,3)
replace acti0 = 0 if activity2 == 0
gen acti3 = 0 if inlist(activity2,0,1,2)
replace acti3 = 1 if activity2 == 3
save ccpadummyr.dta
set showbaselevels on
melogit acti0 i.education_cons##i.TimePA || idauniq:, pweight(cov19lwgtw2) or
melogit acti3 i.education_cons##i.TimePA || idauniq:, pweight(cov19lwgtw2) or
melogit acti0 i.education_cons##i.TimePA i.sex_cons i.ethnicity_cons i.living_cons i.age_cons i.limiting_cons depression_cons i.shielding || idauniq:, pweight(cov19lwgtw2) or
clear
use CCpadatafull.dta
set showbaselevels on
meologit activity2 i.education_cons##i.TimePA || idauniq:, pweight(cov19lwgtw2) or 
meologit activity2 i.education_cons##i.TimePA i.sex_cons i.ethnicity_cons i.living_cons i.age_cons i.limiting_cons depression_cons  i.shielding || idauniq:, pweight(cov19lwgtw2) or
margins i.education_cons i.TimePA i.education_cons#i.TimePA, predict (mu fixedonly outcome(0)) vsquish vce(unconditional)
margins i.education_cons i.TimePA i.education_cons#i.TimePA, predict (mu fixedonly outcome(1)) vsquish vce(unconditional)
margins i.education_cons i.TimePA i.education_cons#i.TimePA, predict (mu fixedonly outcome(2)) vsquish vce(unconditional)
margins i.education_cons i.TimePA i.education_cons#i.TimePA, predict (mu fixedonly outcome(3)) vsquish vce(unconditional)
margins i.education_cons i.TimePA i.education_cons#i.TimePA, expression(predict (mu fixedonly outcome(2)) + predict (mu fixedonly outcome(3))) vsquish vce(unconditional)
