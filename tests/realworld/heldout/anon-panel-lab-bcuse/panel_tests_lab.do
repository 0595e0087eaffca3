* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 3706459240 (a public GitHub .do file of a 2017 panel-data lab on Wooldridge's JTRAIN and WAGEPAN loaded with bcuse: tsset ..., yearly, LSDV regress with i.fcode, areg absorb(), reghdfe, xtreg fe; pooled/fe/re stored and compared with est table drop(d81-d87), hausman, xttest0, xttest3, xtserial, xtreg fe robust / cluster(), xtregar fe; the index does not name the repository)
* author: unknown
* licence: none stated
* data: jtrain = jtrain_panel
* data: wagepan = wagepan_full
clear all
set more off
bcuse jtrain, clear
tsset fcode year, yearly
reg lscrap d88 d89 grant grant_1 i.fcode
areg lscrap d88 d89 grant grant_1, absorb(fcode)
reghdfe lscrap d88 d89 grant grant_1, absorb(fcode)
xtreg lscrap d88 d89 grant grant_1, fe
bcuse wagepan, clear
tsset nr year, yearly
reg lwage educ black hisp exper expersq married union d81-d87
est store pooled
xtreg lwage educ black hisp exper expersq married union d81-d87, fe
est store fixed
xtreg lwage educ black hisp exper expersq married union d81-d87, re
est store random
est table pooled fixed random, drop(d81-d87)
hausman fixed random 
xtreg lwage educ black hisp exper expersq married union d81-d87, re
xttest0
xtreg lwage educ black hisp exper expersq married union d81-d87, fe
xttest3
xtserial lwage educ black hisp exper expersq married union d81-d87
xtreg lwage educ black hisp exper expersq married union d81-d87, fe robust
xtreg lwage educ black hisp exper expersq married union d81-d87, fe cluster(nr)
xtregar lwage educ black hisp exper expersq married union d81-d87, fe
