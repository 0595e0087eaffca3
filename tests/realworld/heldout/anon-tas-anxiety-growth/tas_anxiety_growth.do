* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 20101649051 (a public GitHub .do file, final project of a longitudinal data analysis course: anxiety across four waves of the PSID Transition into Adulthood Supplement and light physical activity, employment, earnings, self-rated health and BMI: keep/order/save of the recoded wide file, twenty-six drop if missing(), summarize/tab1 with wildcards, reshape long six stubs, xtset, growth plots scatter/lowess/lfit ... in 1/100, by(PID), preserve, per-person OLS trajectories in a forvalues loop of quietly regress/predict/replace, statsby _b[] _se[] (e(rmse)^2) e(r2), by() saving(): regress, clear all, use, list, clean, rename _stat_#, correlate, then mixed || PID:, var mle, estat icc, estat ic, est store, the unconditional growth model mixed ... || PID: wave_c, cov(un), predict, twoway line, c.wave_c##i.active, hand-made wave interactions, margins x, at(wave_c = (0(1)3)) and at() of two variables with numlists, marginsplot, noci, lrtest of nested models; the index does not name the repository) (excerpt: from the recoded wide file on; the renames of the raw PSID variables, the merge with the anxiety file and the recode/mvdecode section left out, their result preloaded)
* author: LianLian (Jessie) Chen (file header)
* licence: none stated
* preload: tas_anxiety_wide
sort PID
keep PID anxiety1 anxiety2 anxiety3 anxiety4 active1 active2 active3 active4 employed1 employed2 employed3 employed4 salary1 salary2 salary3 salary4 goodhealth1 goodhealth2 goodhealth3 goodhealth4 bmi1 bmi2 bmi3 bmi4 race1 race2 race3 race4 education
order PID anxiety1 anxiety2 anxiety3 anxiety4 active1 active2 active3 active4 employed1 employed2 employed3 employed4 salary1 salary2 salary3 salary4 goodhealth1 goodhealth2 goodhealth3 goodhealth4 bmi1 bmi2 bmi3 bmi4 race1 race2 race3 race4 education
save final_data.dta, replace
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
graph twoway (scatter p2 wave_c, msym(i) connect(L))(lfit anxiety wave_c, ylabel(1(1)7) xlabel(0(1)3) lc(red) lwidth(thick) legend(lab (1 "text")))
* mlm-added: the author fitted the models below on this long file (wave_c), though the lines between load the statsby results; keep it for them
save tas_long_models, replace
statsby _b[_cons] _se[_cons] _b[wave_c] _se[wave_c] (e(rmse)^2) e(r2), by(PID) saving(final_data2): regress anxiety wave_c
clear all
use final_data2
list, clean
rename _stat_1 intercept
rename _stat_3 slope
save final_data2, replace
sum intercept slope
correlate intercept slope
* mlm-added: back to the long file the author's models use (see above)
use tas_long_models, clear
mixed anxiety|| PID:, var mle
estat icc
estat ic
est store model_0
mixed anxiety wave_c || PID: wave_c, cov(un)
estat ic
est store model_1
predict m2
graph twoway (line m2 wave_c, sort), xlabel(0 1 2 3) xtitle("text") ytitle("text")
mixed anxiety c.wave_c##i.active || PID: wave_c, var cov(un)
estat ic
est store model_2
margins active, at(wave_c = (0(1)3))
marginsplot, noci xtitle("text") ytitle("text")
gen wave_employ = (employed*wave_c)
gen wave_salary = (salary*wave_c)
gen wave_gh = (goodhealth*wave_c)
gen wave_bmi = (bmi*wave_c)
mixed anxiety c.wave_c##i.active i.employed wave_employ c.salary wave_salary i.goodhealth wave_gh c.bmi wave_bmi i.race1 i.education|| PID: wave_c, cov(un) var mle
estat ic
est store model_3
margins active, at(wave_c = (0(1)3))
marginsplot, noci xtitle("text") ytitle("text")
margins employed, at(wave_c = (0(1)3))
marginsplot, noci xtitle("text") ytitle("text")
margins goodhealth, at(wave_c = (0(1)3))
marginsplot, noci xtitle("text") ytitle("text")
margins race1, at(wave_c = (0(1)3))
marginsplot, noci xtitle("text") ytitle("text")
margins education, at(wave_c = (0(1)3))
marginsplot, noci xtitle("text") ytitle("text")
margins, at(wave_c = (0(1)3) salary = (0(5000)15000))
marginsplot, noci xtitle("text") ytitle("text")
margins, at(wave_c = (0(1)3) bmi = (15.6(10)59.5))
marginsplot, noci xtitle("text") ytitle("text")
lrtest model_0 model_1
lrtest model_1 model_2
lrtest model_2 model_3
