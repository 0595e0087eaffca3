* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 11012038511 (a public GitHub .do file; the index does not name the repository)
* author: Paul E. Johnson (file header), 2016, exercise 5.1 of Rabe-Hesketh & Skrondal MLMUS3 (tax preparers)
* licence: none stated
* data: taxprep.dta12 = taxprep
capture log close
set more off, permanently
log using Ex-5.1.log, replace text
use taxprep.dta12
summarize
xtset subject 
xtsum
help summarize
mixed lntax prep ms hh depend age lntpi mr emp || subject: , mle covariance(unstructured) stddev
estimates store re1
xtreg lntax prep ms hh depend age lntpi mr emp, be
estimates store be1
xtreg lntax prep ms hh depend age lntpi mr emp, fe
estimates store fe1
predict fe1_u, u
regress lntax prep ms hh depend age lntpi mr emp i.subject
foreach var of varlist lntax time prep ms hh depend age lntpi mr emp {
    egen `var'_mn = mean(`var'), by(subject)
}
foreach var of varlist lntax time prep ms hh depend age lntpi mr emp {
    gen `var'_dev = `var' - `var'_mn
}
egen pickone = tag(subject)
preserve
keep if pickone==1
sum
xtsum
regress lntax_mn time_mn prep_mn ms_mn hh_mn depend_mn age_mn lntpi_mn mr_mn emp_mn
estimates store be2
restore
regress lntax time prep ms hh depend age lntpi mr emp ibn.subject, noconstant
estimates store fe2
* mlm-expect: r(498)
hausman fe1 re1
xtreg lntax time prep ms hh depend age lntpi mr emp, re 
estimates store re2
hausman fe1 re2
hausman re2 fe1
mixed lntax time prep ms hh depend age lntpi mr_dev emp_dev i.subject
estimates store fe4
mixed lntax time prep ms hh depend age lntpi mr emp || subject: , reml
estimates store re3
hausman fe4 re3
hausman re3 fe4
estimates restore re1
predict double re1pred, reffects 
hist(re1pred)
predict double reresid, residuals
hist(reresid)
xtset subject time
xtsum
xtreg lntax prep ms hh depend age lntpi mr emp prep_dev ms_dev hh_dev depend_dev age_dev lntpi_dev mr_dev emp_dev, mle
