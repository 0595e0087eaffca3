* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 3592098736 (a public GitHub .do file, "Multilevel Modeling using Stata": High School and Beyond read from an Excel sheet, the school id destringed, null models with stddev, a random-intercept model and its predictions (xb, reffects with relevel(), fitted), random-intercept and random-slope models with estat icc, BLUP-based group lines drawn per school, and a cross-level interaction c.ses##c.size with margins at() lists and marginsplot with rarea confidence bands; built on the template of Desmond D. Wallace's files in corpus/wallace and heldout/wallace; the index does not name the repository)
* author: Scott LaCombe (file header), 2019
* licence: none stated
* data: Data\HSB All.xlsx = hsb_all
clear all
cls
set more off
quietly log
local logon = r(status)
if "`logon'" == "on" {
log close
}
log using "mlm_log.log", text replace
import excel "Data\HSB All.xlsx", sheet("HSB All") firstrow clear
rename id idGrp
destring idGrp, replace
bysort idGrp: gen idInd = _n
gen id = _n
order id idInd idGrp
describe
bro
twoway scatter mathach ses if idGrp==1224
twoway scatter mathach ses if idGrp==1288
twoway scatter mathach ses if idGrp==1296
mixed mathach
mixed mathach, stddev
predict GrandMean, xb
label var GrandMean "v"
twoway (line GrandMean ses, lcolor(black) lwidth(thick) sort) (scatter mathach ses, mcolor(red) msize(tiny) sort) if idGrp==1224, ytitle("y", margin(medsmall)) legend(cols(4) size(small)) title("t", size(medsmall))
twoway (line GrandMean ses, lcolor(black) lwidth(thick) sort) (scatter mathach ses, mcolor(red) msize(tiny) sort) if idGrp==1288, ytitle("y", margin(medsmall)) legend(cols(4) size(small)) title("t", size(medsmall))
twoway (line GrandMean ses, lcolor(black) lwidth(thick) sort) (scatter mathach ses, mcolor(red) msize(tiny) sort) if idGrp==1296, ytitle("y", margin(medsmall)) legend(cols(4) size(small)) title("t", size(medsmall))
mixed mathach, || idGrp:
predict GrandMean2, xb
label var GrandMean2 "v"
predict idGrpEffect, reffects relevel(idGrp)
gen idGrpMean = GrandMean2 + idGrpEffect
predict idGrpMean2, fitted relevel(idGrp)
sum idGrpMean idGrpMean2
twoway (line GrandMean ses, lcolor(black) lwidth(thick) sort) (line idGrpMean ses, lcolor(blue) lwidth(medthick) sort) (scatter mathach ses, mcolor(red) msize(tiny) sort) if idGrp==1224, ytitle("y", margin(medsmall)) legend(cols(4) size(small)) title("t", size(medsmall))
twoway (line GrandMean ses, lcolor(black) lwidth(thick) sort) (line idGrpMean ses, lcolor(blue) lwidth(medthick) sort) (scatter mathach ses, mcolor(red) msize(tiny) sort) if idGrp==1288, ytitle("y", margin(medsmall)) legend(cols(4) size(small)) title("t", size(medsmall))
twoway (line GrandMean ses, lcolor(black) lwidth(thick) sort) (line idGrpMean ses, lcolor(blue) lwidth(medthick) sort) (scatter mathach ses, mcolor(red) msize(tiny) sort) if idGrp==1296, ytitle("y", margin(medsmall)) legend(cols(4) size(small)) title("t", size(medsmall))
mixed mathach ses i.minority i.female, || idGrp:
estat icc
drop GrandMean idGrpEffect
predict GrandMean, xb
label var GrandMean "v"
predict idGrpEffect, reffects
gen predMathAch = GrandMean + idGrpEffect
predict predMathAch2, fitted
sum predMathAch predMathAch2
codebook idGrpEffect
twoway (line GrandMean ses, lcolor(black) lwidth(thick) sort) (line predMathAch ses, lcolor(blue) lwidth(medthick) sort) (scatter mathach ses, mcolor(red) msize(tiny) sort) if minority==1 & female==1 & idGrp==2305, ytitle("y", margin(medsmall)) legend(cols(4) size(small)) title("t", size(medsmall))
twoway (line GrandMean ses, lcolor(black) lwidth(thick) sort) (line predMathAch ses, lcolor(blue) lwidth(medthick) sort) (scatter mathach ses, mcolor(red) msize(tiny) sort) if minority==1 & female==1 & idGrp==4523, ytitle("y", margin(medsmall)) legend(cols(4) size(small)) title("t", size(medsmall))
twoway (line GrandMean ses, lcolor(black) lwidth(thick) sort) (line predMathAch ses, lcolor(blue) lwidth(medthick) sort) (scatter mathach ses, mcolor(red) msize(tiny) sort) if minority==1 & female==1 & idGrp==6816, ytitle("y", margin(medsmall)) legend(cols(4) size(small)) title("t", size(medsmall))
mixed mathach ses i.minority i.female, || idGrp: ses
estat icc
drop GrandMean idGrpEffect predMathAch predMathAch2
predict GrandMean, xb
label var GrandMean "v"
predict sesEffect idGrpEffect, reffects
predict predMathAch, fitted
codebook predMathAch sesEffect idGrpEffect
twoway (line GrandMean ses, lcolor(black) lwidth(thick) sort) (line predMathAch ses, lcolor(blue) lwidth(medthick) sort) (scatter mathach ses, mcolor(red) msize(tiny) sort) if minority==1 & female==1 & idGrp==2305, ytitle("y", margin(medsmall)) legend(cols(4) size(small)) title("t", size(medsmall))
twoway (line GrandMean ses, lcolor(black) lwidth(thick) sort) (line predMathAch ses, lcolor(blue) lwidth(medthick) sort) (scatter mathach ses, mcolor(red) msize(tiny) sort) if minority==1 & female==1 & idGrp==4523, ytitle("y", margin(medsmall)) legend(cols(4) size(small)) title("t", size(medsmall))
twoway (line GrandMean ses, lcolor(black) lwidth(thick) sort) (line predMathAch ses, lcolor(blue) lwidth(medthick) sort) (scatter mathach ses, mcolor(red) msize(tiny) sort) if minority==1 & female==1 & idGrp==6816, ytitle("y", margin(medsmall)) legend(cols(4) size(small)) title("t", size(medsmall))
mixed mathach c.ses##c.size i.minority i.female i.sector, || idGrp: ses
estat icc
drop GrandMean sesEffect idGrpEffect predMathAch
qui margins, dydx(ses) at(size=(100(100)2800)) atmeans predict(xb)
marginsplot, recast(line) recastci(rarea) ciopts(color(%30))
margins, dydx(size) at(ses=(-3.758(0.1)2.692)) atmeans
marginsplot, recast(line) recastci(rarea) ciopts(color(%30)) yline(0)
predict GrandMean, xb
label var GrandMean "v"
predict sesEffect idGrpEffect, reffects
predict predMathAch, fitted
codebook predMathAch sesEffect idGrpEffect
twoway (line GrandMean ses, lcolor(black) lwidth(thick) sort) (line predMathAch ses, lcolor(blue) lwidth(medthick) sort) (scatter mathach ses, mcolor(red) msize(tiny) sort) if minority==1 & female==1 & idGrp==2305, ytitle("y", margin(medsmall)) legend(cols(4) size(small)) title("t", size(medsmall))
twoway (line GrandMean ses, lcolor(black) lwidth(thick) sort) (line predMathAch ses, lcolor(blue) lwidth(medthick) sort) (scatter mathach ses, mcolor(red) msize(tiny) sort) if minority==1 & female==1 & idGrp==4523, ytitle("y", margin(medsmall)) legend(cols(4) size(small)) title("t", size(medsmall))
twoway (line GrandMean ses, lcolor(black) lwidth(thick) sort) (line predMathAch ses, lcolor(blue) lwidth(medthick) sort) (scatter mathach ses, mcolor(red) msize(tiny) sort) if minority==1 & female==1 & idGrp==6816, ytitle("y", margin(medsmall)) legend(cols(4) size(small)) title("t", size(medsmall))
log close
