* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 11488001548 (a public GitHub .do file; the index does not name the repository)
* author: Paul Johnson (file header), 2016, exercise 11.2 of Rabe-Hesketh & Skrondal MLMUS3 (verbal aggression)
* licence: none stated
* data: aggression.dta12 = aggression_mlmus
capture log close
set more off, permanently
log using Ex-11.2.log, replace text
use aggression.dta12, clear
 meglm y do_want other_self blame express || person: , family(ordinal)
 estimates store meglm1
 predict meglm1re, reffects
 predict meglm1xb, xb
 predict meglm1eta*, eta
 predict meglm1mu*, mu
* mlm-expect: r(100)
 gen meglm1pr1
 meglm y do_want other_self blame express anger gender || person: , family(ordinal) intpoints(5)
 estimates store meglm2
gllamm y do_want other_self blame express, i(person)  link(ologit) adapt nip(5)
matrix a = e(b)
gllamm y do_want other_self blame express anger gender, i(person) link(ologit) from(a) adapt nip(5)
estimates store mod2
matrix a = e(b)
eq thr: do_want
gllamm y other_self blame express anger gender, i(person) link(ologit) thresh(thr) from(a) skip adapt nip(5)
estimates store mod3
lrtest mod2 mod3
meglm y do_want other_self blame express ibn.person, family(ordinal) vsquish
estimates store mod4
predict mod4pr, xb
estimates restore meglm1
predict mod1pr, xb
predict mod1eta, eta
twoway scatter mod1eta mod4pr
