* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:bollenslund/Hospice_R01@7f81c3e6319a4eaab2761cbd69284a6ef37edf25 analysis/meqrlogit_analysis.do (excerpt: the first four models and their result matrices)
* author: Hospice_R01 project (repository bollenslund)
* licence: none stated
* data: ltd_vars_for_analysis1_clean.dta = hospice
capture log close
clear all
set more off
local datapath J:\Project\working
local logpath J:\Project\output
log using "`logpath'\log1.txt", text replace
cd "`datapath'"
use ltd_vars_for_analysis1_clean.dta, replace
la var age_70_74 "a1"
la var age_75_79 "a2"
la var age_80_84 "a3"
la var age_gt84 "a4"
la var smd_on_call "s"
local xvars3 female age_70_74 age_75_79 age_80_84 age_gt84 re_white cancer cc_grp_ind2 cc_grp_ind3 ownership_ind2 sizecat_ind2 sizecat_ind3 sizecat_ind4
local pat_vars female age_70_74 age_75_79 age_80_84 age_gt84 re_white cancer cc_grp_ind2 cc_grp_ind3
local hosp_vars ownership_ind2 sizecat_ind2 sizecat_ind3 sizecat_ind4
local regvars urban_cd hospital_beds_per_res per_cap_inc_2009
foreach v in `pat_vars' smd_on_call `hosp_vars' `regvars' {
drop if `v'==.
}
glm hosp_adm_ind, family(binomial) link(logit)
mat est1=J(1,4,.)
mat e_1=e(b)
mat est1[1,1]=e_1[1,1]
mat est1[1,2]=_se[_cons]
mat est1[1,3] = est1[1,1]-invttail(e(N)-1,0.05/2)*est1[1,2]
mat est1[1,4] = est1[1,1]+invttail(e(N)-1,0.05/2)*est1[1,2]
mat list est1
mat rownames est1="r1"
mat dcols = (0,0,0,1)
frmttable, statmat(est1) doubles(dcols) substat(2) sdec(3) store(est1_1)
mat esta=J(2,1,.)
mat esta[1,1]=e(N)
mat esta[2,1]=e(ll)
mat rownames esta="N" "ll"
frmttable, sdec(0) statmat(esta) append(est1_1) store(est1_2)
meqrlogit hosp_adm_ind || pos1:
mat est2=J(2,4,.)
mat e_2=e(b)
mat est2[1,1]=e_2[1,1]
mat est2[1,2]=_se[_cons]
mat est2[1,3] = est2[1,1]-invttail(e(N)-1,0.05/2)*est2[1,2]
mat est2[1,4] = est2[1,1]+invttail(e(N)-1,0.05/2)*est2[1,2]
mat est2[2,1]=exp(2*e_2[1,2])
sca se_re1 =_se[lns1_1_1:_cons]
mat est2[2,2]=se_re1*2*exp(2*e_2[1,2])
mat est2[2,3] = exp( 2*(e_2[1,2]-invttail(e(N)-1,0.05/2)*se_re1) )
mat est2[2,4] = exp( 2*(e_2[1,2]+invttail(e(N)-1,0.05/2)*se_re1) )
mat list est2
mat rownames est2="r1" "r2"
frmttable, statmat(est2) doubles(dcols) substat(2) sdec(3) store(est2_1)
mat esta[1,1]=e(N)
mat esta[2,1]=e(ll)
frmttable, sdec(0) statmat(esta) append(est2_1) store(est2_2)
meqrlogit hosp_adm_ind || region1:
mat est3=J(2,4,.)
mat e_3=e(b)
mat est3[1,1]=e_3[1,1]
mat est3[2,1]=exp(2*e_3[1,2])
sca se_re1 =_se[lns1_1_1:_cons]
mat list est3
mat rownames est3="r1" "r3"
meqrlogit hosp_adm_ind || region1: || pos1:
mat est4=J(3,4,.)
mat e_4=e(b)
mat list e_4
sca se_re1 =_se[lns1_1_1:_cons]
sca se_re2 =_se[lns2_1_1:_cons]
mat list est4
meqrlogit hosp_adm_ind `pat_vars' || region1: || pos1:
outreg, nocons stats(b se ci) sdec(3) varlabels store(est5_1) nostars noautosumm
meqrlogit hosp_adm_ind  `pat_vars' smd_on_call `hosp_vars' `regvars' || region1: || pos1:
estimates save meqrlogit_est_smd_on_call, replace
outreg, replay(est1_2) merge(est2_2) store(table1)
