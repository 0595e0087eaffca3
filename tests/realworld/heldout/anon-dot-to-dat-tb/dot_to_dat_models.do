* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 30262248811 (a public GitHub .do file of the DOT to DAT stepped-wedge trial of digital adherence technology for tuberculosis treatment at health centres in Uganda (Cattamanchi et al., PLoS Med 2021; a response to a letter in Value in Health 2022): days from treatment start to enrolment, a per-protocol flag from replace ... if with (period==1 | period==2), label define/values/var, time to outcome and an early-poor-outcome flag with inlist(); melogit tx_success i.period covariates i.month if ... || site:, or for intention to treat, per protocol and per protocol without early deaths or losses, each followed by margins i.period and margins i.period, pwcompare; the index does not name the repository)
* author: unknown (trial team)
* licence: none stated
* data: DOTtoDAT_trialdata.dta = dot_to_dat_trial
use "DOTtoDAT_trialdata.dta", clear
gen startto99dots=enrollmentdate-txstartdate
label var startto99dots "Label text"
gen perprotocol=1 if eligible1==1
replace perprotocol=0 if period==0 & dat==1
replace perprotocol=0 if (period==1 | period==2) & dat==0
replace perprotocol=0 if dat==1 & startto99dots>28
replace perprotocol=0 if period==88
label define perprotocol_ 0 "No" 1 "Yes"
label values perprotocol perprotocol_
label var perprotocol "Label text"
gen timetooutcome = txout_date-txstartdate
gen earlypooroutcome=0
replace  earlypooroutcome=1 if timetooutcome>=0 & timetooutcome<=28 & inlist(outcome,4,6)
label values earlypooroutcome yesno_
melogit tx_success i.period txregageyears sex txreghiv txregdisease retreatment healthcenter i.month if period!=88 & eligible1==1 || site:, or
margins i.period
margins i.period, pwcompare
melogit tx_success i.period txregageyears sex txreghiv txregdisease retreatment healthcenter i.month if period!=88 & eligible1==1 & perprotocol==1 || site:, or
margins i.period
margins i.period, pwcompare
melogit tx_success i.period txregageyears sex txreghiv txregdisease retreatment healthcenter i.month if period!=88 & eligible1==1 & perprotocol==1 & earlypooroutcome==0 || site:, or
margins i.period
margins i.period, pwcompare
