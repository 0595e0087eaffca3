* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 48101882564 (a public GitHub .do file, seminar 8 of an econometrics course: Tobit models of fringe benefits, Heckman selection models of married women's wages, and pooled, LSDV, fixed-, random- and between-effects wage models of Cornwell and Rupert's panel with Wald, Breusch-Pagan and Hausman tests; the index does not name the repository)
* author: Polina Pogorelova (path in the file)
* licence: none stated
* data: http://fmwww.bc.edu/ec-p/data/wooldridge/fringe.dta = fringe
* data: http://www.stata.com/data/jwooldridge/eacsap/mroz = mroz
* data: /Users/x/Downloads/cornwell&rupert.csv = cornwell_rupert
clear
set more off
cd /Users/x/Desktop/
log using sem_8.log
use http://fmwww.bc.edu/ec-p/data/wooldridge/fringe.dta, clear
sum annbens exper age educ tenure married male
reg annbens exper expersq age annearn tenure
predict yhat_lm
tobit annbens exper age annearn tenure, ll(0)
predict yhat_tobit
margins, dydx(*) predict(ystar(0,.))
margins, dydx(*) predict(pr(0,.))
use http://www.stata.com/data/jwooldridge/eacsap/mroz,clear
tab inlf
sum lwage if inlf == 1
reg lwage educ exper c.exper#c.exper, vce(robust)
heckman lwage educ exper c.exper#c.exper, select(inlf = educ exper age nwifeinc c.exper#c.exper kidslt6 kidsge6)
probit inlf educ exper age nwifeinc c.exper#c.exper kidslt6 kidsge6
predict inlf_hat
gen imr = normalden(inlf_hat)/normal(inlf_hat)
label variable imr "text"
reg lwage educ exper c.exper#c.exper imr, vce(robust)
heckman lwage educ exper c.exper#c.exper, select(inlf = educ exper c.exper#c.exper age nwifeinc kidslt6 kidsge6) twostep
predict allwage
summarize allwage
predict dwage, ycond
sum dwage
sum lwage dwage if lwage != .
predict hcndwage1, yexpected
gen lwage0 = lwage
replace lwage0 = 0 if lwage == .
summarize hcndwage1 lwage0
* mlm-expect: r(198)
margins, dydx(exper educ) atmean
* mlm-expect: r(198)
margins, dydx(exper educ kidslt6) predict(psel) atmean
margins, dydx(exper educ) predict(ycond)
margins, dydx(exper educ) predict(yexpected)
import delimited /Users/x/Downloads/cornwell&rupert.csv, clear
sum lwage exp smsa fem union ind if year == 1
sum lwage exp smsa fem union ind if year == 7
egen mlwage = mean(lwage), by(year)
egen mexp = mean(exp), by(year)
graph twoway connected mlwage year, sort
graph twoway connected mexp year, sort
reg lwage exp expsq smsa south wks union ms fem ed blk ind occ
reg lwage exp expsq smsa south wks occ union ms fem ed blk ind i.id
areg lwage exp expsq smsa south wks occ union ms fem ed blk ind, absorb(id)
estimates store a_lsdv
xtset id year
xtreg lwage exp expsq smsa south wks occ union ms fem ed blk ind, fe
ssc install xttest3
xttest3
xtreg lwage exp expsq smsa south wks occ union ms fem ed blk ind, fe vce(robust)
est store fe
xtreg lwage exp expsq smsa south wks occ union ms fem ed blk ind, re
est store re
xtreg lwage exp expsq smsa south wks occ union ms fem ed blk ind, be
* mlm-expect: r(301)
xttest0
* mlm-expect: r(198)
hausman fe re
* mlm-expect: r(111)
estimates table ols  fe re, star stats(N r2 r2_a)
