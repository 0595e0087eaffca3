* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:grodri/grodri.github.io@645d26aa56bb629b863ea6baec8c559674b4ac0d glms/stata/c8s1.html (https://grodri.github.io/glms/stata/c8s1)
* author: Germán Rodríguez (Princeton, WWS 509 GLMs, ch. 8)
* licence: none stated
* data: https://grodri.github.io/datasets/snijders = shared:grodri/snijders.dta
use https://grodri.github.io/datasets/snijders, clear
reg langpost iq_verb
xtreg langpost iq_verb, i(schoolnr) mle
mat re = e(b)
xtreg langpost iq_verb, i(schoolnr) fe
mat fe = e(b)
xtreg langpost iq_verb, i(schoolnr) be wls
mat be = e(b)
statsby a=_b[_cons] b=_b[iq_verb], by(schoolnr) saving(sregs, replace) : regress langpost iq_verb
sort schoolnr
merge m:1 schoolnr using sregs
drop _merge
gen yhat = a + b * iq_verb
sort schoolnr iq_verb
local lw lw(medthick)
twoway scatter langpost iq_verb, msymbol(circle_hollow) mcolor(gs10) || line yhat iq_verb, connect(ascending) color(gs10) || function y = fe[1,2] + fe[1,1]*x, range(5 15) lcolor(blue) `lw' || function y = re[1,2] + re[1,1]*x, range(5 15) lcolor(green) `lw' || function y = be[1,2] + be[1,1]*x, range(5 15) lcolor(red) `lw' legend(off) title(T) xtitle(X) ytitle(Y)
graph export g1.png, width(500) replace
