* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 54071228548 (a public GitHub .do file, "ct_panel.do based on mus08p1panlin.do mus09p1panlin2.do"; the index does not name the repository)
* author: A. Colin Cameron and Pravin Trivedi (file header), Lectures in Microeconometrics, 2013
* licence: none stated
* data: mus08psidextract.dta = psid_extract
log using ct_panel.txt, text replace
set more off
version 12.0
set mem 10m
set scheme s1mono
use mus08psidextract.dta, clear
drop tdum*
describe
summarize
list id t exp wks occ in 1/3, clean
xtset id t
xtdescribe
xtsum lwage exp ed t
xttab south
xttrans south, freq
sort id t
correlate lwage L.lwage L2.lwage L3.lwage L4.lwage L5.lwage L6.lwage
regress lwage exp exp2 wks ed, noheader
regress lwage exp exp2 wks ed, noheader vce(cluster id)
xtgee lwage exp exp2 wks ed, corr(ar 2) vce(robust)
xtreg lwage exp exp2 wks ed, fe vce(robust)
xtreg lwage exp exp2 wks ed, be
xtreg lwage exp exp2 wks ed, re vce(robust) theta
global xlist exp exp2 wks ed
regress D.(lwage $xlist), vce(cluster id)
global xlist exp exp2 wks ed
quietly regress lwage $xlist, vce(cluster id)
estimates store OLS
quietly xtgee lwage exp exp2 wks ed, corr(ar 2) vce(robust)
estimates store PFGLS
quietly xtreg lwage $xlist, be
estimates store BE
quietly xtreg lwage $xlist, re vce(robust)
estimates store RE
quietly xtreg lwage $xlist, fe vce(robust)
estimates store FE
estimates table OLS PFGLS BE RE FE,  b(%9.4f) se stats(N)
