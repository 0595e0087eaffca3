* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 11069350717 (a public GitHub .do file; the index does not name the repository): MLMUS3's toenail example -- xtdescribe, graph bar by treatment, a cluster-robust logit with margins/marginsplot and margins ..., post, xtlogit with intpoints(30), xtmelogit, meglm, gllamm with gllapred (u, mu, marginal, us()), BLUPs compared, margins with Stata 10-style plot(__swapxp); an earlier shorter version of the file is code-index id 10933945078
* author: Paul E. Johnson (file header), 2016
* licence: none stated
* data: toenail.dta = toenail
capture log close
set more off, permanently
log using toenail-1.log, replace text
use toenail.dta
xtset patient visit
xtdescribe if outcome < .
label define tr 0 "a" 1 "b"
label values treatment tr
graph bar (mean) proportion = outcome, over(visit) by(treatment) ytitle(text)
egen prop = mean(outcome), by(treatment visit)
egen mn_month = mean(month), by(treatment visit)
twoway line prop mn_month, by(treatment) sort xtitle(text) ytitle(text)
generate trt_month = treatment*month
logit outcome treatment month trt_month, vce(cluster patient)
estimates store logit
logit, or
predict logitprob, pr
twoway (line logitprob mn_month, sort) (line logitprob month, sort lpatt(dash)), by(treatment) legend(order(1 "a" 2 "b")) xtitle(text) ytitle(text)
logit outcome i.treatment##c.month, vce(cluster patient)
estimates store logit2
margins
margins, at(month=(1/15)) atmeans
margins i.treatment, at(month=(1/15)) atmeans
marginsplot
translate @Graph "marginsplot-1.pdf", name("Graph")
margins i.treatment, at(month=(1/15)) atmeans post
* mlm-expect: r(198)
margins, at(month=(1/15)) atmeans post
estimates restore logit2
margins i.treatment, at(month=(1/15)) atmeans
quietly xtset patient
xtlogit outcome i.treatment##c.month, intpoints(30)
estimates store xtlogit
xtlogit, or
margins i.treatment, at(month=(1/15)) atmeans
marginsplot
predict xtlogitprob, pr
xtmelogit outcome treatment month trt_month || patient:, intpoints(30)
estimates store xtmelogit
predict xtmelogitpr, mu
meglm outcome treatment month trt_month || patient:, family(binom) link(logit) intpoints(30)
xtmelogit outcome i.treatment##c.month || patient:, intpoints(30)
estimates store xtmelogit2
predict xtmelogitpr2, mu
gllamm outcome treatment month trt_month, i(patient) link(logit) family(binomial) nip(30) adapt
estimates store gllamm
gllamm, eform
estimates restore gllamm
gllapred gllammeb, u
gllapred gllammmu, mu
estimates restore xtmelogit
predict xtmelogitebmodal, reffects
predict xtmelogitse2, reses
egen num0 = total(outcome==0), by(patient)
egen num1 = total(outcome==1), by(patient)
list patient num0 num1 gllammebm1 xtmelogitebmodal gllammebs1 xtmelogitse2 if visit==1&patient<=12, noobs
twoway (scatter xtmelogitebmodal gllammebm1 if visit==1, msize(small) msym(oh) mcol(black)) (function y=x, range(gllammebm1) lpatt(solid)), xtitle(text) ytitle(text) legend(off)
estimates restore gllamm
gllapred margprob, mu marginal
twoway (line logitprob month, sort) (line margprob month, sort lpatt(dash)), by(treatment) legend(order(1 "a" 2 "b")) xtitle(text) ytitle(text)
twoway (line gllammmu month, connect(ascending)) (line margprob month, connect(ascending))
margins, at(month=(1/15)) atmeans asbalanced plot(__swapxp)
margins, predict(outcome(1)) at(month=(1/15)) atmeans asbalanced plot(__swapxp)
margins , at(month=(1/15)) atmeans asbalanced plot(__swapxp)
margins , at(month=(1/15) treatment=(1)) atmeans asbalanced expression(predict(xb))
generate zeta1 = 0
gllapred condprob0, mu us(zeta)
generate lower1 = -4
gllapred condprobm4, mu us(lower)
generate upper1 = 4
gllapred condprob4, mu us(upper)
replace lower1 = -2
gllapred condprobm2, mu us(lower)
replace upper1 = 2
gllapred condprob2, mu us(upper)
twoway (line prop mn_month, sort) (line margprob month, sort lpatt(dash)) (line condprob0 month, sort lpatt(shortdash_dot)) (line condprob4 month, sort lpatt(shortdash)) (line condprobm4 month, sort lpatt(shortdash)) (line condprob2 month, sort lpatt(shortdash)) (line condprobm2 month, sort lpatt(shortdash)), by(treatment) legend(order(1 "a" 2 "b" 3 "c" 4 "d")) xtitle(text) ytitle(text)
