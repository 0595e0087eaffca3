* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 11893887146 (a public GitHub .do file; the index does not name the repository)
* author: Paul Johnson (file header), 2016, exercises of Rabe-Hesketh & Skrondal MLMUS3
* licence: none stated
* data: thailand.dta12 = thailand
capture log close
set more off, permanently
log using ex10.log, replace text
use thailand.dta12, clear
gllamm rep male pped mses, i(school) link(logit) family(binom) weight(wt) adapt
estimates store gllamm1
meglm  rep male pped mses || school: , family(binom) link(logit)
* mlm-expect: r(111)
meglm  rep male pped mses p[fw=wt]|| school: , family(binom) link(logit)
estimates store meglm
est tab meglm gllamm1
est tab meglm gllamm1, se
estimates restore gllamm1
gllamm, eform
estimates restore gllamm1
gllapred mu, mu
gllapred mumarg, mu marginal
gllapred xb, xb
gllapred latent, u
list schoolid rep male pped wt1 mu if schoolid==10104
list schoolid rep male pped wt1 mu if schoolid==10105
graph box mu if rep==0, by(male) over(pped)
margins
margins, at(male = (0 1))
marginsplot
