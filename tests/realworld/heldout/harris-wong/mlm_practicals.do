* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:harris-yh-wong/msc-mlm@9d2bdf723b98fb0c6bcf509a2ec951850d430e15 analysis/do/P04.do, analysis/do/P08.do and analysis/do/P10.do (three practicals of an MSc course on multilevel and longitudinal modelling, one after the other)
* author: Harris Wong (repository harris-yh-wong)
* licence: none stated
* data: source/BtheB.dta = btheb_wide
* data: source/mood.dta = esm_mood
* data: source/Schiz_long.dta = schiz_long
clear
graph drop _all
cd "C:\Users\x\course"
log using "do/P04.log", replace
use "source/BtheB.dta"
reshape long bdi@m, i(subject) j(month)
rename bdim bdi
recode bdi (999 =.)
mixed bdi treat month || subject:, mle
estimates store rintercept
mixed bdi treat month || subject: month, /* 
*/ cov(unstruc) mle 
estimates store rcoefficient
lrtest rcoefficient rintercept
estimates restore rintercept
predict pred_rintercept, fitted
estimates restore rcoefficient
predict pred_rcoefficient_fit, fitted
log close
clear
graph drop _all
cd "C:\Users\x\course"
log using "do/P08.log", replace
use "source/mood.dta"
describe
tabstat Happy Hopeless Anger, by(Participant) stat(mean sd n)
tabstat Happy Hopeless Anger, by(Day) stat(mean sd n)
mixed Happy || Participant: || Day: 
estimates store happy_fixedint
mixed Hopeless || Participant: || Day: 
estimates store hopeless_fixedint
mixed Anger || Participant: || Day: 
estimates store anger_fixedint
estimates restore happy_fixedint
estat icc
estimates restore hopeless_fixedint
estat icc
estimates restore anger_fixedint
estat icc
mixed Happy Anger || Participant: || Day:
estimates store happy_anger
sort Participant Day Beep
* mlm-expect: r(198)
gen eplace Anger_lag1 = Anger[_n-1] if Day == Day[_n-1]
gen Happy_lag1 = Happy[_n-1] if Day == Day[_n-1]
* mlm-expect: r(111)
mixed Happy Anger_lag1 || Participant: || Day:
estimates store happy_angerlag1
mixed Happy Anger BDI || Participant: || Day:
estimates store happy_anger_adjBDI
* mlm-expect: r(111)
mixed Happy Anger_lag1 BDI || Participant: || Day:
estimates store happy_angerlag1_adjBDI
* mlm-added: the three practicals ran as separate files; P08 leaves its log open
log close
clear
graph drop _all
cd "C:\Users\x\course"
log using "do/P10.log", replace
use "source/Schiz_long.dta"
describe
tsset id week
hist impso, discrete
gen trt_wk = treatment * week
meologit impso week treatment trt_wk base || id:, or
estimates store meologit_rint
meologit impso week treatment trt_wk base || id: week, cov(unstruc) or
estimates store meologit_rcoef
lrtest meologit_rint meologit_rcoef
gen cent_week = 6 - week
tsset id cent_week
meologit 
