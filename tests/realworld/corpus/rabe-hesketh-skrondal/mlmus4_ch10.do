* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 4458761891 (a public GitHub copy of the MLMUS4 chapter 10 do-file; the index does not name the repository)
* author: Sophia Rabe-Hesketh & Anders Skrondal, Multilevel and Longitudinal Modeling Using Stata, 4th ed., ch. 10
* licence: none stated (textbook companion file)
* data: https://www.stata-press.com/data/mlmus4/womenlf = womenlf
* data: https://www.stata-press.com/data/mlmus4/toenail = toenail
use https://www.stata-press.com/data/mlmus4/womenlf, clear
recode workstat 2=1
logit workstat husbinc i.chilpres
logit workstat husbinc i.chilpres, or
predict prob, p
twoway (line prob husbinc if chilpres==0, sort) (line prob husbinc if chilpres==1, sort lpatt(dash)), legend(order(1 "a" 2 "b")) xtitle("X") ytitle("Y")
twoway (function y=invlogit(_b[husbinc]*x+_b[_cons]), range(-100 100)) (function y=invlogit(_b[husbinc]*x+_b[1.chilpres]+_b[_cons]), range(-100 100) lpatt(dash)), xtitle("X") ytitle("Y") legend(order(1 "a" 2 "b")) xline(1) xline(45)
quietly margins chilpres, at(husbinc=(-100(10)100))
marginsplot, noci recast(line) plot2opts(lpatt(dash)) legend(order(1 "a" 2 "b")) ytitle("Y") xline(1) xline(45)
glm workstat husbinc i.chilpres, link(logit) family(binomial)
probit workstat husbinc i.chilpres
twoway (function y=invlogit(1.3358-0.0423*x), range(-100 100)) (function y=normal(0.7982-0.0242*x), range(-100 100) lpatt(dash)), xtitle("X") ytitle("Y") legend(order(1 "a" 2 "b")) xline(1) xline(45)
use https://www.stata-press.com/data/mlmus4/toenail, clear
xtset patient visit
xtdescribe if !missing(outcome)
label define tr 0 "A" 1 "B"
label values treatment tr
graph bar (mean) proportion = outcome, over(visit) by(treatment) ytitle(Y)
egen prop = mean(outcome), by(treatment visit)
egen mn_month = mean(month), by(treatment visit)
twoway line prop mn_month, by(treatment) sort xtitle(X) ytitle(Y)
logit outcome i.treatment##c.month, or vce(cluster patient)
predict prob, pr
twoway (line prop mn_month, sort) (line prob month, sort lpatt(dash)), by(treatment) legend(order(1 "a" 2 "b")) xtitle(X) ytitle(Y)
quietly xtset patient
xtlogit outcome i.treatment##c.month, intpoints(30)
xtlogit, or
melogit outcome i.treatment##c.month || patient:, intpoints(30)
estimates store melogit
which gllamm
ssc install gllamm, replace
generate trt_month = treatment*month
gllamm outcome treatment month trt_month, i(patient) link(logit) family(binomial) nip(30) adapt
estimates store gllamm
display (invlogit(1) + invlogit(2))/2
display invlogit((1+2)/2)
estimates restore melogit
estat icc
melogit, coeflegend
display exp(sqrt(2*_b[/var(_cons[patient])])*invnormal(3/4))
capture net install st0031, from(https://www.stata-journal.com/software/sj3-1)
quietly xtset patient
quietly: xtlogit outcome i.treatment##c.month, re intpoints(30)
xtrho
lincom 1.treatment + 1.treatment#c.month*20
lincom 1.treatment + 1.treatment#c.month*20, or
melogit outcome i.treatment##c.month || patient:, intmethod(laplace)
estimates restore melogit
predict offset, xb
statsby mlest=_b[_cons], by(patient) saving(ml, replace): logit outcome, offset(offset)
sort patient
merge m:1 patient using ml
drop _merge
estimates restore melogit
predict eb, reffects ebmeans reses(semean)
predict ebmodal, reffects ebmodes reses(semode)
twoway (rspike mlest ebmodal eb if visit==1) (scatter mlest  eb if visit==1, msize(small) msym(th) mcol(black)) (scatter ebmodal eb if visit==1, msize(small) msym(oh) mcol(black)) (function y=x, range(eb) lpatt(solid)), xtitle(X) legend(order(2 "a" 3 "b"))
egen num0 = total(outcome==0), by(patient)
egen num1 = total(outcome==1), by(patient)
list patient num0 num1 eb ebmodal semean semode if visit==1&patient<=12, noobs
predict margprob, pr marginal
twoway (line prob month, sort) (line margprob month, sort lpatt(dash)), by(treatment) legend(order(1 "a" 2 "b")) xtitle(X) ytitle(Y)
predict fixedpart, xb
gen condprobm4 = invlogit(fixedpart-4)
gen condprobm2 = invlogit(fixedpart-2)
gen condprob0  = invlogit(fixedpart)
gen condprob2  = invlogit(fixedpart+2)
gen condprob4  = invlogit(fixedpart+4)
twoway (line prop mn_month, sort) (line margprob month, sort lpatt(dash)) (line condprob0 month, sort lpatt(shortdash_dot)) (line condprob4 month, sort lpatt(shortdash)) (line condprobm4 month, sort lpatt(shortdash)) (line condprob2 month, sort lpatt(shortdash)) (line condprobm2 month, sort lpatt(shortdash)), by(treatment) legend(order(1 "a" 2 "b" 3 "c" 4 "d")) xtitle(X) ytitle(Y)
estimates restore gllamm
gllapred cmu, mu
sort patient visit
list patient visit if patient==2|patient==15, sepby(patient) noobs
fillin patient visit
list patient visit _fillin if patient==2|patient==15, sepby(patient) noobs
egen trt = mean(treatment), by(patient)
replace treatment = trt if _fillin==1
drop mn_month
egen mn_month = mean(month), by(treatment visit)
replace month = mn_month if _fillin==1
replace trt_month = treatment*month
drop cmu
gllapred cmu, mu fsample
list patient visit _fillin cmu if patient==2|patient==15, sepby(patient) noobs
set seed 1234421
sort patient
generate rand = runiform() if visit==1
by treatment (rand), sort: generate randid = _n if rand<.
egen randomid = mean(randid), by(patient)
twoway (line cmu month, sort) (scatter cmu month if _fillin==1, mcol(black)) if randomid<=16&treatment==0,  by(patient, compact legend(off) l1title("Y"))
twoway (line cmu month, sort) (scatter cmu month if _fillin==1, mcol(black)) if randomid<=16&treatment==1,  by(patient, compact legend(off) l1title("Y"))
clogit outcome month i.treatment#c.month, group(patient) or
quietly xtset patient
xtgee outcome i.treatment##c.month, link(logit) family(binomial) corr(exchangeable) vce(robust) eform
estat wcorrelation, format(%4.3f)
