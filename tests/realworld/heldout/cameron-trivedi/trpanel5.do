* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 54069708172 (a public GitHub .do file, "trpanel5.do", nonlinear panel models after Microeconometrics Using Stata, chapter 18; the index does not name the repository)
* author: A. Colin Cameron and Pravin K. Trivedi (file header), 2013
* licence: none stated
* data: mus18data.dta = rand_hie
capture log close
log using trpanel5.txt, text replace
set more off
version 12
clear all
set linesize 90
set scheme s1mono
use mus18data.dta, clear
keep if year == 1
describe dmdu ndisease
sum dmdu ndisease
logit dmdu ndisease, nolog
margins, dydx(*)
predict plogit
sort ndisease
graph twoway (scatter dmdu ndisease, msize(small) jitter(8)) (line plogit ndisease, clstyle(p1) lwidth(thick)) (lfit dmdu ndisease, clstyle(p2) lwidth(thick)), scale (1.2)
use mus18data.dta, clear
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
xtpqml mdu lcoins ndisease female age lfam child, fe
xtpoisson mdu lcoins ndisease female age lfam child, fe vce(robust)
xtpoisson mdu lcoins ndisease female age lfam child, fe i(id)
quietly xtpoisson mdu lcoins ndisease female age lfam child, pa corr(unstr) vce(robust)
estimates store PPA_ROB
quietly xtpoisson mdu lcoins ndisease female age lfam child, re
estimates store PRE
quietly xtpoisson mdu lcoins ndisease female age lfam child, re normal
estimates store PRE_NORM
quietly xtpoisson mdu lcoins ndisease female age lfam child, fe vce(robust)
estimates store PFE_ROB
quietly xtpoisson mdu lcoins ndisease female age lfam child, fe
estimates store PFE
estimates table PPA_ROB PRE PRE_NORM PFE_ROB PFE, equations(1) b(%8.4f) se stats(N ll) stfmt(%8.0f)
nbreg mdu lcoins ndisease female age lfam child
nbreg mdu lcoins ndisease female age lfam child, vce(robust)
nbreg mdu lcoins ndisease female age lfam child, cluster(id)
* mlm-expect: r(430)
xtnbreg lcoins ndisease female age lfam child, pa corr(exch) vce(robust)
xtnbreg mdu ndisease female age lfam child, re i(id)
xtnbreg mdu ndisease female age lfam child, fe i(id)
quietly xtpoisson mdu lcoins ndisease female age lfam child, pa corr(exch) vce(robust)
estimates store PPA_ROB
quietly xtnbreg mdu lcoins ndisease female age lfam child, pa corr(exch) vce(robust)
estimates store NBPA_ROB
quietly xtnbreg mdu lcoins ndisease female age lfam child, re
estimates store NBRE
quietly xtnbreg mdu lcoins ndisease female age lfam child, fe
estimates store NBFE
estimates table PPA_ROB NBPA_ROB NBRE NBFE, equations(1) b(%8.4f) se stats(N ll) stfmt(%8.0f)
