* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 26353198797 (a public GitHub .do file, 2025, the fourth of a series on a Ugandan birth cohort: maternal hookworm, Mansonella and malaria infection in pregnancy and the rate of childhood diarrhoea episodes: stset with id(), origin(dob), enter(), exit(time .) and scale(365.25) for recurrent events, exponential streg ..., frailty(gamma) shared(bidno) forceshared base with i. factors and ## interactions, estimates store, preserve/drop if missing()/restore around nested fits, lrtest, a nohr replay by refitting, lincom ..., eform of main and interaction terms; the author left several fits as notes -- "... [same as above]" after a /// continuation -- which the transcript keeps, joined, as Stata would read them; the index does not name the repository)
* author: Min Kang (file header)
* licence: none stated
* data: data/uganda_multipleevents.dta = uganda_diarrhoea_episodes
use "data/uganda_multipleevents.dta", clear
stset timeout, fail(diarrhoea) id(bidno) origin(dob) enter(timein) exit(time .) scale(365.25)
streg i.hookworm i.calyear i.ageband i.season, dist(exp) frailty(gamma) shared(bidno) forceshared base
estimates store hook_apriori
streg i.mansonella i.calyear i.ageband i.season, dist(exp) frailty(gamma) shared(bidno) forceshared base
estimates store manso_apriori
streg i.malaria i.calyear i.ageband i.season, dist(exp) frailty(gamma) shared(bidno) forceshared base
estimates store mala_apriori
preserve
drop if missing(malaria)
streg i.calyear i.ageband i.season, dist(exp) frailty(gamma) shared(bidno) forceshared base
estimates store base_apriori
restore
lrtest hook_apriori base_apriori
lrtest manso_apriori base_apriori
lrtest mala_apriori base_apriori
streg i.hookworm i.mansonella i.malaria i.calyear i.ageband i.season i.sex c.mage c.mparity c.meduc i.water i.toilet i.ses4 i.location i.hivchild i.elec i.wall, dist(exp) frailty(gamma) shared(bidno) forceshared base
estimates store full_model
streg i.hookworm i.mansonella i.malaria i.calyear i.ageband i.season i.sex c.mage c.mparity c.meduc i.water i.toilet i.ses4 i.location i.hivchild i.elec i.wall, dist(exp) frailty(gamma) shared(bidno) forceshared base nohr
preserve
drop if missing(hookworm)
streg i.mansonella i.malaria i.calyear i.ageband i.season i.sex c.mage c.mparity c.meduc i.water i.toilet i.ses4 i.location i.hivchild i.elec i.wall, dist(exp) frailty(gamma) shared(bidno) forceshared base
estimates store no_hook
lrtest full_model no_hook
restore
preserve
drop if missing(mansonella)
* mlm-expect: r(198)
streg i.hookworm i.malaria       ... [same as above]
estimates store no_manso
lrtest full_model no_manso
restore
preserve
drop if missing(malaria)
* mlm-expect: r(198)
streg i.hookworm i.mansonella       ... [same as above]
estimates store no_mala
lrtest full_model no_mala
restore
* mlm-expect: r(198)
streg i.hookworm##i.hivchild i.mansonella i.malaria       ... [rest same as full_model]
estimates store int_hook_hiv
lrtest full_model int_hook_hiv
* mlm-expect: r(198)
streg i.hookworm##i.ses4 i.mansonella i.malaria       ...
estimates store int_hook_ses
lrtest full_model int_hook_ses
* mlm-expect: r(198)
streg i.hookworm i.mansonella##i.hivchild i.malaria       ...
estimates store int_manso_hiv
lrtest full_model int_manso_hiv
* mlm-expect: r(198)
streg i.hookworm i.mansonella##i.ses4 i.malaria       ...
estimates store int_manso_ses
lrtest full_model int_manso_ses
* mlm-expect: r(198)
streg i.hookworm i.mansonella i.malaria##i.hivchild       ...
estimates store int_mala_hiv
lrtest full_model int_mala_hiv
* mlm-expect: r(198)
streg i.hookworm i.mansonella i.malaria##i.ses4       ...
estimates store int_mala_ses
lrtest full_model int_mala_ses
lincom 1.malaria, eform
* mlm-expect: r(111)
lincom 1.malaria + 1.malaria#1.ses4, eform
* mlm-expect: r(111)
lincom 1.malaria + 1.malaria#2.ses4, eform
* mlm-expect: r(111)
lincom 1.malaria + 1.malaria#3.ses4, eform
