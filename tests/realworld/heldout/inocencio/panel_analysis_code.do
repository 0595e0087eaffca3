* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:biancainocencio/Statistical-Analysis-Production-Function@27875a748832c4eb37d0973988a36bfa78824e1d panel_analysis_code.do (a production-function panel: fixed effects with and without robust errors, two-way effects, random effects, xttest0, pooled OLS, xtserial, Hausman with and without a Mundlak term, xttest3; the author's "# ..." headings, which Stata would refuse as commands, are prose here and left out)
* author: Bianca Inocencio (repository biancainocencio)
* licence: none stated
* preload: production_panel
xtset ivar tvar
xtdescribe
xtreg y k l ,fe
predict u, u
corr u y
xtreg y k l ,fe vce(robust)
quietly tabulate tvar,gen(time_d)
xtreg y k l time_d1-time_d5 ,fe
testparm time_d1-time_d5
xtreg y k l ,re
xtreg y k l ib1.tvar
xttest0
regress y l k ,vce(cluster ivar)
xtserial y l k
xtserial y l k ,output
quietly xtreg y l k ,fe
estimates store fe
quietly xtreg y l k ,re
estimates store re
hausman fe re ,sigmaless
foreach x of varlist l k {
bysort ivar: egen gm`x’=(`x`)
}
xtreg y l k gml gmk, re vce(cluster ivar)
testparm gmk gml
quietly xtreg y l k ,fe
xttest3
ssc install xttest3
net from http://www.stata-journal.com/software/sj3-2/
net describe st0039
net install st0039
