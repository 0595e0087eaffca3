* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 49644497265 (a public GitHub .do file of the same clustered-data course as example3a_fixed_effects.do, PSQF 7375, example 3b: tenth graders' math in schools -- school means and counts by egen, schools of 30 or fewer dropped, school-level descriptives under preserve/collapse, random-intercept and random-slope models of free or reduced-price lunch by REML with Satterthwaite degrees of freedom and dftable(pvalue), each followed on lines ending in commas by estat ic with n(), estat icc, estat recovariance with relevel() and correlation, estat wcorrelation with at() and covariance, lincom and test with small, estimates store and lrtest, margins at() of a cross-level interaction and marginsplot with noci and xdimension(), and R-squared from predict and corr; the index does not name the repository; example 6's file, code-index id 49418923742, is of the same course)
* author: unknown (course PSQF 7375, University of Iowa, per the paths in the file)
* licence: none stated
* data: grade10school.dta = grade10_schools
set more off
set linesize 150
set matsize 1000
global filesave "C:\Dropbox\19_PSQF7375_Clustered\PSQF7375_Clustered_Example3b"
use "$filesave\grade10school.dta", clear
log using $filesave\PSQF7375_Clustered_Example3b_STATA_Output.log, replace name(STATA_Example3b)
label variable studentID "x"
label variable schoolID "x"
label variable frlunch "x"
label variable math "x"
egen SMfrlunch = mean(frlunch), by (schoolID)
egen SMmath = mean(math), by (schoolID)
label variable SMfrlunch "x"
label variable SMmath "x"
egen Nperschool = count(studentID), by (schoolID)
label variable Nperschool "x"
gen SMfrlunch30 = SMfrlunch - .30
label variable SMfrlunch30 "x"
drop if Nperschool < 31
sort schoolID studentID
display as result "x"
preserve
collapse Nperschool SMfrlunch SMmath, by(schoolID)
format Nperschool SMfrlunch SMmath %4.2f
summarize Nperschool SMfrlunch SMmath, format
restore
display as result "x"
format math frlunch %4.2f
summarize math frlunch, format
display as result "x"
mixed math , || schoolID: , variance reml covariance(un) dfmethod(satterthwaite) dftable(pvalue) residuals(independent),
estat ic, n(94),
estat icc
estat recovariance, relevel(schoolID)
estat wcorrelation, covariance at(schoolID=125)
estat wcorrelation, at(schoolID=125)
display as result "x"
mixed math c.frlunch, || schoolID: , variance reml covariance(un) dfmethod(satterthwaite) dftable(pvalue),
estat ic, n(94)
display as result "x"
mixed math c.frlunch c.SMfrlunch30, || schoolID: , variance reml covariance(un) dfmethod(satterthwaite) dftable(pvalue),
estat ic, n(94),
lincom 1*c.frlunch + 1*c.SMfrlunch30, small
estimates store FixFRLunch,
predict predlunch,
corr math predlunch
display as result r(rho)^2
display as result "x"
mixed math c.frlunch c. SMfrlunch30, || schoolID: c.frlunch, variance reml covariance(un) dfmethod(satterthwaite) dftable(pvalue),
estat ic, n(94),
estat recovariance, relevel(schoolID)
estat recovariance, relevel(schoolID) correlation
estat wcorrelation, covariance at(schoolID=125)
estat wcorrelation, at(schoolID=125)
estimates store RandFRLunch
lrtest RandFRLunch FixFRLunch
display as result "x"
mixed math c.frlunch c.SMfrlunch30 c.frlunch#c.SMfrlunch30, || schoolID: c.frlunch, variance reml covariance(un) dfmethod(satterthwaite) dftable(pvalue),
estat ic, n(94)
display as result "x"
mixed math c.frlunch c.SMfrlunch30 c.frlunch#c.SMfrlunch30 c.SMfrlunch30#c.SMfrlunch30, || schoolID: c.frlunch, variance reml covariance(un) dfmethod(satterthwaite) dftable(pvalue),
estat ic, n(94),
test (c.frlunch#c.SMfrlunch30=0) (c.SMfrlunch30#c.SMfrlunch30), small
lincom 1*c.frlunch + 1*c.SMfrlunch30, small
lincom 1*c.frlunch#c.SMfrlunch30 + 1*c.SMfrlunch30#c.SMfrlunch30, small
margins, at(c.frlunch=(0 1) c.SMfrlunch30=(-.2 0 .2 .4)) vsquish
marginsplot, noci name(predicted_lunch, replace) xdimension(frlunch)
predict predtotal,
corr math predtotal
display as result r(rho)^2
log close STATA_Example3b
