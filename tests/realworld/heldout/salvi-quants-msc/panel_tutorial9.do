* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:AndrSalvi/quants-msc@70676cffb8c16fd2b8fa3cf3d0f6af3dbf032a70 handouts/PO8006_handout9.do (MSc quantitative methods course PO8006, tutorial 9 on panel data: xtset, xtline and xtline overlay, outreg2 descriptive table with sum(log) keep() eqkeep(), regress/logistic tables with outreg2 replace/append ctitle() label, xi: LSDV, xtreg fe/re, hausman of stored fixed/random, year fixed effects with testparm i.year)
* author: Andrea Salvi (GitHub AndrSalvi)
* licence: none stated
* data: Panel101.dta = panel101
clear all
use Panel101.dta
xtset country year
xtline y
xtline y, overlay
outreg2 using x.doc, replace sum(log) keep(y x1 x2 x3 opinion) eqkeep(N mean sd min max)
regress y x1
outreg2 using myreg.doc, replace ctitle(Model 1)
reg y x1 x2, robust
outreg2 using myreg.doc, append ctitle(Model 2)
reg y x1, robust
outreg2 using myreg.doc, replace ctitle(Model 1) label
reg y x1 x2, robust
outreg2 using myreg.doc, append ctitle(Model 2) label
logistic y_bin x1
outreg2 using myreg.doc, replace ctitle(Model 1) label
logistic y_bin x1 x2
outreg2 using myreg.doc, append ctitle(Model 2) label
logistic y_bin x1 x2 x3
outreg2 using myreg.doc, append ctitle(Model 3) label
xi: regress y x1 i.country
xtreg y x1, fe
outreg2 using myreg.doc, append ctitle(Fixed Effects) label addtext(Country FE, YES)
xtreg y x1, re
xtreg y x1, fe
estimates store fixed
xtreg y x1, re
estimates store random
hausman fixed random
xtreg y x1 i.year, fe
testparm i.year
