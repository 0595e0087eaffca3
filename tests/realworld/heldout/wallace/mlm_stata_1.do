* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 3492122506 (a public GitHub .do file, "Multilevel Modeling using Stata I.do": null and random-intercept models of SES in the High School and Beyond schools and a three-level null model of gross state product, with their predictions and plots; the index does not name the repository)
* author: Desmond D. Wallace (file header), 2018
* licence: none stated
* data: HSB All.xlsx = hsb_all
* data: http://www.stata-press.com/data/r12/productivity.dta = shared:stata/productivity.dta
clear all
cls
set more off
quietly log
local logon = r(status)
if "`logon'" == "on" {
log close
}
log using "wallace1.log", text replace
import excel "Data\HSB All.xlsx", sheet("HSB All") firstrow
rename id idGrp
destring idGrp, replace
bysort idGrp: gen idInd = _n
gen id = _n
order id idInd idGrp
describe
bro
twoway line ses idInd if idGrp==1224, sort
twoway line ses idInd if idGrp==1288, sort
twoway line ses idInd if idGrp==1296, sort
mixed ses
mixed ses, stddev
predict GrandMean, xb
label var GrandMean "GrandMean"
twoway (line GrandMean idInd, lcolor(black) lwidth(thick) sort) (scatter ses idInd, mcolor(red) msize(tiny) sort) if idGrp==1224, ytitle("Y", margin(medsmall)) legend(cols(4) size(small)) title("Title", size(medsmall))
twoway (line GrandMean idInd, lcolor(black) lwidth(thick) sort) (scatter ses idInd, mcolor(red) msize(tiny) sort) if idGrp==1288, ytitle("Y", margin(medsmall)) legend(cols(4) size(small)) title("Title", size(medsmall))
twoway (line GrandMean idInd, lcolor(black) lwidth(thick) sort) (scatter ses idInd, mcolor(red) msize(tiny) sort) if idGrp==1296, ytitle("Y", margin(medsmall)) legend(cols(4) size(small)) title("Title", size(medsmall))
mixed ses, || idGrp:, stddev
drop GrandMean
predict GrandMean, xb
label var GrandMean "GrandMean"
predict idGrpEffect, reffects relevel(idGrp)
gen idGrpMean = GrandMean + idGrpEffect
predict idGrpMean2, fitted relevel(idGrp)
sum idGrpMean idGrpMean2
twoway (line GrandMean idInd, lcolor(black) lwidth(thick) sort) (line idGrpMean idInd, lcolor(blue) lwidth(medthick) sort) (scatter ses idInd, mcolor(red) msize(tiny) sort) if idGrp==1224, ytitle("Y", margin(medsmall)) legend(cols(4) size(small)) title("Title", size(medsmall))
twoway (line GrandMean idInd, lcolor(black) lwidth(thick) sort) (line idGrpMean idInd, lcolor(blue) lwidth(medthick) sort) (scatter ses idInd, mcolor(red) msize(tiny) sort) if idGrp==1288, ytitle("Y", margin(medsmall)) legend(cols(4) size(small)) title("Title", size(medsmall))
twoway (line GrandMean idInd, lcolor(black) lwidth(thick) sort) (line idGrpMean idInd, lcolor(blue) lwidth(medthick) sort) (scatter ses idInd, mcolor(red) msize(tiny) sort) if idGrp==1296, ytitle("Y", margin(medsmall)) legend(cols(4) size(small)) title("Title", size(medsmall))
use "http://www.stata-press.com/data/r12/productivity.dta", clear
describe gsp year state region
twoway (line gsp year, connect(ascending)), by(region, title("Title", size(medsmall)))
mixed gsp, stddev
predict GrandMean, xb
label var GrandMean "GrandMean"
twoway (line GrandMean year, lcolor(black) lwidth(thick)) (scatter gsp year, mcolor(red) msize(tiny)), ytitle(Y, margin(medsmall)) legend(cols(4) size(small)) title("Title", size(medsmall))
summarize gsp
drop GrandMean
mixed gsp, || region: || state: , stddev
predict GrandMean, xb
label var GrandMean "GrandMean"
predict RegionEffect, reffects relevel(region)
predict StateEffect, reffects relevel(state)
gen RegionMean = GrandMean + RegionEffect
gen StateMean = GrandMean + RegionEffect + StateEffect
predict RegionMean2, fitted relevel(region)
predict StateMean2, fitted
sum RegionMean RegionMean2 StateMean StateMean2
twoway (line GrandMean year, lcolor(black) lwidth(thick)) (line RegionMean year, lcolor(blue) lwidth(medthick)) (line StateMean year, lcolor(green) connect(ascending)) (scatter gsp year, mcolor(red) msize(tiny)), ytitle(Y, margin(medsmall)) legend(cols(4) size(small)) by(region, title("Title", size(medsmall)))
twoway (line GrandMean year, lcolor(black) lwidth(thick)) (line RegionMean year, lcolor(blue) lwidth(medthick)) (line StateMean year, lcolor(green) connect(ascending)) (scatter gsp year, mcolor(red) msize(medsmall)) if region==7, ytitle("Y", margin(medsmall)) legend(cols(4) size(small)) title("Title", size(medsmall))
