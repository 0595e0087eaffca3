* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 20101649051 (a public GitHub .do file, final project of a longitudinal data analysis course: anxiety of PSID Transition into Adulthood respondents over four waves, growth curve models with mixed; the index does not name the repository) (excerpt: from the complete-case selection on, with the cleaned wide file in memory; the renames, recodes and merges that built it, and the statsby block that replaces the data with per-person regressions before the models, left out)
* author: LianLian (Jessie) Chen (file header)
* licence: none stated
* preload: psid_anxiety_wide
drop if missing(anxiety1)
drop if missing(anxiety2)
drop if missing(anxiety3)
drop if missing(anxiety4)
drop if missing(active1)
drop if missing(active2)
drop if missing(active3)
drop if missing(active4)
drop if missing(employed1)
drop if missing(employed2)
drop if missing(employed3)
drop if missing(employed4)
drop if missing(salary1)
drop if missing(salary2)
drop if missing(salary3)
drop if missing(salary4)
drop if missing(goodhealth1)
drop if missing(goodhealth2)
drop if missing(goodhealth3)
drop if missing(goodhealth4)
drop if missing(bmi1)
drop if missing(bmi2)
drop if missing(bmi3)
drop if missing(bmi4)
drop if missing(race1)
drop if missing(education)
summarize anxiety*
tab1 active*
tab1 employed*
summarize salary*
tab1 goodhealth*	
summarize bmi*
tab race1
tab education 
reshape long anxiety active employed salary goodhealth bmi, i(PID) j(wave)
xtset PID wave
graph twoway scatter anxiety wave in 1/100, by(PID) ylabel(1(1)7) xlabel(1(1)4)
graph twoway (lowess anxiety wave)(scatter anxiety wave) in 1/100, by(PID) ylabel(1(1)7) xlabel(1(1)4)
graph twoway (lfit anxiety wave)(scatter anxiety wave)in 1/100, by(PID) ylabel(1(1)7) xlabel(1(1)4)
preserve
gen wave_c=(wave-1)
tab wave_c
egen grp=group(PID)
generate p2=.
forvalues i = 1/362 {
  quietly regress anxiety wave_c if grp==`i' 
  quietly predict p 
  quietly replace p2=p if grp==`i'
  quietly drop p
 }
graph twoway (scatter p2 wave_c, msym(i) connect(L))(lfit anxiety wave_c, ylabel(1(1)7) xlabel(0(1)3) lc(red) lwidth(thick) legend(lab (1 "a"))) 
mixed anxiety|| PID:,  var  mle
estat icc
estat ic
est store model_0
mixed anxiety wave_c || PID: wave_c, cov(un) 
estat ic
est store model_1
predict m2
graph twoway (line m2 wave_c, sort), xlabel(0 1 2 3) xtitle("t") ytitle("t")
mixed anxiety c.wave_c##i.active || PID: wave_c, var cov(un)
estat ic 
est store model_2
margins active, at(wave_c = (0(1)3))
marginsplot, noci xtitle("t") ytitle("t")
gen wave_employ = (employed*wave_c)
gen wave_salary = (salary*wave_c)
gen wave_gh = (goodhealth*wave_c)
gen wave_bmi = (bmi*wave_c)
mixed anxiety c.wave_c##i.active i.employed wave_employ c.salary wave_salary i.goodhealth wave_gh c.bmi wave_bmi i.race1 i.education|| PID: wave_c, cov(un) var mle
estat ic
est store model_3
margins active, at(wave_c = (0(1)3))
marginsplot, noci xtitle("t") ytitle("t")
margins employed, at(wave_c = (0(1)3))
marginsplot, noci xtitle("t") ytitle("t")
margins goodhealth, at(wave_c = (0(1)3))
marginsplot, noci xtitle("t") ytitle("t")
margins race1, at(wave_c = (0(1)3))
marginsplot, noci xtitle("t") ytitle("t")
margins education, at(wave_c = (0(1)3))
marginsplot, noci xtitle("t") ytitle("t")
margins, at(wave_c = (0(1)3) salary = (0(5000)15000))
marginsplot, noci xtitle("t") ytitle("t")
margins, at(wave_c = (0(1)3) bmi = (15.6(10)59.5))
marginsplot, noci xtitle("t") ytitle("t")
lrtest model_0 model_1
lrtest model_1 model_2
lrtest model_2 model_3
