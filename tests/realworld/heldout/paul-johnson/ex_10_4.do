* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 10950183659 (a public GitHub .do file; the index does not name the repository)
* author: Paul Johnson (file header), 2016, exercise 10.4 of Rabe-Hesketh & Skrondal MLMUS3 (verbal aggression, dichotomized)
* licence: none stated
* data: aggression.dta12 = aggression_mlmus
capture log close
set more off, permanently
log using Ex-10.4.log, replace text
use aggression.dta12, clear
tab y
recode y 2=1
tab y
xtset person
xtlogit y do_want other_self blame express
quietly xtset person
xtlogit y do_want other_self blame express anger gender
quietly xtset person
xtlogit y i1-i24, nocons
estimates store xtlogit1
meglm y i.description || person: , family(binom) link(logit)
estimates restore xtlogit1
matrix a = e(b)
matrix a1 = a[1,1..24]
clogit y i2-i24, group(person)
matrix a=e(b)
matrix a2 = 0,a[1,1..23]
matrix diff = a1-a2
matrix list diff
use aggression.dta12, clear
recode y 2=1
set more off
gllamm y i1-i24, nocons i(person) link(logit) family(binom) adapt
estimates store gllamm
gllapred eap, u
xtmelogit y i1-i24, nocons || person:, 
estimates store xtmel
predict map, reffects
predict mapse, rese
predict fixed, xb
statsby mlest=_b[_cons] mlestse=_se[_cons], by(person) saving(ml, replace): logit y, offset(fixed)
merge m:1 person using ml
egen score = total(y), by(person)
tabstat eapm1 map mlest, by(score)
tabstat eaps1 mapse mlestse, by(score)
twoway (pcarrow mlest mlest eapm1 mlest if item==1) (function y=x, range(mlest)), xtitle(text) ytitle(text) legend(order(1 "text"))
twoway (pcarrow mlest mlest map mlest if item==1) (function y=x, range(mlest)), xtitle(text) ytitle(text) legend(order(1 "text"))
twoway (line eaps1 score, sort) (line mapse score, sort) (line mlestse score, sort), xtitle(text) ytitle(text) legend(order(3 "ML" 1 "EAP" 2 "MAP") row(1) pos(12) ring(0))
