* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 6393604940 (a public GitHub .do file; the index does not name the repository)
* author: unknown
* licence: none stated
* data: nlswork = shared:stata/nlswork.dta
log using out.smcl, replace
about
webuse nlswork, clear
gen age2=age^2
xtreg ln_w  c.age c.age#c.age, fe
est store fe_f
xtreg ln_w  age age2, fe
est store fe_h
xtreg ln_w  c.age c.age#c.age, re
est store re_f
xtreg ln_w  age age2, re mle
est store re_h
xtmixed ln_w  c.age c.age#c.age || idcode:, mle
est store mx_f
xtmixed ln_w  age age2 || idcode:, mle
est store mx_h
est table fe_f fe_h re_f re_h mx_f mx_h, se equations(1)
hausman fe_h re_h, equations(1:1)
hausman fe_h mx_h, equations(1:1)
hausman fe_f re_f, equations(1:1)
hausman fe_f mx_f, equations(1:1)
log close
