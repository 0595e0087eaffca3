* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 49377634392 (a public GitHub .do file of a course on clustered data, PSQF 7375, example 3a "fixed effects only": two-level random-intercept models of language scores of pupils in schools with REML, Satterthwaite degrees of freedom, small-sample tests and linear combinations; the index does not name the repository)
* author: unknown (course PSQF 7375, University of Iowa, per the path in the file)
* licence: none stated
* data: $filesave\Multilevel_Analysis_Missing.xlsx = snijders_bosker_book
set more off
set linesize 150
global filesave "C:\Dropbox\course\example"
clear
import excel "$filesave\Multilevel_Analysis_Missing.xlsx", sheet("book_data") firstrow case(preserve)
label variable schoolID   "text"
label variable studentID "text"
label variable langpost   "text"
label variable IQverb     "text"
label variable IQperf     "text"
label variable denomina   "text"
label variable homework   "text"
label variable mixedgra   "text"
keep schoolID studentID langpost IQverb IQperf denomina homework mixedgra
egen nummiss = rowmiss(schoolID studentID langpost IQverb IQperf denomina homework mixedgra)
drop if nummiss>0
drop if denomina==4
drop if denomina==5
egen IQverbz=std(IQverb)
egen IQperfz=std(IQperf)
egen Nperschool=count(langpost), by(schoolID)
egen SMlangpost=mean(langpost),  by(schoolID)
egen SMIQverbz=mean(IQverbz),    by(schoolID)
egen SMIQperfz=mean(IQperfz),    by(schoolID)
label variable SMlangpost "text"
label variable SMIQverbz  "text"
label variable SMIQperfz  "text"
gen den1v2=.
gen den1v3=.
replace den1v2=0 if denomina==1
replace den1v3=0 if denomina==1
replace den1v2=1 if denomina==2
replace den1v3=0 if denomina==2
replace den1v2=0 if denomina==3
replace den1v3=1 if denomina==3
label variable den1v2 "text"
label variable den1v3 "text"
gen hw2=homework-2
gen SMIQverbz0=SMIQverbz-0
gen SMIQperfz0=SMIQperfz-0
label variable hw2 "text"
gen WSlangpost=langpost-SMlangpost
gen WSIQverbz=IQverbz-SMIQverbz
gen WSIQperfz=IQperfz-SMIQperfz
label variable WSlangpost "text"
label variable WSIQverbz  "text"
label variable WSIQperfz  "text"
log using $filesave\output.log, replace name(example3a)
display as result "text"
preserve
collapse  Nperschool SMlangpost SMIQverbz SMIQperfz homework denomina mixedgra, by(schoolID)
tabulate  denomina
tabulate  mixedgra
format    SMlangpost SMIQverbz SMIQperfz homework Nperschool %4.2f
summarize SMlangpost SMIQverbz SMIQperfz homework Nperschool, format
restore
display as result "text"
format    langpost WSlangpost IQverbz WSIQverbz IQperfz WSIQperfz %4.2f
summarize langpost WSlangpost IQverbz WSIQverbz IQperfz WSIQperfz, format
display as result "text"
mixed langpost , variance reml dfmethod(residual)
display as result "text"
mixed langpost , || schoolID: , variance reml covariance(unstructured) dfmethod(satterthwaite),
estat icc
display as result "text"
mixed langpost c.hw2 c.mixedgra c.den1v2 c.den1v3, || schoolID: , variance reml covariance(unstructured) dfmethod(satterthwaite),
test (c.mixedgra=0) (c.den1v2=0) (c.den1v3=0), small
test                (c.den1v2=0) (c.den1v3=0), small
lincom c.den1v2*-1 + c.den1v3*1, small
predict PredHMD, xb
corr langpost PredHMD
display as result r(rho)^2
display as result "text"
mixed langpost c.hw2 c.mixedgra c.den1v2 c.den1v3 c.mixedgra#c.den1v2 c.mixedgra#c.den1v3, || schoolID: , variance reml covariance(unstructured) dfmethod(satterthwaite),
test (c.mixedgra#c.den1v2=0) (c.mixedgra#c.den1v3=0), small
lincom c.mixedgra*1 + c.mixedgra#c.den1v2*0  + c.mixedgra#c.den1v3*0, small
lincom c.mixedgra*1 + c.mixedgra#c.den1v2*1  + c.mixedgra#c.den1v3*0, small
lincom c.mixedgra*1 + c.mixedgra#c.den1v2*0  + c.mixedgra#c.den1v3*1, small
lincom c.den1v2*1  + c.den1v3*0 + c.mixedgra#c.den1v2*0  + c.mixedgra#c.den1v3*0, small
lincom c.den1v2*0  + c.den1v3*1 + c.mixedgra#c.den1v2*0  + c.mixedgra#c.den1v3*0, small
lincom c.den1v2*-1 + c.den1v3*1 + c.mixedgra#c.den1v2*0  + c.mixedgra#c.den1v3*0, small
lincom c.den1v2*1  + c.den1v3*0 + c.mixedgra#c.den1v2*1  + c.mixedgra#c.den1v3*0, small
lincom c.den1v2*0  + c.den1v3*1 + c.mixedgra#c.den1v2*0  + c.mixedgra#c.den1v3*1, small
lincom c.den1v2*-1 + c.den1v3*1 + c.mixedgra#c.den1v2*-1 + c.mixedgra#c.den1v3*1, small
lincom c.mixedgra#c.den1v2*1  + c.mixedgra#c.den1v3*0, small
lincom c.mixedgra#c.den1v2*0  + c.mixedgra#c.den1v3*1, small
lincom c.mixedgra#c.den1v2*-1 + c.mixedgra#c.den1v3*1, small
predict PredMGxD, xb
corr langpost PredMGxD
display as result r(rho)^2
display as result "text"
mixed IQverbz , || schoolID: , variance reml covariance(unstructured) dfmethod(satterthwaite),
estat icc
display as result "text"
mixed IQperfz , || schoolID: , variance reml covariance(unstructured) dfmethod(satterthwaite),
estat icc
display as result "text"
mixed langpost c.hw2 c.mixedgra c.den1v2 c.den1v3 c.SMIQverbz0 c.WSIQverbz, || schoolID: , variance reml covariance(unstructured) dfmethod(satterthwaite),
test (c.SMIQverbz0=0) (c.WSIQverbz=0), small
lincom c.den1v2*-1 + c.den1v3*1, small
lincom c.SMIQverbz0*1 + c.WSIQverbz*-1, small
predict PredIQverb, xb
corr langpost PredIQverb
display as result r(rho)^2
display as result "text"
mixed langpost c.hw2 c.mixedgra c.den1v2 c.den1v3 c.SMIQverbz0 c.WSIQverbz c.SMIQperfz0 c.WSIQperfz, || schoolID: , variance reml covariance(unstructured) dfmethod(satterthwaite),
test (c.SMIQverbz0=0) (c.WSIQverbz=0), small
test (c.SMIQperfz0=0) (c.WSIQperfz=0), small
lincom c.den1v2*-1 + c.den1v3*1, small
lincom c.SMIQverbz0*1  + c.WSIQverbz*-1, small
lincom c.SMIQperfz0*1  + c.WSIQperfz*-1, small
lincom c.SMIQverbz0*-1 + c.SMIQperfz0*1, small
lincom c.WSIQverbz*-1  + c.WSIQperf*1,  small
predict PredIQperf, xb
corr langpost PredIQperf
display as result r(rho)^2
display as result "text"
mixed langpost c.hw2 c.mixedgra c.den1v2 c.den1v3 c.SMIQverbz0 c.WSIQverbz c.SMIQperfz0 c.WSIQperfz c.SMIQverbz0#c.SMIQperfz0 c.WSIQverbz#c.WSIQperfz, || schoolID: , variance reml covariance(unstructured) dfmethod(satterthwaite),
test (c.SMIQverbz0#c.SMIQperfz0) (c.WSIQverbz#c.WSIQperfz), small
lincom c.den1v2*-1 + c.den1v3*1, small
lincom c.SMIQperfz0*1 + c.SMIQperfz0#c.SMIQverbz0*-1, small
lincom c.SMIQperfz0*1 + c.SMIQperfz0#c.SMIQverbz0*0,  small
lincom c.SMIQperfz0*1 + c.SMIQperfz0#c.SMIQverbz0*1,  small
lincom c.WSIQperfz*1 + c.WSIQperfz#c.WSIQverbz*-1, small
lincom c.WSIQperfz*1 + c.WSIQperfz#c.WSIQverbz*0,  small
lincom c.WSIQperfz*1 + c.WSIQperfz#c.WSIQverbz*1,  small
estat vce
predict PredIQxIQ, xb
corr langpost PredIQxIQ
display as result r(rho)^2
log close example3a
