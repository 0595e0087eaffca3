* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 49031681579 (a public GitHub .do file of the same clustered-data course, PSQF 7375, example 4: Hox's pupils cross-classified by primary and secondary school -- school means by egen, primary- and secondary-school descriptives under preserve/collapse, a nested random-intercept model against crossed random intercepts written as || _all: R.sschool , || _all: R.pschool , by REML with Satterthwaite degrees of freedom and dftable(pvalue), lrtest, denomination and pupil SES with contextual effects, test ..., small, and R-squared from predict and corr; the index does not name the repository)
* author: unknown (course PSQF 7375, University of Iowa, per the paths in the file)
* licence: none stated
* data: pupcross.dta = pupcross_hox
set more off
set linesize 150
global filesave "C:\Dropbox\19_PSQF7375_Clustered\PSQF7375_Clustered_Example4"
use "$filesave\pupcross.dta", clear
log using $filesave\PSQF7375_Clustered_Example4_STATA_Output.log, replace
egen pmSES = mean(pupses), by (pschool)
egen pmAchiev = mean(achiev), by (pschool)
label variable pmSES "x"
label variable pmAchiev "x"
egen smSES = mean(pupses), by (sschool)
egen smAchiev = mean(achiev), by (sschool)
label variable smSES "x"
label variable smAchiev "x"
gen pupSES4 = pupses - 4
gen pmSES4 = pmSES - 4
gen smSES4 = smSES - 4
label variable pupSES4 "x"
label variable pmSES4 "x"
label variable smSES4 "x"
display as result "x"
preserve
collapse pdenom pmSES pmAchiev, by(pschool)
format pdenom pmSES pmAchiev %4.2f
summarize pdenom pmSES pmAchiev, format
restore
display as result "x"
preserve
collapse sdenom smSES smAchiev, by(sschool)
format sdenom smSES smAchiev %4.2f
summarize sdenom smSES smAchiev, format
restore
display as result "x"
format pupSES achiev %4.2f
summarize pupSES achiev, format
display as result "x"
mixed achiev , || sschool: , variance reml covariance(un) dfmethod(satterthwaite) dftable(pvalue)
estimates store FitNested
display as result "x"
mixed achiev , || _all: R.sschool , || _all: R.pschool , variance reml dfmethod(satterthwaite) dftable(pvalue)
estimates store FitCrossed
lrtest FitCrossed FitNested
display as result "x"
mixed achiev pdenom sdenom, || _all: R.sschool , || _all: R.pschool , variance reml dfmethod(satterthwaite) dftable(pvalue)
predict preddenom,
corr achiev preddenom
display as result r(rho)^2
display as result "x"
mixed achiev c.pdenom c.sdenom c.pupSES4, || _all: R.sschool , || _all: R.pschool , variance reml dfmethod(satterthwaite) dftable(pvalue)
display as result "x"
mixed achiev c.pdenom c.sdenom c.pupSES4 c.pmSES4 c.smSES4, || _all: R.sschool , || _all: R.pschool , variance reml dfmethod(satterthwaite) dftable(pvalue)
test (c.pupSES4=0)(c.pmSES4=0)(c.smSES4=0), small
predict predSES,
corr achiev predSES
display as result r(rho)^2
log close
