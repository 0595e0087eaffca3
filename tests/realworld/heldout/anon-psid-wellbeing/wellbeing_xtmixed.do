* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 35620048071 (a public GitHub .do file of a biostatistics course project, BIOS 512, on the well-being of young adults in a PSID supplement: person means by egen, BMI categories, box plots by year, centred age and year, a 50-person sample saved and merged back m:m for spaghetti plots with xtline, random-intercept xtmixed ..., var cov(un) reml fits of year and age, baseline age as a cohort effect, ML fits compared with lrtest, ssc install xtmrho and its ICCs, predict reffects/rstandard/fitted with qnorm, a Wald test of health's levels, marginal models with residuals(un|exc|toeplitz 1|ar 1, t(year)) and estat ic, and hand-made interaction terms; the index does not name the repository)
* author: unknown
* licence: none stated
* data: M:\PSID_WB.dta = psid_wellbeing
clear
use "M:\PSID_WB.dta"
log using BIOS512.log, replace
by id: egen meanwb = mean(wb)
twoway scatter meanwb bmi
twoway lfit meanwb bmi
gen BMICat=.
replace BMICat=2 if bmi>19 & bmi<25
replace BMICat=1 if bmi<=19
replace BMICat=3 if bmi>=25
tab BMICat, m
label var BMICat "label"
label define BMICat 1 "a" 2 "b" 3 "c"
label values BMICat BMICat
graph box wb, over(year)
graph box wb, over(year) by(sex) 
graph box wb, over(BMICat) 
graph box wb, over (race)
gen centage = age-17
label var centage "label"
sum centage
gen centyear = year-2005
label var centyear "label"
sum centyear
tabstat id year sex age vol volfreq health vigact lightact smoke alcohol spirit wb intuse race bmi, s(n mean sd min max) columns(s)
tabstat wb, by(year) s(n)
save "M:\PSID_WB.dta", replace
bysort id: gen count=_n
tab count
drop if count==1
keep id
sample 50, count
gen sample=1
save "sampledata2.dta", replace
use "M:\PSID_WB.dta"
merge m:m id using "sampledata2.dta"
tab id if _merge==3
tab _merge
xtmixed wb year if _merge==3 || id: , var cov(un) reml
xtline wb if _merge==3, t(year) i(id) overlay saving(graphF.gph,replace) legend(off)
xtmixed wb year || id: , var cov(un) reml
xtmixed wb age if _merge==3 || id: , var cov(un) reml
xtline wb if _merge==3, t(age) i(id) overlay saving(graphF.gph,replace) legend(off)
xtmixed wb age || id: , var cov(un) reml
corr age year
egen baseage = min(age), by(id)
gen centbaseage = baseage-17
xtmixed wb year || id: , var cov(un) ml
estimates store yearcheck
xtmixed wb || id:, var cov(un) ml
lrtest yearcheck .
xtmixed wb vol ib1.health spirit smoke alcohol c.intuse ib6.vigact ib6.lightact year i.sex i.race i.BMICat baseage || id:, var cov(un) reml
gen exercise=.
sort id
replace exercise=0 if lightact==6 & vigact==6
replace exercise=1 if lightact<6 & vigact==6
replace exercise=2 if lightact==6 & vigact<6
replace exercise=3 if lightact<6 & vigact<6
tab exercise, m
label var exercise "label"
label define exercise 0 "a" 1 "b" 2 "c" 3 "d"
label values exercise exercise
graph box wb, over(exercise)
corr exercise BMICat
xtmixed wb vol ib1.health spirit smoke c.intuse i.exercise year i.sex i.race i.BMICat || id:, var cov(un) reml
estat ic
gen exercise_binary=.
replace exercise_binary=0 if exercise==0
replace exercise_binary=1 if exercise>0 & exercise~=.
ssc install xtmrho, replace
xtmixed wb || id:, var cov(un) reml
xtmixed wb vol ib1.health spirit smoke exercise_binary c.intuse centyear  || id:, var cov(un) reml
xtmrho
di (2.94-2.83)/2.94
xtmixed wb vol ib1.health spirit smoke exercise_binary c.intuse i.sex i.race i.BMICat centyear centbaseage || id:, var cov(un) reml
xtmrho
di (2.8338-2.8334)/2.83
xtmixed wb vol ib1.health spirit smoke c.intuse i.sex i.race i.exercise_binary centyear i.BMICat centbaseage || id:, var cov(un) reml
estat ic
predict eblup*, reffects
bysort id: gen count=_n
histogram eblup if count==1
predict resid, rstandard
predict fitted, fitted
qnorm resid
scatter resid fitted
qui xtmixed wb vol ib1.health spirit smoke c.intuse i.sex i.race i.exercise_binary centyear i.BMICat centbaseage || id:, var cov(un) ml
estimates store final
qui xtmixed wb vol ib1.health spirit smoke c.intuse i.sex i.race i.exercise_binary centyear centbaseage || id:, var cov(un) ml
lrtest final .
qui xtmixed wb vol ib1.health spirit smoke c.intuse i.sex i.race i.exercise_binary centyear i.BMICat centbaseage || id:, var cov(un) reml
test 1.health 2.health 3.health 4.health 5.health
xtmixed wb vol ib1.health spirit smoke c.intuse i.BMICat sex age i.race centyear centbaseage || id:, nocons var residuals(un, t(year)) reml
estat ic
xtmixed wb vol ib1.health spirit smoke c.intuse i.BMICat sex i.race centyear centbaseage || id:, nocons var residuals(exc) reml
estat ic
xtmixed wb vol ib1.health spirit smoke c.intuse i.BMICat sex age i.race centyear centbaseage || id:, nocons var residuals(toeplitz 1, t(year)) reml
estat ic
xtmixed wb vol ib1.health spirit smoke c.intuse i.BMICat sex age i.race centyear centbaseage || id:, nocons var residuals(ar 1, t(year)) reml
estat ic
gen smokebaseage = smoke*centbaseage
xtmixed wb vol ib1.health spirit smoke c.intuse i.sex i.race i.exercise_binary centyear i.BMICat centbaseage smokebaseage || id:, var cov(un) reml
gen centagespirit = centage*spirit
xtmixed wb vol ib1.health spirit smoke c.intuse i.BMICat sex centage centagespirit i.race || id:, var cov(un) reml
xtmixed wb vol ib1.health spirit smoke c.intuse i.BMICat##exercise_binary sex centage i.race || id:, var cov(un) reml
gen centagesmoke = centage*smoke
xtmixed wb vol ib1.health spirit smoke c.intuse i.BMICat sex centage centagesmoke i.race || id:, var cov(un) reml
gen volhealth = vol*health
xtmixed wb vol ib1.health spirit smoke c.intuse i.BMICat sex year volhealth i.race || id:, var cov(un) reml
twoway lfit meanwb health, by(vol)
gen spirithealth = spirit*health
xtmixed wb vol ib1.health spirit smoke c.intuse i.BMICat sex year spirithealth i.race || id:, var cov(un) reml
gen sexspi = sex*spirit
xtmixed wb vol ib1.health spirit smoke c.intuse i.BMICat sex year sexspi i.race || id:, var cov(un) reml
twoway lfit meanwb spirit, by(sex)
gen sexvol = sex*vol
xtmixed wb vol ib1.health spirit smoke c.intuse i.BMICat sex year sexvol i.race || id:, var cov(un) reml
gen yearsex = year*sex
xtmixed wb vol ib1.health spirit smoke c.intuse i.BMICat sex year yearsex i.race || id:, var cov(un) reml
log close
