* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 11061059091 (a public GitHub .do file of a Chinese-language panel-econometrics exercise on Wooldridge's wage panel and Cameron and Trivedi's cigarette panel: xtdescribe, xtsum, xtline, xtreg pa corr(independent), LSDV with estimates table, fe, first differences, re theta, mle and be with vce(bootstrap), hausman fe re, sigmamore and xtoverid; for the long panel xttest3, xi: xtserial, xttest2, xtpcse with corr(ar1|psar1) and xtgls panels(cor); then xtreg with L.lwage, xtabond with pre() endogenous() maxldep() maxlags() artests(), estat abond and sargan, and xtdpdsys; the index does not name the repository)
* author: unknown (a user folder "XuQi" in the file's paths)
* licence: none stated
* data: C:\Users\XuQi\Desktop\wagepan.dta = wagepan_exper2
* data: C:\Users\XuQi\Desktop\mus08cigar.dta = mus08cigar
use "C:\Users\XuQi\Desktop\wagepan.dta", clear
xtset nr year
xtdescribe
xtsum lwage black hisp educ year married exper exper2 union
xtline lwage if nr<100
xtreg lwage black hisp union married exper exper2 year educ, pa corr(independent) vce(robust)
regress lwage black hisp union married exper exper2 year educ, vce(cluster nr)
qui regress lwage union married exper exper2 i.nr, vce(cluster nr)
estimates table, keep(union married exper exper2) b se
xtreg lwage union married exper exper2, fe vce(robust)
regress D.(lwage union married exper exper2), vce(cluster nr) noconstant
xtreg lwage black hisp union married exper exper2 year educ, re theta vce(robust)
xtreg lwage black hisp union married exper exper2 year educ, mle vce(bootstrap)
xtreg lwage black hisp union married exper exper2 year educ, be vce(bootstrap)
qui xtreg lwage union married exper exper2, fe
est store fe
qui xtreg lwage black hisp union married exper exper2 year educ, re
est store re
hausman fe re, sigmamore
qui xtreg lwage black hisp union married exper exper2 year educ, re vce(robust)
xtoverid 
use "C:\Users\XuQi\Desktop\mus08cigar.dta", clear
xtset state year
reg lnc lnp lny lnpmin i.state year, vce(cluster state)
qui xtreg lnc lnp lny lnpmin year, fe vce(robust)
xttest3
xi:xtserial lnc lnp lny lnpmin year i.state
qui xtreg lnc lnp lny lnpmin year, fe vce(robust)
xttest2
xtpcse lnc lnp lny lnpmin year i.state
xtpcse lnc lnp lny lnpmin year i.state, corr(ar1)
xtpcse lnc lnp lny lnpmin year i.state, corr(psar1)
xtgls lnc lnp lny lnpmin year i.state, panels(cor) corr(ar1)
xtgls lnc lnp lny lnpmin year i.state, panels(cor) corr(psar1)
use "C:\Users\XuQi\Desktop\wagepan.dta", clear
xtset nr year
xtreg lwage L.lwage union married exper exper2, fe vce(robust)
xtabond lwage union married exper exper2, lags(1) twostep vce(robust)
xtabond lwage exper exper2, lags(1) pre(married) endogenous(union) twostep vce(robust)
xtabond lwage exper exper2, lags(1) pre(married) endogenous(union) maxldep(3) maxlags(3) twostep vce(robust)
qui xtabond lwage exper exper2, lags(1) pre(married) endogenous(union) maxldep(3) maxlags(3) twostep vce(robust) artests(3)
estat abond
qui xtabond lwage exper exper2, lags(1) pre(married) endogenous(union) maxldep(3) maxlags(3) twostep
estat sargan
xtdpdsys lwage exper exper2, lags(1) pre(married) endogenous(union) maxldep(3) maxlags(3) twostep vce(robust)
xtdpdsys lwage exper exper2 black hisp educ, lags(1) pre(married) endogenous(union) maxldep(3) maxlags(3) twostep vce(robust)
qui xtdpdsys lwage exper exper2, lags(1) pre(married) endogenous(union) maxldep(3) maxlags(3) twostep vce(robust) artests(3)
estat abond
qui xtdpdsys lwage exper exper2, lags(1) pre(married) endogenous(union) maxldep(3) maxlags(3) twostep
estat sargan
qui xtdpdsys lwage exper exper2, lags(2) pre(married) endogenous(union) maxldep(3) maxlags(3) twostep vce(robust) artests(3)
estat abond
qui xtdpdsys lwage exper exper2, lags(2) pre(married) endogenous(union) maxldep(3) maxlags(3) twostep
estat sargan
xtdpdsys lwage exper exper2, lags(2) pre(married) endogenous(union) maxldep(3) maxlags(3) twostep
