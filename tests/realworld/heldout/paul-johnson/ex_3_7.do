* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 11266932518 (a public GitHub .do file; the index does not name the repository)
* author: Paul E. Johnson (file header), 2017, exercises of Rabe-Hesketh & Skrondal MLMUS3
* licence: none stated
* data: hsb.dta12 = hsb_mlmus
capture log close
set more off
log using "ex37.log", replace text
use hsb.dta12, replace
quietly xtset schoolid
xtreg mathach ses, mle
xtsum ses
foreach var of varlist ses female {
egen `var'_mn = mean(`var'), by(schoolid)
}
foreach var of varlist ses  female {
gen `var'_dev = `var' - `var'_mn
}
xtreg mathach ses_dev ses_mn, mle
lincom ses_mn - ses_dev
xtmixed mathach ses_dev ses_mn || schoolid: , mle
lincom ses_mn - ses_dev
mixed mathach ses_dev ses_mn || schoolid: , mle
lincom ses_mn - ses_dev
mixed mathach ses_dev ses_mn || schoolid: , reml
lincom ses_mn - ses_dev
