* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 23870786201 (a public GitHub .do file, "Workshop 7: Panel Data Models", 2 Dec 2022: pooled OLS, within estimation by hand and with xtreg, LSDV, random effects, esttab, Hausman and first differences on the PSID wage panel; the index does not name the repository)
* author: unknown
* licence: none stated
* data: wagecps.dta = psid_extract
clear all
set more off
cap log close
log using workshop_paneldata.log, replace
use wagecps.dta
describe
summarize
browse
list id t exp wks occ in 1/21
xtset id t
order id t
xtdescribe
xtsum lwage exp ed wks id t
twoway scatter lwage t
xtline lwage if id < 10
xtline lwage if id < 10, overlay
reg lwage ed exp exp2 wks
reg lwage ed exp exp2 wks, vce(cluster id)
estimates store pooledOLS
egen mlwage = mean(lwage), by(id)
egen mexp = mean(exp), by(id)
egen mexp2 = mean(exp2), by(id)
egen mwks = mean(wks), by(id)
egen med = mean(ed), by(id)
gen dmlwage = lwage-mlwage
gen dmexp = exp-mexp
gen dmexp2 = exp2-mexp2
gen dmwks = wks-mwks
gen dmed = ed-med
sort id t
list id t lwage mlwage dmlwage in 1/21, sep(7)
reg dmlwage dmed dmexp dmexp2 dmwks
xtreg lwage ed exp exp2 wks, fe
estimates store within
reg lwage exp exp2 wks i.id
xtreg lwage ed exp exp2 wks, re
estimates store randeff
estimates table pooledOLS within randeff
esttab pooledOLS within randeff, replace cells(b(star fmt(3)) se(par fmt(3))) r2(3) star(* 0.10 ** 0.05 *** 0.01) mtitles("OLS" "FE" "RE")
hausman within randeff
xtreg lwage c.ed##i.t exp exp2 wks, fe
sort id t
gen Dlwage = D.lwage
gen Dexp = D.exp
gen Dexp2 = D.exp2
gen Dwks = D.wks
gen Ded = D.ed
reg Dlwage Ded Dexp Dexp2 Dwks
reg D.lwage D.ed D.exp D.exp2 D.wks
log close
