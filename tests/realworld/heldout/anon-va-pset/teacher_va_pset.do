* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 12396627613 (a public GitHub .do file, problem set 1 of an education-economics course: teacher value-added estimates in the manner of Chetty, Friedman and Rockoff on a student-by-year file -- ssc install unique, a global from an environment variable (: env), cd to it, xtset id_student year, lagged scores L.scores and their squares, cubes and grade interactions, classes by egen group(), class sizes by egen count(), lagged class and school mean scores, tab ..., gen() dummies, class and school-year means of demographics, a global control vector with c.#i. interactions, reghdfe ..., absorb(teach_eff = i.id_teacher) resid() nocons and e(rmse), the degrees-of-freedom correction from unique's r(unique) and : list sizeof global(), egen total(), corr ..., cov and r(Var_1), save and outsheet, a collapse to teacher-year means and counts, xtset id_teacher year, lags L1.-L6. in a forval loop, weighted covariances and correlations corr ... [aw=], cov with r(cov_12) and r(rho) in nested globals ${s_A`i'}; the index does not name the repository)
* author: unknown (paths in the file: an Education/pset1 folder)
* licence: none stated
* data: data/va-data.dta = va_pset_students
ssc install unique
clear all
global projects : env projects
global filepath ${projects}/Education/pset1
cd ${filepath}
use data/va-data.dta, clear
xtset id_student year
ren score_std scores
gen lagscore = L.scores
ren id_grade grade
gen lagscore2 = lagscore^2
gen lagscore3 = lagscore^3
gen lagscore_grade = lagscore*grade
gen lagscore2_grade = lagscore2*grade
gen lagscore3_grade = lagscore3*grade
egen class = group(id_class id_school year grade)
egen csize = count(score), by(class year)
sort id_student year
egen class_score = mean(score), by(class year)
gen cs_lag = L.class_score
gen cs_lag2 = cs_lag^2
gen cs_lag3 = cs_lag^3
egen school_score = mean(score), by(id_school year)
gen ss_lag = L.school_score
gen ss_lag2 = ss_lag^2
gen ss_lag3 = ss_lag^3
tab grade, gen(g_)
tab year, gen(y_)
egen cavg_inc = mean(hh_income), by(class)
egen cavg_medu = mean(m_education), by(class)
egen syavg_inc = mean(hh_income), by(id_school year)
egen syavg_medu = mean(m_education), by(id_school year)
global xvec lagscore lagscore2 lagscore3 c.lagscore#i.grade c.lagscore2#i.grade c.lagscore3#i.grade cs_lag cs_lag2 cs_lag3 c.cs_lag#i.grade c.cs_lag2#i.grade c.cs_lag3#i.grade ss_lag ss_lag2 ss_lag3 c.ss_lag#i.grade c.ss_lag2#i.grade c.ss_lag3#i.grade cavg_inc cavg_medu syavg_inc syavg_medu csize i.grade i.year
reghdfe scores ${xvec}, absorb(teach_eff = i.id_teacher) resid(residual) nocons
global mse = e(rmse)^2
gen A = residual + teach_eff
unique id_student
global Nval = r(unique)
unique class
global Cval = r(unique)
global Kval : list sizeof global(xvec)
global df_correction = ((${Nval} - 1)/(${Nval} - ${Kval} - ${Cval} + 1))
gen residual2 = A^2
egen ssr = total(residual2)
replace ssr = ssr*(1/${Nval})
global s_ep = ssr*${df_correction}
corr A, cov
global s_A = r(Var_1)*${df_correction}
egen class_A = mean(A), by(class)
save data/va_lean.dta, replace
outsheet using data/va_clean.csv, comma nolab replace
collapse (mean) A (count) id_student, by(id_teacher year class grade)
ren id_student ns
xtset id_teacher year
drop if A == .
sort id_teacher year
forval i = 1/6{
	gen A_l`i' = L`i'.A
	gen ns_l`i' = L`i'.ns
	gen l`i'_weight = ns + ns_l`i'
}
forval i = 1/6{
	qui corr A A_l`i' [aw=l`i'_weight], cov
	global s_A`i' = r(cov_12)
	qui corr A A_l`i' [aw=l`i'_weight]
	global r_`i' = r(rho)
	di "Lag `i', autocov: " ${s_A`i'} " and autocorr: " ${r_`i'}
}
save data/va_collpaseclean, replace
outsheet using data/va_collapseclean.csv, comma nolab replace
