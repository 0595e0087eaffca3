* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 3838502231 (a public GitHub .do file; the index does not name the repository), "Multilevel Modeling using Stata II.do"
* author: Desmond D. Wallace (file header), 2018
* licence: none stated
* data: HSB All.xlsx = hsb_all
clear all
cls
set more off
quietly log
local logon = r(status)
if "`logon'" == "on" {
log close
}
log using "wallace2.log", text replace
import excel "Data\HSB All.xlsx", sheet("HSB All") firstrow clear
rename id idGrp
destring idGrp, replace
bysort idGrp: gen idInd = _n
gen id = _n
order id idInd idGrp
describe
bro
twoway scatter mathach ses if idGrp==2305
twoway scatter mathach ses if idGrp==4523
twoway scatter mathach ses if idGrp==6816
mixed mathach ses i.minority i.female, || idGrp:
estat icc
predict GrandMean, xb
label var GrandMean "fixed part"
predict idGrpEffect, reffects
gen idGrpMean = GrandMean + idGrpEffect
predict idGrpMean2, fitted
sum idGrpMean idGrpMean2
codebook idGrpEffect
twoway (line GrandMean ses, lcolor(black) lwidth(thick) sort) (line idGrpMean ses, lcolor(blue) lwidth(medthick) sort) (scatter mathach ses, mcolor(red) msize(tiny) sort) if minority==1 & female==1 & idGrp==2305, ytitle("y", margin(medsmall)) legend(cols(4) size(small)) title("a", size(medsmall))
twoway (line GrandMean ses, lcolor(black) lwidth(thick) sort) (line idGrpMean ses, lcolor(blue) lwidth(medthick) sort) (scatter mathach ses, mcolor(red) msize(tiny) sort) if minority==1 & female==1 & idGrp==4523, ytitle("y", margin(medsmall)) legend(cols(4) size(small)) title("b", size(medsmall))
twoway (line GrandMean ses, lcolor(black) lwidth(thick) sort) (line idGrpMean ses, lcolor(blue) lwidth(medthick) sort) (scatter mathach ses, mcolor(red) msize(tiny) sort) if minority==1 & female==1 & idGrp==6816, ytitle("y", margin(medsmall)) legend(cols(4) size(small)) title("c", size(medsmall))
mixed mathach ses i.minority i.female, || idGrp: ses
estat icc
* mlm-expect: r(111)
drop GrandMean sesEffect idGrpEffect idGrpMean
* mlm-expect: r(110)
predict GrandMean, xb
label var GrandMean "fixed part"
* mlm-expect: r(110)
predict sesEffect idGrpEffect, reffects
* mlm-expect: r(110)
predict idGrpMean, fitted
* mlm-expect: r(111)
codebook idGrpMean sesEffect idGrpEffect
twoway (line GrandMean ses, lcolor(black) lwidth(thick) sort) (line idGrpMean ses, lcolor(blue) lwidth(medthick) sort) (scatter mathach ses, mcolor(red) msize(tiny) sort) if minority==1 & female==1 & idGrp==2305, ytitle("y", margin(medsmall)) legend(cols(4) size(small)) title("d", size(medsmall))
twoway (line GrandMean ses, lcolor(black) lwidth(thick) sort) (line idGrpMean ses, lcolor(blue) lwidth(medthick) sort) (scatter mathach ses, mcolor(red) msize(tiny) sort) if minority==1 & female==1 & idGrp==4523, ytitle("y", margin(medsmall)) legend(cols(4) size(small)) title("e", size(medsmall))
twoway (line GrandMean ses, lcolor(black) lwidth(thick) sort) (line idGrpMean ses, lcolor(blue) lwidth(medthick) sort) (scatter mathach ses, mcolor(red) msize(tiny) sort) if minority==1 & female==1 & idGrp==6816, ytitle("y", margin(medsmall)) legend(cols(4) size(small)) title("f", size(medsmall))
mixed mathach c.ses##c.size minority female i.sector, || idGrp: ses
estat icc
* mlm-expect: r(111)
drop GrandMean sesEffect idGrpEffect idGrpMean
qui margins, dydx(ses) at(size=(100(100)2800)) atmeans
marginsplot, recast(line) recastci(rarea) ciopts(color(%30))
qui margins, dydx(size) at(ses=(-3.758(0.1)2.692)) atmeans
marginsplot, recast(line) recastci(rarea) ciopts(color(%30)) yline(0)
* mlm-expect: r(110)
predict GrandMean, xb
label var GrandMean "fixed part"
* mlm-expect: r(110)
predict sesEffect idGrpEffect, reffects
* mlm-expect: r(110)
predict idGrpMean, fitted
* mlm-expect: r(111)
codebook idGrpMean sesEffect idGrpEffect
twoway (line GrandMean ses, lcolor(black) lwidth(thick) sort) (line idGrpMean ses, lcolor(blue) lwidth(medthick) sort) (scatter mathach ses, mcolor(red) msize(tiny) sort) if minority==1 & female==1 & idGrp==2305, ytitle("y", margin(medsmall)) legend(cols(4) size(small)) title("g", size(medsmall))
twoway (line GrandMean ses, lcolor(black) lwidth(thick) sort) (line idGrpMean ses, lcolor(blue) lwidth(medthick) sort) (scatter mathach ses, mcolor(red) msize(tiny) sort) if minority==1 & female==1 & idGrp==4523, ytitle("y", margin(medsmall)) legend(cols(4) size(small)) title("h", size(medsmall))
twoway (line GrandMean ses, lcolor(black) lwidth(thick) sort) (line idGrpMean ses, lcolor(blue) lwidth(medthick) sort) (scatter mathach ses, mcolor(red) msize(tiny) sort) if minority==1 & female==1 & idGrp==6816, ytitle("y", margin(medsmall)) legend(cols(4) size(small)) title("i", size(medsmall))
log close
