* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 38826078264 (a public GitHub .do file of a longitudinal course project on a tutoring programme: misstable summarize, xtset and xtdescribe, OLS specification search with c.treat##ib3.grade, testparm of factor terms and interactions, estimates table with stats(rmse r2 aic bic), exchangeable xtgee with and without vce(robust), random-effects xtreg, gain-score models, cross-sectional regressions on one row per student, estimates table with wildcards and se p, and mat list r(coef); the index does not name the repository)
* author: unknown
* licence: none stated
* data: estimation_sample = tutoring_semesters
capture log close
clear all
use estimation_sample, clear
log using longitudinal2.log, text replace
misstable summ *, all
xtset sid semester
xtdescribe
regress post pre c.treat##ib3.grade i.race female english par_gs sed if treatCat == 2 & MISS == 0
est store big
testparm i.grade
testparm i.grade#c.treat
testparm i.race
regress post pre c.treat ib3.grade female english par_gs sed if treatCat == 2 & MISS == 0
est store mid
regress post pre if treatCat == 2 & MISS == 0
est store small
est table small mid big, stats(rmse r2 aic bic)
xtgee post pre c.treat ib3.grade female english par_gs sed if treatCat == 2 & MISS == 0, corr(exch) 
est store model1a
xtgee post pre c.treat ib3.grade female english par_gs sed if treatCat == 2 & MISS == 0, corr(exch) vce(robust)
est store model1b
xtreg post pre c.treat ib3.grade female english par_gs sed if treatCat == 2 & MISS == 0
est store model1c
xtreg post pre c.treat ib3.grade female english par_gs sed if treatCat == 2 & MISS == 0, vce(robust)
est store model1d
est table model1*, se p
gen gain = post-pre
xtgee gain c.treat ib3.grade female english par_gs sed if treatCat == 2 & MISS == 0, corr(exch) 
est store model2a
xtgee gain c.treat ib3.grade female english par_gs sed if treatCat == 2 & MISS == 0, corr(exch) vce(robust)
est store model2b
xtreg gain c.treat ib3.grade female english par_gs sed if treatCat == 2 & MISS == 0
est store model2c
est table model1* model2*
regress post_n baseline if treatCat == 2 & MISS == 0 & kid_tag, vce(robust)
est store history1
regress post_n baseline nSemester if treatCat == 2 & MISS == 0 & kid_tag, vce(robust)
est store history2
regress post_n baseline tot_treat nSemester female english par_gs sed if treatCat == 2 & MISS == 0 & kid_tag
est store history3a
regress post_n baseline tot_treat nSemester female english par_gs sed if treatCat == 2 & MISS == 0 & kid_tag, vce(robust)
est store history3b
est table history*, se p stats(rmse r2 aic bic)
est table model1b model1d history3b, se
mat list r(coef)
log close
