* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 71185557070 (a public GitHub .do file of the analysis plan of a multi-hospital sepsis cohort, whether receiving mostly balanced crystalloid fluids during resuscitation is associated with 30-day mortality: log using, import sas of each cohort's SAS extract with keep if of those given at least a litre of fluid, restricted cubic-free linear splines of creatinine, lactate, PaO2/FiO2, age and BMI by mkspline stub # = x, pctile displayknots, a random-intercept melogit over hospitals with ib0. of the exposure, the spline pieces through c.stub? wildcards, c.spl_creatinine?##KidneyDisease (the creatinine pieces again with their interactions), ib2./ib1. vital-sign categories and or; putexcel set ..., sheet() modify and putexcel A1=matrix(r(table)), names after the model, margins exposure, post and its r(table), nlcom of the risk difference _b[1.x] - _b[0.x] and its r(table); categorical 20% and 25% versions of the exposure with ib1. and nlcom of each level against the first; the secondary outcomes: in-hospital mortality, length of stay by poisson and renal replacement therapy; the index does not name the repository) (excerpt: the 48-hour primary cohort with its categorical versions, subgroup 1 of seven, the 6-hour primary cohort, and the 48-hour secondary outcomes; the other six 48-hour and seven 6-hour subgroups and the 6-hour secondary outcomes repeat the same lines on other extracts and are left out)
* author: E Walzl (file header), 2026
* licence: none stated
* data: [filepath]\primarycohort_data_10plus.sas7bdat = sepsis_fluid_primary
* data: [filepath]\subgroup1_data_10plus.sas7bdat = sepsis_fluid_shock
* data: [filepath]\secondarycohort_data_10plus.sas7bdat = sepsis_fluid_secondary
log using "log1"
import sas using "[filepath]\primarycohort_data_10plus.sas7bdat", clear
keep if other48 >= 1000
	mkspline spl_creatinine 5 = creatinine_high, pctile displayknots
	mkspline spl_lactate 5 = lactatemax_draw, pctile displayknots
	mkspline spl_ratiomin 4 = ratio_min, pctile displayknots
	mkspline spl_age 4 = age, pctile displayknots
	mkspline spl_BMI 5 = BMI_calculated, pctile displayknots
 melogit mortality_30day ib0.balancemeasure48 c.spl_age? male postacutecare priorhosp KidneyDisease SevereLiverDisease CHF Metastatic mortality_predicted c.spl_BMI? c.spl_lactate? c.spl_creatinine? c.spl_creatinine?##KidneyDisease c.spl_ratiomin? ib2.max_temp ib2.max_HR ib1.max_RR mechvent_6hr alter_mental_status || hosp: , or
 putexcel set "results.xlsx", sheet(Prim48) modify
 putexcel A1=matrix(r(table)), names
 margins balancemeasure48, post 
 putexcel A20=matrix(r(table)), names
 nlcom _b[1.balancemeasure48] - _b[0.balancemeasure48]
 putexcel G20=matrix(r(table)), names
	melogit mortality_30day ib1.balance_48_cat c.spl_age? male postacutecare priorhosp KidneyDisease SevereLiverDisease CHF Metastatic mortality_predicted c.spl_BMI? c.spl_lactate? c.spl_creatinine? c.spl_creatinine?##KidneyDisease c.spl_ratiomin? ib2.max_temp ib2.max_HR ib1.max_RR mechvent_6hr alter_mental_status || hosp: , or
	margins balance_48_cat, post 
	nlcom _b[2.balance_48_cat] - _b[1.balance_48_cat]
	nlcom _b[3.balance_48_cat] - _b[1.balance_48_cat]
	nlcom _b[4.balance_48_cat] - _b[1.balance_48_cat]
	nlcom _b[5.balance_48_cat] - _b[1.balance_48_cat]
	melogit mortality_30day ib1.balance_48_cat_25 c.spl_age? male postacutecare priorhosp KidneyDisease SevereLiverDisease CHF Metastatic mortality_predicted c.spl_BMI? c.spl_lactate? c.spl_creatinine? c.spl_creatinine?##KidneyDisease c.spl_ratiomin? ib2.max_temp ib2.max_HR ib1.max_RR mechvent_6hr alter_mental_status || hosp: , or
	margins balance_48_cat_25, post 
	nlcom _b[2.balance_48_cat_25] - _b[1.balance_48_cat_25]
	nlcom _b[3.balance_48_cat_25] - _b[1.balance_48_cat_25]
	nlcom _b[4.balance_48_cat_25] - _b[1.balance_48_cat_25]
import sas using "[filepath]\subgroup1_data_10plus.sas7bdat", clear
keep if other48 >= 1000
	mkspline spl_creatinine 5 = creatinine_high, pctile displayknots
	mkspline spl_lactate 5 = lactatemax_draw, pctile displayknots
	mkspline spl_ratiomin 4 = ratio_min, pctile displayknots
	mkspline spl_age 4 = age, pctile displayknots
	mkspline spl_BMI 5 = BMI_calculated, pctile displayknots
 melogit mortality_30day ib0.balancemeasure48 c.spl_age? male postacutecare priorhosp KidneyDisease SevereLiverDisease CHF Metastatic mortality_predicted c.spl_BMI? c.spl_lactate? c.spl_creatinine? c.spl_creatinine?##KidneyDisease c.spl_ratiomin? ib2.max_temp ib2.max_HR ib1.max_RR mechvent_6hr alter_mental_status || hosp: , or
 putexcel set "results.xlsx", sheet(Sub1_48) modify
 putexcel A1=matrix(r(table)), names
 margins balancemeasure48, post 
 putexcel A20=matrix(r(table)), names
 nlcom _b[1.balancemeasure48] - _b[0.balancemeasure48]
 putexcel G20=matrix(r(table)), names
import sas using "[filepath]\secondarycohort_data_10plus.sas7bdat", clear
keep if other6 >= 1000
	mkspline spl_creatinine 5 = creatinine_high, pctile displayknots
	mkspline spl_lactate 5 = lactatemax_draw, pctile displayknots
	mkspline spl_ratiomin 4 = ratio_min, pctile displayknots
	mkspline spl_age 4 = age, pctile displayknots
	mkspline spl_BMI 5 = BMI_calculated, pctile displayknots
 melogit mortality_30day ib0.balancemeasure6 c.spl_age? male postacutecare priorhosp KidneyDisease SevereLiverDisease CHF Metastatic mortality_predicted c.spl_BMI? c.spl_lactate? c.spl_creatinine? c.spl_creatinine?##KidneyDisease c.spl_ratiomin? ib2.max_temp ib2.max_HR ib1.max_RR alter_mental_status || hosp: , or
 putexcel set "results.xlsx", sheet(Prim6) modify
 putexcel A1=matrix(r(table)), names
 margins balancemeasure6, post 
 putexcel A20=matrix(r(table)), names
 nlcom _b[1.balancemeasure6] - _b[0.balancemeasure6]
 putexcel G20=matrix(r(table)), names
log close
log using "log2"
import sas using "[filepath]\primarycohort_data_10plus.sas7bdat", clear
keep if other48 >= 1000
	mkspline spl_creatinine 5 = creatinine_high, pctile displayknots
	mkspline spl_lactate 5 = lactatemax_draw, pctile displayknots
	mkspline spl_ratiomin 4 = ratio_min, pctile displayknots
	mkspline spl_age 4 = age, pctile displayknots
	mkspline spl_BMI 5 = BMI_calculated, pctile displayknots
 melogit mortality_hosp ib0.balancemeasure48 c.spl_age? male postacutecare priorhosp KidneyDisease SevereLiverDisease CHF Metastatic mortality_predicted c.spl_BMI? c.spl_lactate? c.spl_creatinine? c.spl_creatinine?##KidneyDisease c.spl_ratiomin? ib2.max_temp ib2.max_HR ib1.max_RR mechvent_6hr alter_mental_status || hosp: , or
 putexcel set "results.xlsx", sheet(HospMort48) modify
 putexcel A1=matrix(r(table)), names
 margins balancemeasure48, post 
 putexcel A20=matrix(r(table)), names
 nlcom _b[1.balancemeasure48] - _b[0.balancemeasure48]
 putexcel G20=matrix(r(table)), names
 poisson length_stay ib0.balancemeasure48 c.spl_age? male postacutecare priorhosp KidneyDisease SevereLiverDisease CHF Metastatic mortality_predicted c.spl_BMI? c.spl_lactate? c.spl_creatinine? c.spl_creatinine?##KidneyDisease c.spl_ratiomin? ib2.max_temp ib2.max_HR ib1.max_RR mechvent_6hr alter_mental_status
 putexcel set "results.xlsx", sheet(LOS48) modify
 putexcel A1=matrix(r(table)), names
 margins balancemeasure48, post 
 putexcel A20=matrix(r(table)), names
 nlcom _b[1.balancemeasure48] - _b[0.balancemeasure48]
 putexcel G20=matrix(r(table)), names
 melogit EverRRT ib0.balancemeasure48 c.spl_age? male postacutecare priorhosp KidneyDisease SevereLiverDisease CHF Metastatic mortality_predicted c.spl_BMI? c.spl_lactate? c.spl_creatinine? c.spl_creatinine?##KidneyDisease c.spl_ratiomin? ib2.max_temp ib2.max_HR ib1.max_RR mechvent_6hr alter_mental_status || hosp: , or
 putexcel set "results.xlsx", sheet(RRT48) modify
 putexcel A1=matrix(r(table)), names
 margins balancemeasure48, post 
 putexcel A20=matrix(r(table)), names
 nlcom _b[1.balancemeasure48] - _b[0.balancemeasure48]
 putexcel G20=matrix(r(table)), names
log close
