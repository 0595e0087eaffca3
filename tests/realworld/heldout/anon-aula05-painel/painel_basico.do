* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 19596928671 (a public GitHub .do file, class 5 of a Stata tutoring course on basic panel-data commands: pooled, fixed- and random-effects wage models on Cameron and Trivedi's PSID extract, a comparison table and a Hausman test; the index does not name the repository)
* author: unknown (Matheus, per the path in the file)
* licence: none stated
* data: mus08psidextract.dta = psid_extract
clear all
cap log close
set dp comma
set more off
cd "C:\Users\x\Desktop"
use mus08psidextract.dta, clear
xtset id t, yearly
sum
des
xtdescribe
preserve
restore
xtdescribe
xtsum
xttab south
xttab ed
xttrans  south
reg lwage exp exp2 wks ed, cluster(id)
quietly reg lwage exp exp2 wks ed, cluster(id)
predict uhat, residuals
forvalues j = 1/6 {
quietly corr uhat L`j'.uhat
display "text `j' = " %6.3f r(rho)
}
xtreg lwage exp exp2 wks ed, fe cluster(id)
xtreg lwage exp exp2 wks ed, re cluster(id) theta
global xlist exp exp2 wks ed
qui reg lwage $xlist, vce(cluster id)
estimates store ols01
qui xtreg lwage $xlist, be
estimates store between01
qui xtreg lwage $xlist, fe
estimates store fixed01
qui xtreg lwage $xlist, re
estimates store random01
estimates table ols01 between01 fixed01 random01, b se stats(N r2 r2_o r2_b r2_w sigma_u sigma_e rho) b(%7.4f)
estimates table ols01 between01 fixed01 random01, b stats(N r2 r2_o r2_b r2_w sigma_u sigma_e rho) b(%7.4f) star(0.10 0.05 0.01)
hausman fixed01 random01, sigmamore
