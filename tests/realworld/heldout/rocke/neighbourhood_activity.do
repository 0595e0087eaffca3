* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 16319967219 (a public GitHub .do file of the ECHORN cohort study: perceived neighbourhood and physical activity across four Caribbean sites; the index does not name the repository) (excerpt: the second part of the file, which works on the data already in memory: the derived variables, the per-site regressions, the site random-intercept models and their comparison; the first part's tables and the negative-binomial models left out)
* author: Kern Rocke (file header), 2020
* licence: none stated
* preload: echorn_wave1
gen bmi = weight/((height/100)^2)
gen walk_day = .
replace walk_day = (HB12*60) if HB11==1
replace walk_day = HB12 if HB11==2
replace walk_day = . if walk_day>120 | walk_day == .
gen walk_wk = . 
replace walk_wk = walk_day*HB10
replace walk_wk = . if HB10==.z
egen mvpa_wk = rowtotal(mpwVR mpwMR)
replace mvpa_wk = . if mpwMR == . & mpwVR == .
egen totalpa_wk = rowtotal(walk_wk mpwMR mpwVR mpwVW mpwMW)
replace totalpa_wk = . if totalpa_wk == 0
ssc install vreverse, replace
vreverse SE14, gen(SE14_reverse)
vreverse SE16, gen(SE16_reverse)
egen social_cohesion = rowtotal(SE12 SE13 SE14_reverse SE15 SE16_reverse SE17)
replace social_cohesion = . if SE12==. & SE13==. & SE14_reverse==. & SE15==. & SE16_reverse==. & SE17==.
egen violence = rowtotal(SE21 SE22 SE23 SE24)
replace violence =. if SE21==. & SE22==. & SE23==. & SE24==.
egen disorder =rowtotal(SE18 SE19 SE20)
replace disorder =. if SE18==. & SE19==. & SE20==. 
gen car = .
replace car = 1 if D96 == 0
replace car = 0 if D96>0 & D96 !=.
gen dia = . 
replace dia = 1 if glucose >=126 & glucose !=.
replace dia = 0 if glucose<126
replace dia = 1 if Diabetes == 1
replace dia = 0 if Diabetes == 0
gen htn = .
replace htn = 0 if bp_diastolic < 90 | bp_systolic < 140
replace htn = 1 if bp_diastolic >= 90 & bp_systolic >= 140 & bp_diastolic !=. & bp_systolic!=.
replace htn = 1 if Hypertension == 1
label var htn "text"
label define htn 0"a" 1"b"
label value htn htn
gen obese = .
replace obese = 1 if bmi>=30 & bmi!=.
replace obese = 0 if bmi<30
gen residential = .
replace residential = 1 if D75 == 0 
replace residential = 2 if D75 == 1
replace residential = 3 if D75 == 2 | D75 == 3 | D75 == 4
gen educ=.
replace educ=1 if D13==0 | D13==1 | D13==2
replace educ=2 if D13==3
replace educ=3 if D13==4 | D13==5
replace educ=4 if D13==6 | D13==7 | D13==8 | D13==9
label variable educ "text"
label define educ 1 "a" 2 "b" 3 "c" 4 "d"
label values educ educ 
cls
foreach y of numlist 1 2 3 4 { 
regress totalpa_wk social_cohesion disorder violence i.gender partage i.educ i.car bmi i.dia i.htn if siteid == `y', cformat(%9.1f)
}
cls
foreach y of numlist 1 2 3 4 { 
logistic inactive social_cohesion disorder violence i.gender partage i.educ i.car bmi i.dia i.htn if siteid == `y', cformat(%9.2f)
}
cls
foreach x in walk_wk mvpa_wk totalpa_wk{ 
mixed `x' social_cohesion disorder violence i.gender partage i.educ i.car bmi i.dia i.htn || siteid:, vce(cluster siteid) cformat(%9.1f) nolog
}
meqrlogit inactive social_cohesion disorder violence i.gender partage i.educ i.car bmi i.dia i.htn || siteid:, cformat(%9.2f) nolog or
cls
mixed walk_wk social_cohesion disorder violence i.gender partage i.educ i.car bmi i.dia i.htn || siteid:, vce(cluster siteid) nolog
estimates store combine
mixed walk_wk social_cohesion i.gender partage i.educ i.car bmi i.dia i.htn || siteid:, vce(cluster siteid) nolog
estimates store social
mixed walk_wk violence i.gender partage i.educ i.car bmi i.dia i.htn || siteid:, vce(cluster siteid) nolog
estimates store violence
mixed walk_wk disorder i.gender partage i.educ i.car bmi i.dia i.htn || siteid:, vce(cluster siteid) nolog
estimates store disorder 
estimates stats social violence disorder combine
cls
regress walk_wk social_cohesion disorder violence i.gender partage i.educ i.car i.obese i.dia i.htn siteid, vce(cluster siteid)
estimates store combine
regress walk_wk social_cohesion i.gender partage i.educ i.car i.obese i.dia i.htn siteid, vce(cluster siteid)
estimates store social
regress walk_wk violence i.gender partage i.educ i.car i.obese i.dia i.htn siteid, vce(cluster siteid)
estimates store violence
regress walk_wk disorder i.gender partage i.educ i.car i.obese i.dia i.htn siteid, vce(cluster siteid)
estimates store disorder 
estimates stats social violence disorder combine
