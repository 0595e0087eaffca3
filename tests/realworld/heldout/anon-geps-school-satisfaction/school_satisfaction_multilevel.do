* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 45219225432 (a public GitHub .do file, Korean teaching material on multilevel models of pupils' school satisfaction from two regional education panels: keep/rename/save of a school and a pupil file, drop if == -999 with an abbreviated variable, merge 1:n / n:1 / m:m, bysort schid: egen mean and one row a school, reg with i. and vce(cluster), mixed ... || schid:, var and nolog, estat group/icc, a bottom-up sequence to random slopes with cov(un) and c.x#i.z, qui mixed with estimates store and esttab star() se() mtitles(), estadd scalar of exp(2*_b[lns1_1_1:_cons]) and tanh(_b[atr1_1_1_2:_cons]) covariances, esttab scalar() drop() of the variance equations, grand-mean and group-mean centring with egen mean, reg and vif, recode gen(); the index does not name the repository; the Korean file names and variable labels replaced by neutral text)
* author: unknown (the index does not name the repository)
* licence: none stated
* data: GEPS\year1_school_middle.dta = geps_year1_school
* data: GEPS\year1_student_middle.dta = geps_year1
* data: survey2021\survey_school.dta = gse_survey_school
* data: survey2021\survey_student.dta = gse_survey
* data: survey2021\survey_parent.dta = gse_survey_parent
use "GEPS\year1_school_middle.dta", clear
keep SCHID Y1M_SH4 Y1M_SH6
rename SCHID schid
rename Y1M_SH4 region
rename Y1M_SH6 innsch
save geps_school_w1
use "GEPS\year1_student_middle.dta", clear
keep STUID SCHID Y1M_ST37 Y1M_ENG_S Y1M_MATH_S Y1M_KOR_S
rename STUID stuid
rename SCHID schid
rename Y1M_ST37 schsat_w1
rename Y1M_ENG_S escore_w1
rename Y1M_MATH_S mscore_w1
rename Y1M_KOR_S kscore_w1
drop if schsat_w1==-999 | escore_w1==-999 | mscore_w1==-999 | kscore==-999
save geps_student_w1
use geps_school_w1, clear
merge 1:n schid using geps_student_w1
drop _merge
bysort schid: egen schsat_w1_m=mean(schsat_w1)
bysort schid: egen escore_w1_m=mean(escore_w1)
bysort schid: egen mscore_w1_m=mean(mscore_w1)
bysort schid: egen kscore_w1_m=mean(kscore_w1)
label var schsat_w1_m "label 1"
label var escore_w1_m "label 2"
label var mscore_w1_m "label 3"
label var kscore_w1_m "label 4"
bysort schid: gen index_n=_n
keep if index_n==1
drop stuid schsat_w1 escore_w1 mscore_w1 kscore_w1 index_n
save practice1
reg schsat_w1_m i.region i.innsch escore_w1_m mscore_w1_m kscore_w1_m
use geps_student_w1, clear
merge n:1 schid using geps_school_w1
drop _merge
save practice2
reg schsat_w1 i.region i.innsch escore_w1 mscore_w1 kscore_w1
use practice2, clear
reg schsat_w1, vce(cluster schid)
mixed schsat_w1 || schid:, var
estat group
mixed schsat_w1 || schid:, nolog var
estat icc
mixed schsat_w1 escore_w1 mscore_w1 kscore_w1 || schid:, nolog var
mixed schsat_w1 escore_w1 mscore_w1 kscore_w1 i.region i.innsch || schid:, nolog var
use "survey2021\survey_school.dta", clear
keep SCHID Q6_1 Q6_2
rename SCHID schid
rename Q6_1 policy1
rename Q6_2 policy2
label var schid "label 5"
label var policy1 "label 6"
label var policy2 "label 7"
save gse_school
use "survey2021\survey_student.dta", clear
keep STUID SCHID Q28
rename STUID stuid
rename SCHID schid
rename Q28 schsat_stu
label var stuid "label 8"
label var schid "label 5"
label var schsat_stu "label 9"
save gse_student
use "survey2021\survey_parent.dta", clear
keep STUID SCHID Q1_2 Q15
rename STUID stuid
rename SCHID schid
rename Q15 schsat_par
label var stuid "label 8"
label var schid "label 5"
label var schsat_par "label 10"
keep if Q1_2==2
drop Q1_2
save gse_parent
use gse_student, clear
merge m:m stuid using gse_parent
keep if _merge==3
drop _merge
merge m:m schid using gse_school
drop _merge
save practice
use practice, clear
mixed schsat_stu || schid:, nolog
estat icc
mixed schsat_stu schsat_par || schid:, nolog
mixed schsat_stu schsat_par i.policy1 || schid:, nolog
mixed schsat_stu schsat_par i.policy1 i.policy2 || schid:, nolog
mixed schsat_stu schsat_par i.policy1 i.policy2 || schid: schsat_par, nolog
mixed schsat_stu schsat_par i.policy1 i.policy2 || schid: schsat_par, nolog cov(un)
mixed schsat_stu schsat_par i.policy1 i.policy2 c.schsat_par#i.policy2 || schid: schsat_par, nolog cov(un)
use practice, clear
qui mixed schsat_stu || schid:, nolog
estimates store M1
qui mixed schsat_stu schsat_par || schid:, nolog
estimates store M2
qui mixed schsat_stu schsat_par i.policy1 i.policy2 || schid:, nolog
estimates store M3
qui mixed schsat_stu schsat_par i.policy1 i.policy2 || schid: schsat_par, nolog cov(un)
estimates store M4
qui mixed schsat_stu schsat_par i.policy1 i.policy2 c.schsat_par#i.policy2 || schid: schsat_par, nolog cov(un)
estimates store M5
esttab M1 M2 M3 M4 M5, star(* 0.05 ** 0.01 *** 0.001) se(%9.3f) mtitles(M1 M2 M3 M4 M5)
qui mixed schsat_stu || schid:, nolog
estadd scalar v1=exp(2*_b[lns1_1_1:_cons])
estadd scalar v_e=exp(2*_b[lnsig_e:_cons])
estimates store M1
qui mixed schsat_stu schsat_par || schid:, nolog
estadd scalar v1=exp(2*_b[lns1_1_1:_cons])
estadd scalar v_e=exp(2*_b[lnsig_e:_cons])
estimates store M2
qui mixed schsat_stu schsat_par i.policy1 i.policy2 || schid:, nolog
estadd scalar v1=exp(2*_b[lns1_1_1:_cons])
estadd scalar v_e=exp(2*_b[lnsig_e:_cons])
estimates store M3
qui mixed schsat_stu schsat_par i.policy1 i.policy2 || schid: schsat_par, nolog cov(un)
estadd scalar v1=exp(2*_b[lns1_1_2:_cons])
estadd scalar v2=exp(2*_b[lns1_1_1:_cons])
estadd scalar v_e=exp(2*_b[lnsig_e:_cons])
estadd scalar cov=tanh(_b[atr1_1_1_2:_cons])*exp(_b[lns1_1_1:_cons])*exp(_b[lns1_1_2:_cons])
estimates store M4
qui mixed schsat_stu schsat_par i.policy1 i.policy2 c.schsat_par#i.policy2 || schid: schsat_par, nolog cov(un)
estadd scalar v1=exp(2*_b[lns1_1_2:_cons])
estadd scalar v2=exp(2*_b[lns1_1_1:_cons])
estadd scalar v_e=exp(2*_b[lnsig_e:_cons])
estadd scalar cov=tanh(_b[atr1_1_1_2:_cons])*exp(_b[lns1_1_1:_cons])*exp(_b[lns1_1_2:_cons])
estimates store M5
esttab M1 M2 M3 M4 M5, star(* 0.05 ** 0.01 *** 0.001) se(%9.3f) mtitles(M1 M2 M3 M4 M5) scalar(v1 v2 cov v_e) drop(lns1_1_1:_cons lns1_1_2:_cons lnsig_e:_cons atr1_1_1_2:_cons)
use practice, clear
egen schsat_par_GM=mean(schsat_par)
label var schsat_par_GM "label 11"
gen schsat_par_GMC=schsat_par-schsat_par_GM
label var schsat_par_GMC "label 12"
bysort schid: egen schsat_par_gm=mean(schsat_par)
label var schsat_par_gm "label 13"
gen schsat_par_gmc=schsat_par-schsat_par_gm
label var schsat_par_gmc "label 14"
qui mixed schsat_stu schsat_par || schid:, nolog
estadd scalar v1=exp(2*_b[lns1_1_1:_cons])
estadd scalar v_e=exp(2*_b[lnsig_e:_cons])
estimates store M1
qui mixed schsat_stu schsat_par_GMC || schid:, nolog
estadd scalar v1=exp(2*_b[lns1_1_1:_cons])
estadd scalar v_e=exp(2*_b[lnsig_e:_cons])
estimates store M2
qui mixed schsat_stu schsat_par_gmc || schid:, nolog
estadd scalar v1=exp(2*_b[lns1_1_1:_cons])
estadd scalar v_e=exp(2*_b[lnsig_e:_cons])
estimates store M3
esttab M1 M2 M3, star(* 0.05 ** 0.01 *** 0.001) se(%9.3f) mtitles(M1 M2 M3) scalar(v1 v_e) drop(lns1_1_1:_cons lnsig_e:_cons)
use practice, clear
egen schsat_par_mean=mean(schsat_par)
label var schsat_par_mean "label 15"
gen schsat_par_ms=schsat_par-schsat_par_mean
label var schsat_par_ms "label 16"
reg schsat_stu  schsat_par i.policy1 i.policy2 c.schsat_par#i.policy1 c.schsat_par#i.policy2
vif
reg schsat_stu  schsat_par_ms i.policy1 i.policy2 c.schsat_par_ms#i.policy1 c.schsat_par_ms#i.policy2
vif
use practice, clear
egen schsat_par_GM=mean(schsat_par)
label var schsat_par_GM "label 11"
gen schsat_par_GMC=schsat_par-schsat_par_GM
label var schsat_par_GMC "label 12"
recode policy1 (1=1) (2=0), gen(policy1_d)
label var policy1_d "label 17"
recode policy2 (1=1) (2=0), gen(policy2_d)
label var policy2_d "label 18"
egen policy2_d_GM=mean(policy2_d)
label var policy2_d_GM "label 19"
gen policy2_d_GMC=policy2_d-policy2_d_GM
label var policy2_d_GMC "label 20"
qui mixed schsat_stu schsat_par policy1_d policy2_d || schid:, nolog
estadd scalar v1=exp(2*_b[lns1_1_1:_cons])
estadd scalar v_e=exp(2*_b[lnsig_e:_cons])
estimates store M1
qui mixed schsat_stu schsat_par policy1_d policy2_d c.schsat_par#c.policy2_d || schid:, nolog
estadd scalar v1=exp(2*_b[lns1_1_1:_cons])
estadd scalar v_e=exp(2*_b[lnsig_e:_cons])
estimates store M2
esttab M1 M2, star(* 0.05 ** 0.01 *** 0.001) se(%9.3f) mtitles(M1 M2) scalar(v1 v_e) drop(lns1_1_1:_cons lnsig_e:_cons)
qui mixed schsat_stu schsat_par_GMC policy1_d policy2_d_GMC || schid:, nolog
estadd scalar v1=exp(2*_b[lns1_1_1:_cons])
estadd scalar v_e=exp(2*_b[lnsig_e:_cons])
estimates store M3
qui mixed schsat_stu schsat_par_GMC policy1_d policy2_d_GMC c.schsat_par_GMC#c.policy2_d_GMC || schid:, nolog
estadd scalar v1=exp(2*_b[lns1_1_1:_cons])
estadd scalar v_e=exp(2*_b[lnsig_e:_cons])
estimates store M4
esttab M3 M4, star(* 0.05 ** 0.01 *** 0.001) se(%9.3f) mtitles(M3 M4) scalar(v1 v_e) drop(lns1_1_1:_cons lnsig_e:_cons)
