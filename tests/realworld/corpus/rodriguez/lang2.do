* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:grodri/grodri.github.io@645d26aa56bb629b863ea6baec8c559674b4ac0d multilevel/lang2.html (https://grodri.github.io/multilevel/lang2)
* author: Germán Rodríguez (Princeton, POP 510 Multilevel Models)
* licence: none stated
* data: https://grodri.github.io/datasets/snijders = shared:grodri/snijders.dta
use https://grodri.github.io/datasets/snijders, clear
sum iq_verb
gen iqvc = iq_verb - r(mean)
egen sn = count(langpost), by(schoolnr)
bysort schoolnr : gen first=_n==1
statsby sa=_b[_cons] sb=_b[iqvc], by(schoolnr) saving(ols, replace) : regress langpost iqvc
sort schoolnr
merge m:1 schoolnr using ols
drop _merge
gen yhat = sa + sb * iqvc
sort schoolnr iqvc
line yhat iqvc, connect(ascending) title(T1)
graph export g1.png, width(500) replace
xtmixed langpost iqvc || schoolnr: , mle
predict yhat1, fitted
predict ra1, reffects
gen check = (_b[_cons] + ra1) + _b[iqvc]*iqvc
list yhat1 check in 1/5
line yhat1 iqvc, connect(ascending) title(T2)
graph export g2.png, width(500) replace
gen sa1 = _b[_cons] + ra1
twoway (scatter sa1 sa ) (function y=x, range(30 48)), legend(off) ytitle(Y) xtitle(X) title(T3)
graph export g3.png, width(500) replace
list schoolnr sn if sa < 30 & first
xtmixed langpost iqvc || schoolnr: iqvc, mle covariance(unstructured)
predict yhat2, fitted
predict rb2 ra2, reffects
capture drop check
gen check = (_b[_cons] + ra2) + (_b[iqvc] + rb2)*iqvc
list yhat2 check in 1/5
line yhat2 iqvc, connect(ascending)
graph export g4.png, width(500) replace
gen sa2 = _b[_cons] + ra2
gen sb2 = _b[iqvc]  + rb2
twoway scatter sa2 sa , title(A) name(a, replace)
scatter sb2 sb, title(B) name(b, replace)
graph combine a b, title(T4) xsize(6) ysize(3)
graph export g5.png, width(720) replace
gen use = schoolnr==2
twoway (scatter langpost iqvc if use) (line yhat  iqvc if use, lpat(dot)) (line yhat2 iqvc if use, lpat(dash)) ( function y=_b[_cons] + _b[iqvc]*x, range(-5 1) ) , legend(order(2 "a" 3 "b" 4 "c") cols(1) ring(0) pos(5))
graph export g6.png, width(500) replace
