* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 9023145180 (a public GitHub .do file; the index does not name the repository) (excerpt: the NLS panel section and the simulated mixed-model section; the LSDV and SUR sections omitted)
* author: Shaofei Li (file header), after Hill, Griffiths & Lim, Principles of Econometrics, ch. 15
* licence: none stated
* data: nls_panel = nls_panel
version 15.1
capture log close
set more off
log using chap15_nls, replace text
use nls_panel, clear
xtset id year
describe
summarize lwage educ south black union exper tenure
list id year lwage educ south black union exper tenure in 1/10
reg lwage educ exper exper2 tenure tenure2 black south union
reg lwage educ exper exper2 tenure tenure2 black south union, vce(cluster id)
global x1list exper exper2 tenure tenure2 south union
xtreg lwage $x1list, fe
xtreg lwage $x1list, fe vce(cluster id)
predict muhat, u
tabstat muhat if year==82, stat(sum)
global x2list educ black $x1list
xtreg lwage $x2list, fe
xtsum educ
xtreg lwage $x2list, re theta
xtreg lwage $x2list, re vce(cluster id)
quietly xtreg lwage $x2list, fe
scalar sig2e =( e(sigma_e))^2
xtreg lwage $x2list, be
ereturn list
scalar sig2b = e(rss)/e(df_r)
scalar sig2u = sig2b - sig2e/e(Tbar)
scalar sigu = sqrt(sig2u)
scalar theta = 1-sqrt(sig2e/(e(Tbar)*sig2u+sig2e))
di "sig2e   = " sig2e " a"
di "theta   = " theta " b"
gen one = 1
sort id, stable
global v2list lwage one $x2list
foreach var of varlist $v2list {
by i: egen `var'bar = mean(`var')
gen `var'd = `var' - theta*`var'bar
}
reg lwaged educd blackd experd exper2d tenured tenure2d southd uniond oned, noconstant
quietly xtreg lwage $x2list, re
xttest0
quietly xtreg lwage $x2list, fe
estimates store fe
quietly xtreg lwage $x2list, re
estimates store re
hausman fe re
tabulate year, generate (d)
xthtaylor lwage $x2list, endog(south educ) constant(educ black)
log close
log using chap15_mixed, replace text
clear
set seed 1234567
set obs 10
matrix sgrp = (1, .5 \ .5, 1)
drawnorm u1 u2, corr(sgrp)
gen grp = _n
expand 20
matrix sind = (1, .7 \ .7, 1)
drawnorm u3 u4, corr(sind)
gen id = _n
expand 10
sort grp id
by grp id: gen t = _n
matrix sigxe = (1, 0 \ 0,1)
drawnorm x e, corr(sigxe)
order grp id t u1 u2 u3 u4 x e
list grp id t u1 u2 u3 u4 x e in 1/20
gen y = (10 + u3) + 5*x + 3*e
xtset id t
xtreg y x, re
xttest0
gen y2 = (10 + u3) + (5 + u4)*x + 3*e
xtmixed y2 x || id: x
gen y3 = (10 + u3 + 2*u1) + (5 + u4 + 2*u2)*x + 3*e
xtmixed y3 x || grp: x, cov(un) ||id: x, cov(un)
log close
