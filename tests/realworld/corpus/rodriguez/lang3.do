* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:grodri/grodri.github.io@645d26aa56bb629b863ea6baec8c559674b4ac0d multilevel/lang3.html (https://grodri.github.io/multilevel/lang3)
* author: Germán Rodríguez (Princeton, POP 510 Multilevel Models)
* licence: none stated
* data: https://grodri.github.io/datasets/snijders = shared:grodri/snijders.dta
use https://grodri.github.io/datasets/snijders, clear
quietly sum iq_verb
gen iqvc = iq_verb - r(mean)
bysort schoolnr: gen first = _n==1
sum schoolses if first
gen sesc = schoolses - r(mean)
scalar sesc_sd = r(sd)
mixed langpost iqvc sesc c.iqvc#c.sesc || schoolnr: iqvc , mle covariance(unstructured)
predict yhat3, fitted
sort schoolnr iqvc
line yhat3 iqvc, connect(ascending) title(T1) xtitle(X) ytitle(Y)
graph export g1.png, width(500) replace
scalar a0 = _b[_cons]
scalar b0 = _b[iqvc]
scalar af = _b[sesc] * sesc_sd
scalar bf =  _b[c.iqvc#c.sesc] * sesc_sd
scalar ar =  exp(_b[lns1_1_2:_cons])
scalar br = -exp(_b[lns1_1_1:_cons])
capture drop arit*
local range range(-7.8 6.1)
twoway function y=(a0+af+ar) + (b0+bf+br)*x, lpat(solid) lc(green) `range' || function y=(a0+af-ar) + (b0+bf-br)*x, lpat(solid) lc(red)   `range' || function y=(a0-af+ar) + (b0-bf+br)*x, lpat(dash)  lc(green) `range' || function y=(a0-af-ar) + (b0-bf-br)*x, lpat(dash)  lc(red)   `range' , title(T2) xtitle(X) ytitle(Y) legend(order(1 "a" 2 "b" 3 "c" 4 "d") ring(0) pos(5))
graph export g2.png, width(500) replace
