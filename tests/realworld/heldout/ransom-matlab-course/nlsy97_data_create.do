* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:tyleransom/MatlabCourse@7578bfe371b8d7c942dc3d5ce97b5bfb55a92f26 ProblemSets/PS2.1/data_create_MatlabPS2.1.do (a course's data set built from the NLSY97: set mem/maxvar, version 11.0, capture cd, log using; generat activity from a status code, replace ... if >25 to missing, bys ID: gen t = _n and bys ID: ipolate ..., gen() epolate, rename, drop if >=., degree dummies from years, zscore (SSC) with ren z_*, bys ID: gen exper = sum(), merge 1:1 ID year ... , keepusing() nogen with the using file's value labels, keep if age range, keep/ren/drop, xtset twice, drop if ID==... | ...; mlogit ..., base(), reg, xtreg fe/re, a program for ml model lf with $ML_y1 and /sigma, ml max, reshape wide ..., i(ID) j(t) and outsheet of hgc? ... wildcards, comma nol replace; the repository's Stata log of the run, data_create_MatlabPS2.1.log, shows the output)
* author: Tyler Ransom
* licence: none stated
* data: /afs/econ.duke.edu/home/t/tmr17/RA_Peter/NLSY97_Data/master.dta = nlsy97_master_panel
* data: /afs/econ.duke.edu/data/vjh3/WageReturns/Data/y97/y97_master = nlsy97_activity_october
clear all
set mem 2g
set maxvar 32000
version 11.0
capture cd "/afs/folder/PS2.1"
capture log close
set more off
log using data_create_MatlabPS2.1.log, replace
use "/afs/econ.duke.edu/home/t/tmr17/RA_Peter/NLSY97_Data/master.dta", clear
generat activity = 1 if Primary_activity<2
replace activity = 2 if Primary_activity>2 & Primary_activity<5
replace activity = 3 if activity >=.
replace Highest_Grade_Completed = . if Highest_Grade_Completed>25
bys ID: gen t = _n
bys ID: ipolate Highest_Grade_Completed t, gen(hgc) epolate
replace Bio_mother_highest_educ = . if Bio_mother_highest_educ>25
rename  Bio_mother_highest_educ Mhgc
drop if ASVAB>=.
drop if hgc>=.
drop if Mhgc>=.
drop BA AA Diploma GED
gen Diploma = year>=Diploma_year
gen AA      = year>=AA_year
gen BA      = year>=BA_year
replace BA = 0 if Diploma==0
replace AA = 0 if Diploma==0
zscore ASVAB
ren    z_ASVAB AFQT
gen in_work = activity==2
bys ID: gen exper = sum(in_work)
merge 1:1 ID year using /afs/econ.duke.edu/data/vjh3/WageReturns/Data/y97/y97_master, keepusing(activityOct) nogen
keep if age_now>=20 & age_now<=24
keep ID age_now male t AFQT Mhgc hgc exper Diploma AA BA log_wage activity activityOct
ren age_now age
drop t
bys ID: gen t = _n
xtset ID t
drop if ID==3082 | ID==3234 | ID==4530 | ID==6574 | ID==7353
xtset
mlogit activity male AFQT Mhgc hgc exper Diploma AA BA, base(3)
mlogit activityOct male AFQT Mhgc hgc exper Diploma AA BA, base(6)
reg    log_wage male hgc exper Diploma AA BA
reg    log_wage male AFQT Mhgc hgc exper Diploma AA BA
xtreg  log_wage male AFQT Mhgc hgc exper Diploma AA BA, fe
xtreg  log_wage male AFQT Mhgc hgc exper Diploma AA BA, re
gen schwrk = (activityOct==2)
gen workPT = (activityOct==3)
program normal
version 11.0
args lnf Xb sigma
quietly replace `lnf'=ln(normalden($ML_y1, `Xb', `sigma'))
end
ml model lf normal (log_wage=male AFQT Mhgc hgc exper Diploma AA BA schwrk workPT) /sigma
ml max
reg log_wage male AFQT Mhgc hgc exper Diploma AA BA schwrk workPT
drop schwrk workPT
reshape wide age log_wage activity activityOct hgc exper Diploma AA BA, i(ID) j(t)
outsheet ID male AFQT Mhgc hgc? exper? Diploma? AA? BA? log_wage? activity? using nlsy97.csv, comma nol replace
outsheet ID male AFQT Mhgc hgc? exper? Diploma? AA? BA? log_wage? activityOct? using nlsy97m.csv, comma nol replace
log close
exit
