* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 4078885892 (a public GitHub .do file, TA session 5 "Duration models" of a microeconometrics course, fall 2022: college dropout as continuous duration -- stset, sts list/graph, Cox models with shared() frailty, strata(), stcurve, estat phtest, stphplot, stcoxkm, parametric streg fits compared with esttab and gr combine, predictions after a Weibull fit -- and as discrete duration: prsnperd person-period expansion, logit, cloglog and glm cloglog hazards, and pgmhaz8's gamma frailty; the index does not name the repository)
* author: Conghan Zheng (teaching assistant, file header)
* licence: none stated
* data: TA5.dta = college_dropout
cls, clear all
cd "/Users/x/TA5_stata"
use "TA5.dta", clear
describe 
stset duration, failure(event) id(id)
list id duration event _t0 _t _d _st if id<=20, noobs sepby(id)
stdescribe
stvary
gen married = (marriage != 99)
sts list
sts list, by(female) compare
sts graph, survival ci risktable legend(pos(8) col(1) ring(0))
sts graph, by(female) survival ci risktable legend(pos(8) col(1) ring(0))
sts graph, hazard kernel(gaussian) width(4 5)
global x female grade part_time lag stm married
stcox $x, nohr
display exp(_b[part_time])
display exp(_b[stm])
stcox $x , vce(robust)
stcox part_time, vce(robust)
predict H0, basechazard
line H0 _t, c(J) sort 
gen H1 = H0*exp(_b[part_time])
label variable H0 H0 
line H1 H0 _t, c(J J) sort
predict S0, basesurv	
line S0 _t, c(J) sort	
gen S1 = S0^exp(_b[part_time])
label variable S0 S0
line S1 S0 _t, c(J J) sort
stcurve, hazard at(part_time=0)
stcurve, hazard at1(part_time=0) at2(part_time=1)
stcurve, hazard at1(part_time=0) at2(part_time=1) kernel(gaussian) width(4)
qui {
	stcox grade part_time lag stm married, hr vce(robust)
	estimates store original
	stcox grade part_time lag stm married female, hr vce(robust)
	estimates store by_gender
	stcox grade part_time lag stm married if female==0, hr vce(robust)
	estimates store males
	stcox grade part_time lag stm married if female==1, hr vce(robust)
	estimates store females
}
stcox grade part_time lag stm married, hr strata(female) vce(robust)
estimates store strata
estimates table original by_gender males females strata, star stats(N)
drop H0 H1
predict H, basech
gen H0 = H if female==0
gen H1 = H if female==1
line H0 H1 _t, c(J J) sort legend(label(1 "a") label(2 "b"))
use "TA5.dta", clear
stset duration, failure(event) id(id)
gen married = (marriage != 99)
global x female part_time lag stm married
qui stcox $x grade
stcurve, hazard at1(grade=1) at2(grade=2) at3(grade=3) at4(grade=4) at5(grade=5)
stcox $x, nohr vce(cluster grade) nolog
eststo cluster_cox
stcox $x, nohr shared(grade) nolog
eststo re_cox
stcox $x i.grade, nohr nolog
eststo fe_cox
esttab cluster_cox re_cox fe_cox, se compress nogap mtitle stat(ll aic bic N)
gen stm6 = stm - 6
global x female part_time lag stm6 married
stcox $x, nohr shared(grade) nolog
predict nu, effects
predict S0, basesurv
qui sum nu
gen S_low = S0^exp(r(min)) 
gen S_high = S0^exp(r(max)) 
line S_low S0 S_high _t if _t<200, c(J J J) sort ytitle("y")
graph export "ta5_share_surv.png", as(png) replace
use "TA5.dta", clear
stset duration, failure(event) id(id)
gen married = (marriage != 99)
global x female grade part_time lag stm married
stcox $x , vce(robust)
estat phtest, detail
stphplot, by(female)	
stcoxkm, by(female) separate legend(cols(1)) 
use "TA5.dta", clear
stset duration, failure(event) id(id)
gen married = (marriage != 99)
global x female grade part_time lag stm married
qui stcox $x, vce(robust)
eststo Cox
stcurve, hazard saving(hazard_cox, replace)
qui streg $x, dist(exponential) vce(robust)
eststo Exponential
stcurve, hazard saving(hazard_exponential, replace)
qui streg $x, dist(weibull) vce(robust)
eststo Weibull
stcurve, hazard saving(hazard_weibull, replace)
qui streg $x, dist(loglogistic) vce(robust)
eststo Loglogit
stcurve, hazard saving(hazard_loglogit, replace)
qui streg $x, dist(lognormal) vce(robust)
eststo Lognormal
stcurve, hazard saving(hazard_lognormal, replace)
esttab Cox Exponential Weibull Loglogit Lognormal, se keep($x _cons) compress nogap mtitle stat(ll aic bic N)
sts graph, hazard saving(hazard_nonparametric, replace)
gr combine hazard_nonparametric.gph hazard_cox.gph hazard_exponential.gph hazard_weibull.gph hazard_loglogit.gph hazard_lognormal.gph
use "TA5.dta", clear
stset duration, failure(event) id(id)
gen married = (marriage != 99)
global x female grade part_time lag stm married
streg $x, dist(weibull) vce(robust)
predict t_mean, time mean 
predict t_median, time median 
predict lnt_mean, lntime mean 
predict lnt_median, lntime median 
list _t $x t_mean t_median lnt_mean lnt_median in L, abbrev(10)
qui streg $x, dist(weibull) vce(robust)
predict h, hazard
list id _t0 _t $x _d h if inlist(id,10,21)
predict s, surv	
predict cs, csurv 
list id _t0 _t $x _d s cs if inlist(id,10,21)
qui streg $x, dist(weibull) vce(robust)
stcurve, hazard at1(part_time=0 grade=1) at2(part_time=0 grade=2) at3(part_time=0 grade=3) at4(part_time=0 grade=4) at5(part_time=0 grade=5)
stcurve, hazard at1(part_time=1 grade=1) at2(part_time=1 grade=2) at3(part_time=1 grade=3) at4(part_time=1 grade=4) at5(part_time=1 grade=5)
stcurve, survival at(part_time=0 grade=5)
use "TA5.dta", clear
gen married = (marriage!=99)
global x female grade part_time stm married
prsnperd id duration
gen quarter = ceil(_period/3)
gen y = (duration==_period & event==1)
qui logit y i.quarter $x, nocons vce(cluster id)
eststo logit
qui cloglog y i.quarter $x, nocons vce(robust)
eststo cloglog	
predict hazard, pr			
qui glm y i.quarter $x, family(binomial) link(cloglog) nocons vce(robust)
eststo glm
esttab logit cloglog glm, se mtitle compress nogap keep($x) stat(ll aic bic N)
pgmhaz8 quarter $x, id(id) seq(_period) dead(y) nocons
