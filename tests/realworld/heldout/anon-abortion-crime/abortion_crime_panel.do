* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 8422707227 (a public GitHub .do file, "stata analysis of US abortion and crime data": a state-by-year panel of crime rates, abortion rates weighted by the cohorts' exposure, unemployment, poverty and police employment -- log rates by generate, center ..., standardize (SSC), egen mean() by state, histograms with normal overlays combined and exported, tabstat by state, xtset ..., yearly and a lag, tsline plots of four states combined and exported to .eps, a collapse to yearly means under preserve with tsset and a local of graph options, Fisher-type xtunitroot with pperron, fixed-effects xtreg with i.year, predict xbu and e, xttest3 and xi: xtserial, random effects and hausman, aweighted fixed effects with vce(robust), esttab to .rtf with a local of options holding scalars() pairs, and pooled regress with the same weights; the index does not name the repository)
* author: unknown (paths in the file name a home-directory project "abortion_and_crime")
* licence: none stated
* data: abortion_and_crime.dta = abortion_crime_states
capture log close
local maindirectory "/home/x/abortion_and_crime/"
local datadirectory "`maindirectory'"
clear all
cd "`maindirectory'"
set mem 1000m
set matsize 800
set more off
set linesize 200
log using "`maindirectory'stata_analysis.log", replace
use "`datadirectory'abortion_and_crime.dta", clear
encode state, generate(state2)
drop population4
capture drop lgviolent lgproperty lgmurder lgrape lgrobbery lgassault lgburglary lglarceny lgauto lgunemp lgpovpercent laglgpolicerate stdabort pop_mean
gen lgviolent = log(violent)
gen lgproperty = log(property)
gen lgmurder = log(murder)
gen lgrape = log(rape)
gen lgrobbery = log(robbery)
gen lgassault = log(assault)
gen lgburglary = log(burglary)
gen lglarceny = log(larceny)
gen lgauto = log(auto)
gen policerate = numpolice / (population2/1000)
gen lgpolicerate = log(policerate)
gen lgunemp = log(unemp)
gen lgpovpercent = log(povpercent)
capture drop lgabort_assault lgabort_violent lgabort_murder lgabort_rape lgabort_robbery lgabort_property lgabort_burglary lgabort_larceny lgabort_auto
gen lgabort_assault = log(abortw1_assault)
gen lgabort_violent = log(abortw1_violent)
gen lgabort_murder = log(abortw1_murder)
gen lgabort_rape = log(abortw1_rape)
gen lgabort_robbery = log(abortw1_robbery)
gen lgabort_property = log(abortw1_property)
gen lgabort_burglary = log(abortw1_burglary)
gen lgabort_larceny = log(abortw1_larceny)
gen lgabort_auto = log(abortw1_auto)
center abortratio_inout, standardize generate(stdabort)
egen pop_mean = mean(population2), by(state2)
histogram unemp, percent normal xtitle(x) xlabel(#10) name(gunemp)
histogram povpercent, percent normal xtitle(x) xlabel(#10) name(gpovpercent)
histogram abortratio_inout, percent normal xtitle(x) xlabel(#10) name(gabortion)
histogram policerate, percent normal xtitle(x) xlabel(#10) name(gpolicerate)
graph combine gunemp gpovpercent gabortion gpolicerate, rows(2) cols(2) name(gindepvars)
graph export "x1.png", replace
graph drop _all
histogram violent, percent normal xtitle(x) xlabel(#10) name(gviolent)
histogram property, percent normal xtitle(x) xlabel(#10) name(gproperty)
histogram murder, percent normal xtitle(x) xlabel(#10) name(gmurder)
histogram rape, percent normal xtitle(x) xlabel(#10) name(grape)
histogram robbery, percent normal xtitle(x) xlabel(#10) name(grobbery)
histogram assault, percent normal xtitle(x) xlabel(#10) name(gassault)
histogram burglary, percent normal xtitle(x) xlabel(#10) name(gburglary)
histogram larceny, percent normal xtitle(x) xlabel(#10) name(glarceny)
histogram auto, percent normal xtitle(x) xlabel(#10) name(gauto)
graph combine gviolent gproperty gmurder grape grobbery gassault gburglary glarceny gauto, rows(3) cols(3) name(gcrimehis)
graph export "x2.png", replace name(gcrimehis)
sum unemp povpercent abortratio_inout
sum violent property rape murder robbery burglary assault auto larceny
tabstat unemp povpercent abortratio_inout, by(state2)
tabstat violent property rape murder robbery burglary assault auto larceny, by(state2)
xtset state2 year, yearly
gen laglgpolicerate = L.lgpolicerate
graph drop _all
tsline abortratio_inout if state=="new york" && year > 1960, title( x) xtitle(x) ytitle(x) name(gnewyorkabort)
tsline abortratio_inout if state=="california" && year > 1960, title( x) xtitle(x) ytitle(x) name(gcaliforniaabort)
tsline abortratio_inout if state=="florida" && year > 1960, title( x) xtitle(x) ytitle(x) name(gfloridaabort)
tsline abortratio_inout if state=="texas" && year > 1960, title( x) xtitle(x) ytitle(x) name(gtexasabort)
graph combine gnewyorkabort gcaliforniaabort gfloridaabort gtexasabort, rows(2) cols(2) name(gtsabort)
graph export "x3.eps", replace name(gtsabort)
tsline robbery if state=="new york" && year > 1960, title( x) xtitle(x) ytitle(x) name(gnewyorkrobbery)
tsline robbery if state=="california" && year > 1960, title( x) xtitle(x) ytitle(x) name(gcaliforniarobbery)
tsline robbery if state=="florida" && year > 1960, title( x) xtitle(x) ytitle(x) name(gfloridarobbery)
tsline robbery if state=="texas" && year > 1960, title( x) xtitle(x) ytitle(x) name(gtexasrobbery)
graph combine gnewyorkrobbery gcaliforniarobbery gfloridarobbery gtexasrobbery, rows(2) cols(2) name(gtsrobbery)
graph export "x4.eps", replace name(gtsrobbery)
tsline violent if state=="new york" && year > 1960, title( x) xtitle(x) ytitle(x) name(gnewyorkviolent)
tsline violent if state=="california" && year > 1960, title( x) xtitle(x) ytitle(x) name(gcaliforniaviolent)
tsline violent if state=="florida" && year > 1960, title( x) xtitle(x) ytitle(x) name(gfloridaviolent)
tsline violent if state=="texas" && year > 1960, title( x) xtitle(x) ytitle(x) name(gtexasviolent)
graph combine gnewyorkviolent gcaliforniaviolent gfloridaviolent gtexasviolent, rows(2) cols(2) name(gtsviolent)
graph export "x5.eps", replace name(gtsviolent)
tsline murder if state=="new york" && year > 1960, title( x) xtitle(x) ytitle(x) name(gnewyorkmurder)
tsline murder if state=="california" && year > 1960, title( x) xtitle(x) ytitle(x) name(gcaliforniamurder)
tsline murder if state=="florida" && year > 1960, title( x) xtitle(x) ytitle(x) name(gfloridamurder)
tsline murder if state=="texas" && year > 1960, title( x) xtitle(x) ytitle(x) name(gtexasmurder)
graph combine gnewyorkmurder gcaliforniamurder gfloridamurder gtexasmurder, rows(2) cols(2) name(gtsmurder)
graph export "x6.eps", replace name(gtsmurder)
tsline rape if state=="new york" && year > 1960, title( x) xtitle(x) ytitle(x) name(gnewyorkrape)
tsline rape if state=="california" && year > 1960, title( x) xtitle(x) ytitle(x) name(gcaliforniarape)
tsline rape if state=="florida" && year > 1960, title( x) xtitle(x) ytitle(x) name(gfloridarape)
tsline rape if state=="texas" && year > 1960, title( x) xtitle(x) ytitle(x) name(gtexasrape)
graph combine gnewyorkrape gcaliforniarape gfloridarape gtexasrape, rows(2) cols(2) name(gtsrape)
graph export "x7.eps", replace name(gtsrape)
tsline larceny if state=="new york" && year > 1960, title( x) xtitle(x) ytitle(x) name(gnewyorklarceny)
tsline larceny if state=="california" && year > 1960, title( x) xtitle(x) ytitle(x) name(gcalifornialarceny)
tsline larceny if state=="florida" && year > 1960, title( x) xtitle(x) ytitle(x) name(gfloridalarceny)
tsline larceny if state=="texas" && year > 1960, title( x) xtitle(x) ytitle(x) name(gtexaslarceny)
graph combine gnewyorklarceny gcalifornialarceny gfloridalarceny gtexaslarceny, rows(2) cols(2) name(gtslarceny)
graph export "x8.eps", replace name(gtslarceny)
tsline burglary if state=="new york" && year > 1960, title( x) xtitle(x) ytitle(x) name(gnewyorkburglary)
tsline burglary if state=="california" && year > 1960, title( x) xtitle(x) ytitle(x) name(gcaliforniaburglary)
tsline burglary if state=="florida" && year > 1960, title( x) xtitle(x) ytitle(x) name(gfloridaburglary)
tsline burglary if state=="texas" && year > 1960, title( x) xtitle(x) ytitle(x) name(gtexasburglary)
graph combine gnewyorkburglary gcaliforniaburglary gfloridaburglary gtexasburglary, rows(2) cols(2) name(gtsburglary)
graph export "x9.eps", replace name(gtsburglary)
tsline auto if state=="new york" && year > 1960, title( x) xtitle(x) ytitle(x) name(gnewyorkauto)
tsline auto if state=="california" && year > 1960, title( x) xtitle(x) ytitle(x) name(gcaliforniaauto)
tsline auto if state=="florida" && year > 1960, title( x) xtitle(x) ytitle(x) name(gfloridaauto)
tsline auto if state=="texas" && year > 1960, title( x) xtitle(x) ytitle(x) name(gtexasauto)
graph combine gnewyorkauto gcaliforniaauto gfloridaauto gtexasauto, rows(2) cols(2) name(gtsauto)
graph export "x10.eps", replace name(gtsauto)
tsline property if state=="new york" && year > 1960, title( x) xtitle(x) ytitle(x) name(gnewyorkproperty)
tsline property if state=="california" && year > 1960, title( x) xtitle(x) ytitle(x) name(gcaliforniaproperty)
tsline property if state=="florida" && year > 1960, title( x) xtitle(x) ytitle(x) name(gfloridaproperty)
tsline property if state=="texas" && year > 1960, title( x) xtitle(x) ytitle(x) name(gtexasproperty)
graph combine gnewyorkproperty gcaliforniaproperty gfloridaproperty gtexasproperty, rows(2) cols(2) name(gtsproperty)
graph export "x11.eps", replace name(gtsproperty)
tsline assault if state=="new york" && year > 1960, title( x) xtitle(x) ytitle(x) name(gnewyorkassault)
tsline assault if state=="california" && year > 1960, title( x) xtitle(x) ytitle(x) name(gcaliforniaassault)
tsline assault if state=="florida" && year > 1960, title( x) xtitle(x) ytitle(x) name(gfloridaassault)
tsline assault if state=="texas" && year > 1960, title( x) xtitle(x) ytitle(x) name(gtexasassault)
graph combine gnewyorkassault gcaliforniaassault gfloridaassault gtexasassault, rows(2) cols(2) name(gtsassault)
graph export "x12.eps", replace name(gtsassault)
graph combine gtsrobbery gtsviolent gtsmurder gtsrape gtslarceny gtsauto gtsburglary gtsassault gtsproperty,rows(3) cols(3) name(gtsallcrime)
graph export "x13.eps", replace name(gtsallcrime)
tsline unemp if state=="california" && year > 1960, title(x) xtitle(x) ytitle(x) name(gcaliforniaunemp)
tsline povpercent if state=="california" && year > 1960, title(x) xtitle(x) ytitle(x) name(gcaliforniapovpercent)
tsline policerate if state=="california" && year > 1960, title(x) xtitle(x) ytitle(x) name(gcaliforniapolicerate)
graph combine gcaliforniaunemp gcaliforniapovpercent gcaliforniapolicerate, rows(2) cols(2) name(gtscalifornia)
graph export "x14.eps", replace name(gtscalifornia)
preserve
collapse (mean) violent property murder rape robbery assault burglary larceny auto, by(year)
tsset year, yearly
graph drop _all
local crimetsopts "xtitle(x) ytitle(x)"
tsline violent, title(x) `crimetsopts' name(gtsviolent)
tsline property, title(x) `crimetsopts' name(gtsproperty)
tsline murder, title(x) `crimetsopts' name(gtsmurder)
tsline rape, title(x) `crimetsopts' name(gtsrape)
tsline robbery, title(x) `crimetsopts' name(gtsrobbery)
tsline assault, title(x) `crimetsopts' name(gtsassault)
tsline burglary, title(x) `crimetsopts' name(gtsburglary)
tsline larceny, title(x) `crimetsopts' name(gtslarceny)
tsline auto, title(x) `crimetsopts' name(gtsauto)
graph combine gtsviolent gtsproperty gtsmurder gtsrape gtsrobbery gtsassault gtsburglary gtslarceny gtsauto, rows(3) cols(3) name(gtscrime)
graph export "x15.eps", replace name(gtscrime)
restore
xtunitroot fisher unemp, lags(2) pperron
xtunitroot fisher abortratio_inout, lags(2) pperron
xtunitroot fisher povpercent, lags(2) pperron
xtunitroot fisher policerate, lags(2) pperron
xtreg lgrobbery abortw1_robbery unemp povpercent laglgpolicerate i.year, fe
estimates store femodel
capture drop fit1 fit2 resid1 resid2
predict fit1, xbu
predict resid1, e
xttest3
xi: xtserial lgrobbery abortw1_robbery unemp povpercent lgpolicerate i.year
graph drop _all
scatter resid1 fit1, name(gresids1) title(x)
scatter resid1 abortw1_robbery, name(gresids2) title(x)
graph export "x16.eps", name(gresids1) replace
graph export "x17.eps", name(gresids2) replace
xtreg lgrobbery abortw1_robbery unemp povpercent laglgpolicerate i.year, re
estimates store remodel
hausman femodel remodel
xtreg lgrobbery abortw1_robbery unemp povpercent laglgpolicerate i.year [aweight=pop_mean], fe vce(robust)
estimates store femodel1
xtreg lgrobbery abortw1_robbery unemp povpercent laglgpolicerate [aweight=pop_mean], fe vce(robust)
estimates store femodel2
xtreg lgrobbery abortw1_robbery unemp povpercent [aweight=pop_mean], fe vce(robust)
estimates store femodel3
xtreg lgrobbery abortw1_robbery [aweight=pop_mean], fe vce(robust)
estimates store femodel4
local xttableopts nogap se star(* 0.1 ** 0.05 *** 0.01) drop(*year*) replace scalars("F F" "p p-value" "r2_w R^2 within" "r2_b R^2 between" "r2_o R^2 overall" "r2_a adjusted R^2")
esttab femodel1 femodel2 femodel3 femodel4 using t1.rtf, `xttableopts'
xtreg lgrobbery abortw1_robbery unemp povpercent laglgpolicerate i.year [aweight=pop_mean], fe vce(robust)
estimate store robberymodel
xtreg lgmurder abortw1_murder unemp povpercent laglgpolicerate i.year [aweight=pop_mean], fe vce(robust)
estimate store murdermodel
xtreg lgrape abortw1_rape unemp povpercent laglgpolicerate i.year [aweight=pop_mean], fe vce(robust)
estimate store rapemodel
xtreg lgassault abortw1_assault unemp povpercent laglgpolicerate i.year [aweight=pop_mean], fe vce(robust)
estimate store assaultmodel
xtreg lgproperty abortw1_property unemp povpercent laglgpolicerate i.year [aweight=pop_mean], fe vce(robust)
estimate store propertymodel
xtreg lglarceny abortw1_larceny unemp povpercent laglgpolicerate i.year [aweight=pop_mean], fe vce(robust)
estimate store larcenymodel
xtreg lgviolent abortw1_violent unemp povpercent laglgpolicerate i.year [aweight=pop_mean], fe vce(robust)
estimate store violentmodel
xtreg lgauto abortw1_auto unemp povpercent laglgpolicerate i.year [aweight=pop_mean], fe vce(robust)
estimate store automodel
xtreg lgburglary abortw1_burglary unemp povpercent laglgpolicerate i.year [aweight=pop_mean], fe vce(robust)
estimate store burglarymodel
esttab robberymodel murdermodel rapemodel assaultmodel propertymodel using t2.rtf, `xttableopts'
esttab larcenymodel violentmodel automodel burglarymodel using t3.rtf, `xttableopts'
reg lgrobbery abortw1_robbery unemp povpercent laglgpolicerate i.year [aweight=pop_mean], vce(robust)
estimate store robberymodel2
reg lgmurder abortw1_murder unemp povpercent laglgpolicerate i.year [aweight=pop_mean], vce(robust)
estimate store murdermodel2
reg lgrape abortw1_rape unemp povpercent laglgpolicerate i.year [aweight=pop_mean], vce(robust)
estimate store rapemodel2
reg lgassault abortw1_assault unemp povpercent laglgpolicerate i.year [aweight=pop_mean], vce(robust)
estimate store assaultmodel2
reg lgproperty abortw1_property unemp povpercent laglgpolicerate i.year [aweight=pop_mean], vce(robust)
estimate store propertymodel2
reg lglarceny abortw1_larceny unemp povpercent laglgpolicerate i.year [aweight=pop_mean], vce(robust)
estimate store larcenymodel2
reg lgviolent abortw1_violent unemp povpercent laglgpolicerate i.year [aweight=pop_mean], vce(robust)
estimate store violentmodel2
reg lgauto abortw1_auto unemp povpercent laglgpolicerate i.year [aweight=pop_mean], vce(robust)
estimate store automodel2
reg lgburglary abortw1_burglary unemp povpercent laglgpolicerate i.year [aweight=pop_mean], vce(robust)
estimate store burglarymodel2
local tableopts nogap se star(* 0.1 ** 0.05 *** 0.01) drop(*year*) replace scalars("F F" "p p-value" "r2 R^2" "r2_a Adjusted R^2")
esttab robberymodel2 murdermodel2 rapemodel2 assaultmodel2 propertymodel2 using t4.rtf, `tableopts'
esttab larcenymodel2 violentmodel2 automodel2 burglarymodel2 using t5.rtf, `tableopts'
