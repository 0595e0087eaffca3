* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 16635061175 (a public GitHub .do file of an econometrics course, panel data models on Wooldridge's JTRAIN: pooled OLS, between, first differences, fixed effects, dummy variables, random effects, Hausman; the index does not name the repository)
* author: unknown
* licence: none stated
* data: $datadir/JTRAIN.dta = jtrain_panel
clear all
set more off 
global datadir "C:/x/Data/" 
use "$datadir/JTRAIN.dta", clear
drop if lscrap==.
describe fcode year lscrap tothrs d88 d89 grant grant_1
list fcode year lscrap tothrs d88 d89 grant grant_1 in 1/9
summarize fcode year lscrap tothrs d88 d89 grant grant_1
xtset fcode year
xtdescribe
xtsum fcode year lscrap tothrs d88 d89 grant grant_1
reg lscrap tothrs d88 d89 grant grant_1
xtreg lscrap tothrs d88 d89 grant grant_1, be 
sort fcode year
gen dlscrap=d.lscrap
gen dtothrs=d.tothrs
gen dgrant=d.grant
reg dlscrap dtothrs dgrant
xtreg lscrap tothrs d88 d89 grant grant_1, fe 
predict ai, u
list fcode year lscrap ai in 1/9
summarize ai
sort fcode
reg lscrap tothrs d88 d89 grant grant_1 i.fcode 
xtreg lscrap tothrs d88 d89 grant grant_1, fe 
display e(mss)
display e(rss)
scalar rsquared0=e(mss)/(e(mss)+e(rss))
display rsquared0
reg lscrap tothrs d88 d89 grant grant_1 i.fcode
display e(mss)
display e(rss)
scalar rsquared=e(mss)/(e(mss)+e(rss))
display rsquared
xtreg lscrap tothrs d88 d89 grant grant_1, re
xtreg lscrap tothrs d88 d89 grant grant_1, re theta
scalar theta=1-sqrt(e(sigma_e)^2/(e(sigma_e)^2+3*e(sigma_u)^2))
display theta
xtreg lscrap tothrs d88 d89 grant grant_1, fe 
estimates store fixed
xtreg lscrap tothrs d88 d89 grant grant_1, re
estimates store random
hausman fixed random
