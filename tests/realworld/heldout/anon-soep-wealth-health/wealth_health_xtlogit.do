* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 39195348974 (a public GitHub .do file of a SOEP project on wealth and health: a biyearly person panel xtset with delta(2), desc and notes, random-effects logits of ever-diagnosed illnesses on wealth quantiles with controls held in globals, a random-effects ordered logit of health satisfaction with an illness-by-wealth interaction, regress/margins/marginsplot per illness in a foreach loop over a global, xtreg, and binned-scatter logits (binslogit) combined with grc1leg2 in a loop that uses string scalars, mod(), set graph off/on and sleep; the index does not name the repository)
* author: unknown
* licence: none stated
* data: $inter/03_clean_sample_2011_2019_biyearly.dta = soep_wealth_health
use $inter/03_clean_sample_2011_2019_biyearly.dta, clear
xtset pid syear, delta(2)
desc, short
notes
global hd_ever_diag     hd_sleep_ever hd_diabetes_ever hd_asthma_ever hd_cardio_ever hd_cancer_ever hd_stroke_ever hd_migraine_ever hd_blood_pres_ever hd_depression_ever hd_dementia_ever hd_joint_ever hd_back_pain_ever hd_other_ever hd_no_illness_ever
tab syear _keep_all
global y hd_sleep_ever
global x i.nw_qile
global ctrl i.age_cuts_10 i.educ_highschool i.sex i.marital_status i.legal_handicapped_bin children i.children_d i.insurance_type
xtlogit $y $x $ctrl
global y hd_sleep_ever
global x i.nw_dile
global ctrl i.age_cuts_10 i.educ_highschool i.sex i.marital_status i.legal_handicapped_bin children i.children_d i.insurance_type
xtlogit $y $x $ctrl
global y hd_cardio_ever
global x i.gw_qile
global ctrl i.age_cuts_10 i.educ_highschool i.sex i.marital_status i.legal_handicapped_bin children i.children_d i.insurance_type
xtlogit $y $x $ctrl
global y sats_health
global interaction i.hd_sleep_ever##i.nw_qile
global ctrl i.age_cuts_10 i.educ_highschool i.sex i.marital_status i.legal_handicapped_bin children i.children_d i.insurance_type
xtologit $y $interaction $ctrl
foreach var of varlist $hd_ever_diag {
    global y sats_health
    global x i.nw_qile##i.`var'
    reg $y $x $ctrl i.birth_coh_qt  i.syear
    margins $x
    marginsplot, name(`var', replace)
}
xtreg $y $x $ctrl
reg $y $x $ctrl i.birth_coh_qt  i.syear
margins $x
marginsplot, name($y)
scalar intercative = 1
local counter = 1
foreach var of varlist $hd_ever_diag {
    scalar y = "`var'"
    scalar control = "age educ_highschool"
    scalar byVar = "sex"
    set graph off
    qui binslogit `=y' nw_qile `=control',  ci(2 2) by(`=byVar') name(g`counter', replace) yscale(r(0))
    if mod(`counter', 2)==0 {
        di 1
        set graph on
        grc1leg2 g`counter' g`=`counter'-1', ycommon legendfrom(g`counter') title("t") note("n")
        local counter = `counter' + 1
        if `=intercative'==1 {
            sleep 3e3
        }
    }
}
