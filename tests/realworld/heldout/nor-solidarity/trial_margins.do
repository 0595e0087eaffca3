* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:ocbe-uio/nor-solidarity@066f539247c91abd601bda97c16e4d892860fd7a src/Misc/statacode_lb.do, then src/Misc/statacode_vl.do (commit 0335ae29d92b32d29dcf6a2c081cc6a3656fe72e) and RStata75289.do (commit f85eef05ef519f4b33cbbb2dfeb6232548f4e715, a do-file the R package RStata wrote to run one model), one after the other
* author: NOR-SOLIDARITY trial statisticians (repository ocbe-uio, Oslo Centre for Biostatistics and Epidemiology)
* licence: none stated
* data: adlb = nor_solidarity_lab
* data: advl.dta = nor_solidarity_vl
* data: RStataDataIn75289 = nor_solidarity_lab
use adlb, clear
keep if studyday <= 10
keep if fas_hcq == 2
mkspline time_1 7 time_2 = studyday
gen day10 = studyday == 10
meglm lbcrpres i.rantrt##c.(time_1 time_2)  || subjectid: , family(gamma)
margins r.rantrt, dydx(time_1)
meglm lbcrpres i.rantrt##i.studyday  || subjectid:, family(gamma) 
margins r.rantrt, subpop(day10)
margins i.rantrt, over(studyday)
marginsplot, xdim(studyday)
use advl.dta, clear
keep if studyday >= 0
keep if studyday <= 14
drop if vlsource == 3
mkspline time_1 7 time_2  = studyday
gen tmp = studyday 
tempfile tmp1
tempfile tmp2
tempfile tmp3
mixed vllog10cpkc_imp i.rantrt##c.(time_1 time_2)  || subjectid: studyday, covariance(unstructured)
margins i.rantrt, over(studyday) saving(`tmp1')
margins i.rantrt, dydx(time_1) saving(`tmp2')
margins r.rantrt, dydx(time_1) saving(`tmp3')
use `tmp1', clear
append using `tmp2' `tmp3' , gen(analysis)
* mlm-added: the RStata file ran in a fresh Stata; the two files before it leave changed data in memory
clear
set more off
use RStataDataIn75289
capture noisily {
tempfile tmp
quietly meglm lbneures i.rantrt i.studyday i.rantrt#i.studyday || subjectid: , family(gaussian) link(log)
quietly margins studyday#rantrt,  saving(`tmp')
use `tmp', clear
} 
saveold RStataDataOut75289, version(12)
exit, clear STATA
