* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 42125560480 (a public GitHub .do file: between, fixed and random effects wage models on nlswork in the old iis/tis syntax, and a Hausman test of two random-effects fits; the index does not name the repository)
* author: unknown
* licence: none stated
* data: nlswork.dta = shared:stata/nlswork.dta
set mem 200m
set more off
set matsize 800
use nlswork.dta,clear
iis idcode
tis year
gen age2 = age^2
gen ttl_exp2 = ttl_exp^2
gen tenure2 = tenure^2
gen byte black = race==2
xtreg ln_wage grade age age2 ttl_exp ttl_exp2 tenure tenure2 black not_smsa south, be wls
xtreg ln_wage grade age age2 ttl_exp ttl_exp2 tenure tenure2 black not_smsa south, fe 
xtreg ln_wage grade age age2 ttl_exp ttl_exp2 tenure tenure2 black not_smsa south, re sa theta
estimates store est1
xtreg ln_wage grade age ttl_exp tenure black not_smsa south, re sa theta
estimates store est2
hausman est1 est2
