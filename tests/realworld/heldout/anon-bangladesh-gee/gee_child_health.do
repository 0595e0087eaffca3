* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 819667544 (a public GitHub .do file of a workshop on generalized estimating equations with a child-health cohort measured twelve times: xtset, reshape wide and back to long of the repeated haemoglobin value and illness indicator, pwcorr, sig of the twelve waves, then exchangeable xtgee of each factor alone and of all together -- family(gaussian) link(identity), family(binomial 1) link(log) and link(logit), family(poisson) link(log), eform --, a bys ses: prefix, and an indicator built by gen/replace; its use line is commented out in the source, so the data are in memory when it starts; the index does not name the repository)
* author: unknown
* licence: none stated
* preload: gee_workshop_child_health
set more off
xtset study_id time
reshape wide d1 hemo_t, i(study_id) j(time)
reshape long d1 hemo_t, i(study_id) j(time)
* mlm-expect: r(111)
pwcorr hemo_t2 hemo_t1 hemo_t2 hemo_t3 hemo_t4 hemo_t5 hemo_t6 hemo_t7 hemo_t8 hemo_t9 hemo_t10 hemo_t11 hemo_t12 hemo, sig
xtgee hemo_t i.group , family(gaussian) link(identity) corr(exchangeable)
xtgee hemo_t i.social , family(gaussian) link(identity) corr(exchangeable)
xtgee hemo_t i.age , family(gaussian) link(identity) corr(exchangeable)
xtgee hemo_t i.sex , family(gaussian) link(identity) corr(exchangeable)
xtgee hemo_t i.residence , family(gaussian) link(identity) corr(exchangeable)
xtgee hemo_t i.morbit , family(gaussian) link(identity) corr(exchangeable)
xtgee hemo_t i.handwash , family(gaussian) link(identity) corr(exchangeable)
xtgee hemo_t i.ses bmi, family(gaussian) link(identity) corr(exchangeable)
xtgee hemo_t i.group i.social i.age i.sex i.residence i.morbit i.handwash i.ses bmi, family(gaussian) link(identity) corr(exchangeable)
xtgee d1 i.group , family(binomial 1) link(log) corr(exchangeable) eform
xtgee d1 i.social , family(binomial 1) link(log) corr(exchangeable) eform
xtgee d1 i.age , family(binomial 1) link(log) corr(exchangeable) eform
xtgee d1 i.sex , family(binomial 1) link(log) corr(exchangeable) eform
xtgee d1 i.residence , family(binomial 1) link(log) corr(exchangeable) eform
xtgee d1 i.morbit , family(binomial 1) link(log) corr(exchangeable) eform
xtgee d1 i.handwash , family(binomial 1) link(log) corr(exchangeable) eform
xtgee d1 i.ses bmi, family(binomial 1) link(log) corr(exchangeable) eform
xtgee d1 i.group i.social i.age i.sex i.residence i.morbit i.handwash i.ses bmi, family(binomial 1) link(log) corr(exchangeable) eform
xtgee d1 i.group , family(binomial 1) link(logit) corr(exchangeable) eform
xtgee d1 i.social , family(binomial 1) link(logit) corr(exchangeable) eform
xtgee d1 i.age , family(binomial 1) link(logit) corr(exchangeable) eform
xtgee d1 i.sex , family(binomial 1) link(logit) corr(exchangeable) eform
xtgee d1 i.residence , family(binomial 1) link(logit) corr(exchangeable) eform
xtgee d1 i.morbit , family(binomial 1) link(logit) corr(exchangeable) eform
xtgee d1 i.handwash , family(binomial 1) link(logit) corr(exchangeable) eform
xtgee d1 i.ses bmi, family(binomial 1) link(logit) corr(exchangeable) eform
xtgee d1 i.group i.social i.age i.sex i.residence i.morbit i.handwash i.ses bmi, family(binomial 1) link(logit) corr(exchangeable) eform
bys ses: xtgee d1 i.group i.social i.age i.sex i.residence i.morbit i.handwash i.ses bmi, family(binomial 1) link(logit) corr(exchangeable) eform
xtgee d1 i.group , family(poisson) link(log) corr(exchangeable) eform
xtgee d1 i.social , family(poisson) link(log) corr(exchangeable) eform
xtgee d1 i.age , family(poisson) link(log) corr(exchangeable) eform
xtgee d1 i.sex , family(poisson) link(log) corr(exchangeable) eform
xtgee d1 i.residence , family(poisson) link(log) corr(exchangeable) eform
xtgee d1 i.morbit , family(poisson) link(log) corr(exchangeable) eform
xtgee d1 i.handwash , family(poisson) link(log) corr(exchangeable) eform
xtgee d1 i.ses bmi, family(poisson) link(log) corr(exchangeable) eform
xtgee d1 i.group i.social i.age i.sex i.residence i.morbit i.handwash i.ses bmi, family(poisson) link(log) corr(exchangeable) eform
gen abc = 0
replace abc=. if morbit ==.
replace abc=. if handwash ==.
replace abc=1 if morbit == 1 & handwash ==1 
