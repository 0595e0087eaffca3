* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 42030879677 (a public GitHub .do file: Stata 8-era set mem/matsize, iis/tis, GLS random-effects wage model on nlswork with wildcard regressors, re sa theta, and a Hausman test of the quietly fitted fixed-effects model against the stored one; the index does not name the repository; a sibling of heldout/anon-nlswork-iis, code-index id 42125560480)
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
xtreg ln_w grade age* ttl_exp* tenure* black not_smsa south, re sa theta
estimates store re_est
quietly xtreg ln_w grade age* ttl_exp* tenure* black not_smsa south, fe
hausman . re_est
