* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:kmongeon/exercise_physiology@22d93550f96bb2b32a0ae8e8d8b5843dc1ccd7c2 tibial_analysis_nov2016.do (exercise physiology: radial and tibial speed of sound of bone in children and adolescents measured on up to three occasions over two sessions, with grip strength, isokinetic knee torque (Biodex peak torque at 60 and 240 deg/s), maturity offset, vitamin D and physical activity: two csv files merged 1:1 by id and sequence, a list of observations to drop merged and dropped, occasion numbers rebuilt from session and sequence with replace ... if and by id: gen _n, renames, sum *, sep(0), drop if missing() in a list, label define/values, egen group(), duplicates report, xtset, export delimited, set dp period, shell rm/mkdir, tabulate ..., chi2 lrchi2 row, swilk * and by seq, sort : swilk *, tabout (SSC) of summaries by occasion, and multilevel mediation models in gsem with a random intercept M1[nid] and a random slope c.grip#M1S[nid] of grip strength, the mediator equation with its own random intercept M2[nid], stored by eststo, overall, by sex (if male==1) and for the tibia with peak torque)
* author: Kevin Mongeon (repository owner)
* licence: none stated
* data: dm.csv = bone_sos_dm
* data: torque.csv = bone_torque
* data: msObsToDrop.dta = bone_obs_to_drop
set more off
clear all
cd "~/Documents/bone"
import delimited dm.csv, case(lower) clear
sort id sequence
save dr, replace
import delimited torque.csv, case(lower) clear
drop sequence
rename new_sequence sequence
sort id sequence
save dt, replace
merge 1:1 id sequence using dr
rename _merge dr_merge
merge 1:1 id sequence using "msObsToDrop.dta"
drop if _merge==3
drop _merge index v1 dr_merge
order id session sequence
sort id session sequence
gen newSeq1 = 0
gen newSeq2 = 0
replace newSeq1 = 1 if session==1 & sequence ==3
replace newSeq1 = 2 if session==1 & sequence ==5
replace newSeq1 = 3 if session==1 & sequence ==7
replace newSeq2 = 1 if session==2 & sequence ==2
replace newSeq2 = 2 if session==2 & sequence ==4
replace newSeq2 = 3 if session==2 & sequence ==6
gen newSeq3 = newSeq1
replace newSeq3 = newSeq2 if newSeq1==0
gen newSeq = newSeq3
sort id newSeq
by id: gen seq = _n
sort id seq
drop newSeq newSeq1 newSeq2 newSeq3
rename radius_sos rsos
rename grip_strength_best grip
rename mat_offset_new matu
rename gender fema
rename vit_d vita
rename paq_total_score pact
rename ntxcreat ntxc
sum * , sep(0)
sum * if fema ==0, sep(0)
sum * if fema ==1, sep(0)
local radial_var "id sequence session rsos grip age matu fema vita pact"
local tibial_var "tibial_sos tibial_z wrist_flexion_best grip forearm_length forearm_lean_csa forearm_us_csa anterior_csa anterior_radius ant_rad_csa anterior_ulna ant_ulna_csa posterior post_csa tibialis_anterior  biodex_id pt*"
keep `radial_var' `tibial_var'
drop if missing(id)
drop if missing(sequence)
drop if missing(session)
drop if missing(rsos)
drop if missing(grip)
drop if missing(age)
drop if missing(matu)
drop if missing(fema)
drop if missing(vita)
drop if missing(pact)
drop if matu>7
gen Cage = round(age)
tab Cage
replace Cage = 15 if Cage>15
gen male = (fema==0)
la var Cage "text"
la var rsos "text"
la var grip "text"
la var matu "text"
la var fema "text"
la var male "text"
label define gender 0 "text0" 1 "text1"
label values male gender
egen nid = group(id)
drop id session
order nid seq
sort  nid seq
duplicates report nid seq
xtset nid seq
order nid seq rsos grip age matu fema male Cage vita pact `tibial_var'
export delimited using "radial_tibial_data.csv", replace
save radial_tibial_data, replace
clear all
cd "~/Documents/bone"
use radial_tibial_data, clear
set dp period
shell rm -r out
shell mkdir out
tabulate seq fema, chi2 lrchi2 row
swilk *
by seq, sort : swilk *
tabout seq using "out/table1_all.csv", replace f(4) sum style(csv) c(N rsos mean rsos sd rsos mean grip sd grip mean matu sd matu)
tabout seq using "out/table1_female.csv" if fema==0, append f(4) sum style(csv) c(N rsos mean rsos sd rsos mean grip sd grip mean matu sd matu)
tabout seq using "out/table1_male.csv" if fema==1, append f(4) sum style(csv) c(N rsos mean rsos sd rsos mean grip sd grip mean matu sd matu)
drop Cage
global RE  "rsos <- grip matu M1[nid] c.grip#M1S[nid]"
global FM "(rsos <- grip matu M1[nid] c.grip#M1S[nid]) (grip <- matu M2[nid]) "
global PM "(rsos <- grip M1[nid] c.grip#M1S[nid]) (grip <- matu M2[nid])"
eststo RE_A: gsem $RE
eststo FM_A: gsem $FM
eststo PM_A: gsem $PM
eststo PM_M: gsem $PM if male==1
eststo PM_F: gsem $PM if male==0
drop if ptiso==-9999
global TRE60  "tibial_sos <- pt60 matu M1[nid] c.pt60#M1S[nid]"
global TRE240  "tibial_sos <- pt240 matu M1[nid] c.pt240#M1S[nid]"
global TPM60 "(tibial_sos <- pt60  M1[nid] c.pt60#M1S[nid]) (pt60 <- matu M2[nid]) "
global TPM240 "(tibial_sos <- pt240  M1[nid] c.pt240#M1S[nid]) (pt240 <- matu M2[nid]) "
eststo TRE: gsem $TRE60
eststo TRE: gsem $TRE240
eststo TPM60: gsem $TPM60
