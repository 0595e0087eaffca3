* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:Zahedasghar/impact_evaluation@f804851f454e7993f652c2a40befba2e57515c43 stata_panel.do and Seatbelts.do, then iv.do (commit 852f46090172b04d438a71ad85152df76d44cb2e), one after the other (an applied-econometrics course's panel and IV files: a state traffic-fatality panel read from Excel, xtset with a string variable, encode, pooled, two-way and areg fits, xtreg fe/re stored and hausman; Stock and Watson's seat-belt panel with areg absorb() robust and a log; Stock and Watson's chapter-12 cigarette demand with lags by subscript, ivreg with robust errors and an over-identification statistic by hand)
* author: Zahid Asghar (paths in the files)
* licence: none stated
* data: telephone.csv.xlsx = cellphone_deaths
* data: Seat Belt data.dta = seatbelts_sw
* data: cig_ch10.dat.dta = cig_ch10
import excel "D:\RepTemplates\econometrics\telephone.csv.xlsx", sheet("Sheet1") firstrow
desc
br
* mlm-expect: r(109)
xtset year state
encode state, gen(state1)
xtset year state1
rename DeathsPerBillionMiles deaths
rename  cell_per10thous_pop cell_plan
reg deaths cell_ban
reg deaths text_ban
* mlm-expect: r(111)
twoway (scatter deaths cell_per10thous_pop)
* mlm-expect: r(111)
twoway (scatter deaths cell_per10thous_pop) || lfit deaths cell_per10thous_pop
reg deaths text_ban i.year
areg deaths text_ban i.year , absorb(state)
reg deaths text_ban i.year
areg deaths text_ban i.year, absorb(state)
xtset year state1
xtreg deaths text_ban ,fe
reg deaths text_ban i.state1
xtreg deaths text_ban ,re
estimates store fixed
xtreg deaths text_ban ,fe
estimates store fixed
xtreg deaths text_ban ,re
estimates store random
hausman fixed random
log using "C:\Users\x\Dropbox\course\data\ch.10.seatbelts.smcl"
* mlm-added: the seat-belt file ran in its own session; the panel file's data are still in memory here
clear
use "C:\Users\x\Dropbox\course\data\Seat Belt data.dta" 
gen logincome=ln(income)
reg  fatalityrate sb_useage speed65 speed70 ba08 drinkage21 logincome age
areg  fatalityrate sb_useage speed65 speed70 ba08 drinkage21 logincome age, absorb(state) r
areg  fatalityrate sb_useage speed65 speed70 ba08 drinkage21 logincome age i.year, absorb(state) r
areg  sb_useage  primary secondary speed65 speed70 ba08 drinkage21 logincome age i.year, absorb(state) r
areg  fatalityrate sb_useage  primary secondary speed65 speed70 ba08 drinkage21 logincome age i.year, absorb(state) r
log close
clear
cap log close
log using ch12.log,replace
set more 1
 use "C:\Users\x\Dropbox\course\data\cig_ch10.dat.dta", clear
sort state year
gen ravgprs = avgprs/cpi
 label var ravgpr "text"
gen rtax = tax/cpi
 label var rtax "text"
gen rtaxs = taxs/cpi
 label var rtaxs "text"
gen rtaxso = rtaxs-rtax
 label var rtaxso "text"
gen lpackpc = log(packpc)
gen lravgprs = log(ravgprs)
gen perinc = income/(pop*cpi)
gen lperinc = log(perinc)
encode state, gen(snum)
gen ltpackpc = log(packpc/packpc[_n-1])
gen ltavgprs = log(ravgprs/ravgprs[_n-1])
gen ltperinc = log(perinc/perinc[_n-1])
gen dtrtaxs  = rtaxs-rtaxs[_n-1]
gen dtrtax   = rtax-rtax[_n-1]
gen dtrtaxso = rtaxso-rtaxso[_n-1]
gen dlpackpc = log(packpc/packpc[_n-10])
gen dlavgprs = log(avgprs/avgprs[_n-10])
 gen dlperinc = log(perinc/perinc[_n-10])
 gen drtaxs  = rtaxs-rtaxs[_n-10]
 gen drtax   = rtax-rtax[_n-10]
 gen drtaxso = rtaxso-rtaxso[_n-10]
keep if year==1995
reg lravgprs rtaxso, r
reg lpackpc lravgprs, r
ivreg lpackpc (lravgprs = rtaxso), r
ivreg lpackpc (lravgprs = rtaxso) lperinc, r
ivreg lpackpc (lravgprs = rtaxso rtaxs) lperinc, r
reg ltpackpc ltavgprs ltperinc,r
ivreg ltpackpc (ltavgprs = dtrtaxso)  ltperinc, r
reg ltavgprs dtrtaxso ltperinc, r
test dtrtaxso
ivreg ltpackpc (ltavgprs = dtrtax)  ltperinc, r
reg ltavgprs dtrtax ltperinc, r
test dtrtax
ivreg ltpackpc (ltavgprs = dtrtax dtrtaxso) ltperinc, r
predict e, resid
* mlm-expect: r(111)
 reg e dtrtaxso dtrtax ltperinc drop e
* mlm-expect: r(111)
 qui test dtrtaxso dtrtax
    dis "text:  " r(df)*r(F)
* mlm-expect: r(199)
     _skip(10) "text:  "  chiprob(r(df)-1,r(df)*r(F)) " -----"
reg ltavgprs dtrtax dtrtaxso ltperinc, r
test dtrtax dtrtaxso
log close

exit
