* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 10986845111 (a public GitHub .do file; the index does not name the repository)
* author: Paul E. Johnson (file header), 2016, exercises of Rabe-Hesketh & Skrondal MLMUS3
* licence: none stated
* data: growth.dta12 = growth_mlmus
capture log close
set more off
log using ex3.log, replace text
use growth.dta12, replace
sum
twoway (scatter measure age, sort)
sort idnr age
twoway (line measure age, connect(ascending))
twoway (line measure age, connect(ascending)), by(sex)
label define sex 1 "boy" 2 "girl"
label values sex sex
twoway (line measure age, connect(ascending)), by(sex)
xtmixed measure age i2.sex || idnr: , mle
xtmixed measure c.age##i2.sex || idnr: , mle
xtmixed measure c.age##i2.sex || idnr:, reml
predict m1, xb
twoway (line measure age, connect(ascending) lcolor("gs10")) (line m1 age, connect(ascending))
twoway (line measure age, connect(ascending) lcolor(gs10)) (line m1 age, connect(ascending)), by(sex)
predict m1re, reffects
gen m1gp = m1re + m1
twoway (line m1gp age, connect(ascending) lcolor("pink"))
twoway (line measure age, connect(ascending) lcolor("gs10")) (line m1 age, connect(ascending)) (line m1gp age, connect(ascending) lcolor("pink"))
