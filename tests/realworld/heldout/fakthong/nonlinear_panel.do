* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 53990177561 (a public GitHub .do file; the index does not name the repository)
* author: Tiraphap Fakthong (file header), after Cameron & Trivedi, Microeconometrics Using Stata, ch. 18
* licence: MIT (file header)
* data: npanel.dta = rand_hie
cap log close
set more off
version 11
clear all
set linesize 90
set scheme s1mono
use npanel.dta, clear
use npanel.dta, clear
describe dmdu med mdu lcoins ndisease female age lfam child id year
summarize dmdu med mdu lcoins ndisease female age lfam child id year
xtset id year
xtdescribe
xtsum age lfam child
xtsum dmdu
xttrans dmdu
corr dmdu l.dmdu l2.dmdu
logit dmdu lcoins ndisease female age lfam child, vce(cluster id) nolog
xtlogit dmdu lcoins ndisease female age lfam child, pa corr(exch) vce(robust) nolog
xtlogit dmdu lcoins ndisease female age lfam child, re nolog
xtlogit dmdu lcoins ndisease female age lfam child, fe nolog
global xlist lcoins ndisease female age lfam child
quietly logit dmdu $xlist, vce(cluster id)
estimates store POOLED
quietly xtlogit dmdu $xlist, pa corr(exch) vce(robust)
estimates store PA
quietly xtlogit dmdu $xlist, re
estimates store RE
quietly xtlogit dmdu $xlist, fe
estimates store FE
estimates table POOLED PA RE FE, equations(1) se b(%8.4f) stats(N ll) stfmt(%8.0f)
xtsum med
xttobit med lcoins ndisease female age lfam child, ll(0) nolog
xtsum mdu
generate mdushort = mdu
replace mdushort = 4 if mdu >= 4
xttrans mdushort
corr mdu L.mdu
poisson mdu lcoins ndisease female age lfam child, vce(cluster id)
xtpoisson mdu lcoins ndisease female age lfam child, pa corr(unstr) vce(robust)
xtpoisson mdu lcoins ndisease female age lfam child, re
xtpoisson mdu lcoins ndisease female age lfam child, re normal
estimates store poisrenormal
xtpoisson mdu lcoins ndisease female age lfam child, fe i(id)
quietly xtpoisson mdu lcoins ndisease female age lfam child, re
estimates store PRE
quietly xtpoisson mdu lcoins ndisease female age lfam child, fe
estimates store PFE
estimates table PRE PFE, equations(1) b(%8.4f) se stats(N ll) stfmt(%8.0f)
nbreg mdu lcoins ndisease female age lfam child
nbreg mdu lcoins ndisease female age lfam child, cluster(id)
xtnbreg mdu ndisease female age lfam child, re i(id)
xtnbreg mdu ndisease female age lfam child, fe i(id)
