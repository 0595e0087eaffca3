* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 23270829730 (a public GitHub .do file of the statistical analysis plan of a multicentre randomised trial of nitric oxide delivered on cardiopulmonary bypass in infants and children having heart surgery, patients in sites: tab ..., m and drop if missing(); ventilator-free days with hist, qnorm, tabstat ..., by() stats(n mean sd min max q iqr) and ranksum; a competing-risks primary analysis with gen/replace of hours(clock difference)/24, stset ..., failure(outcome_cc=1), xi: stcrreg b(1).rand_group b(2).rand_age b(2).rand_pathophys, compete(outcome_cc=2), matrix coeff=e(b), mata st_matrix(exp()), stcurve, cif at1() at2() with saving(); subgroups under preserve/keep if/restore; then foreach loops over local lists of continuous, binary and survival outcomes and acute-kidney-injury time points fitting xi: meglm ... || site:, xi: melogit ... || site:, or and xi: mestreg ... || site:, distribution(weibull) with b(1).rand_group##b(2).rand_pathophys, tab ..., m col exact and chi; excerpt: the analysis from the first lines and the outcomes table -- the baseline and perioperative tables before it (tabs of about 80 variables) and the composite figure after it left out; the index does not name the repository)
* author: unknown (trial statisticians)
* licence: none stated
* preload: nitric_trial
tab rand_group, m
drop if missing(rand_group)
tab rand_group
hist vfd
qnorm vfd
tabstat vfd, by(rand_group) stats(n mean sd min max q iqr)
ranksum vfd, by(rand_group)
gen days=vent_dur
replace days=hours(outcome_death-perfusion_cpb1_start)/24 if ~missing(outcome_death) & ~missing(perfusion_cpb1_start) & outcome_death<=post28daysurg_dt
gen outcome_cc=0 if vent_dur==28 & death_28day==0
replace outcome_cc=1 if vent_dur<28 & death_28day==0
replace outcome_cc=2 if death_28day==1
stset days, failure(outcome_cc=1)
xi: stcrreg b(1).rand_group b(2).rand_age b(2).rand_pathophys, compete(outcome_cc=2)
matrix coeff=e(b)
mata : st_matrix("coeff_shr", exp(st_matrix("coeff")))
stcurve, cif at1(rand_group=1) at2(rand_group=2) title("") scheme(s1mono) legend(lab(1 "Group A") lab(2 "Group B")) xtitle("Axis text") ytitle("Axis text") lpattern(dash)
preserve
keep if rand_age==1
hist vfd
qnorm vfd
tabstat vfd, by(rand_group) stats(n mean sd min max q iqr)
ranksum vfd, by(rand_group)
restore
preserve
keep if rand_age==2
hist vfd
qnorm vfd
tabstat vfd, by(rand_group) stats(n mean sd min max q iqr)
ranksum vfd, by(rand_group)
restore
xi: stcrreg b(1).rand_group##b(2).rand_age b(2).rand_pathophys, compete(outcome_cc=2)
preserve
keep if rand_age==1
xi: stcrreg b(1).rand_group b(2).rand_pathophys, compete(outcome_cc=2)
stcurve, cif at1(rand_group=1) at2(rand_group=2) saving(Figures\\vfd_age1,replace) title("") scheme(s1mono) legend(lab(1 "Group A") lab(2 "Group B")) xtitle("Axis text") ytitle("Axis text") lpattern(dash)
restore
preserve
keep if rand_age==2
xi: stcrreg b(1).rand_group b(2).rand_pathophys, compete(outcome_cc=2)
stcurve, cif at1(rand_group=1) at2(rand_group=2) saving(Figures\\vfd_age2,replace) title("") scheme(s1mono) legend(lab(1 "Group A") lab(2 "Group B")) xtitle("Axis text") ytitle("Axis text") lpattern(dash)
restore
preserve
keep if rand_pathophys==1
hist vfd
qnorm vfd
tabstat vfd, by(rand_group) stats(n mean sd min max q iqr)
ranksum vfd, by(rand_group)
restore
preserve
keep if rand_pathophys==2
hist vfd
qnorm vfd
tabstat vfd, by(rand_group) stats(n mean sd min max q iqr)
ranksum vfd, by(rand_group)
restore
xi: stcrreg b(1).rand_group##b(2).rand_pathophys b(2).rand_age, compete(outcome_cc=2)
preserve
keep if rand_pathophys==1
xi: stcrreg b(1).rand_group b(2).rand_age, compete(outcome_cc=2)
stcurve, cif at1(rand_group=1) at2(rand_group=2) saving(Figures\\vfd_phys1,replace) title("") scheme(s1mono) legend(lab(1 "Group A") lab(2 "Group B")) xtitle("Axis text") ytitle("Axis text") lpattern(dash)
restore
preserve
keep if rand_pathophys==2
xi: stcrreg b(1).rand_group b(2).rand_age, compete(outcome_cc=2)
stcurve, cif at1(rand_group=1) at2(rand_group=2) saving(Figures\\vfd_phys2,replace) title("") scheme(s1mono) legend(lab(1 "Group A") lab(2 "Group B")) xtitle("Axis text") ytitle("Axis text") lpattern(dash)
restore
local outcomes_cont "mment_vent_dur dur_chestopen mment_vent_nohrs mment_vent_rrthrs picu_pelod2_* picu_troponin* picu_creatinine*"
local outcomes_binary "picu_lcos_any ecls_48hr death_28day comp_outcome mment_vent_no mment_rrt_pd_crrt"
local outcomes_surv "los_picu los_hosp"
foreach v of varlist `outcomes_cont' {
	hist `v'
	qnorm `v'
	tabstat `v', by(rand_group) stats(n mean sd min max q iqr)
	ttest `v', by(rand_group)
	ranksum `v', by(rand_group)
	xi: meglm `v' b(1).rand_group b(2).rand_age b(2).rand_pathophys || site:
	xi: meglm `v' b(1).rand_group b(2).rand_age b(2).rand_pathophys perfusion_cpb_total || site:
	xi: meglm `v' b(1).rand_group b(2).rand_age b(2).rand_pathophys surg_rachs || site:
	preserve
	keep if rand_age==1
	hist `v'
	tabstat `v', by(rand_group) stats(n mean sd min max q iqr)
	ranksum `v', by(rand_group)
	restore
	preserve
	keep if rand_age==2
	hist `v'
	tabstat `v', by(rand_group) stats(n mean sd min max q iqr)
	ranksum `v', by(rand_group)
	restore
	xi: meglm `v' b(1).rand_group b(2).rand_age b(2).rand_pathophys || site:
	xi: meglm `v' b(1).rand_group b(2).rand_age b(2).rand_pathophys perfusion_cpb_total || site:
	xi: meglm `v' b(1).rand_group b(2).rand_age b(2).rand_pathophys surg_rachs || site:
	preserve
	keep if rand_pathophys==1
	hist `v'
	tabstat `v', by(rand_group) stats(n mean sd min max q iqr)
	ranksum `v', by(rand_group)
	restore
	preserve
	keep if rand_pathophys==2
	hist `v'
	tabstat `v', by(rand_group) stats(n mean sd min max q iqr)
	ranksum `v', by(rand_group)
	restore
	xi: meglm picu_lcos_any b(1).rand_group##b(2).rand_pathophys b(2).rand_age || site:
	xi: meglm picu_lcos_any b(1).rand_group##b(2).rand_pathophys b(2).rand_age perfusion_cpb_total || site:
	xi: meglm picu_lcos_any b(1).rand_group##b(2).rand_pathophys b(2).rand_age surg_rachs || site:
}
foreach v of varlist `outcomes_binary' {
	tab `v' rand_group, m col exact
	tab `v' rand_group, col exact
	xi: melogit `v' b(1).rand_group b(2).rand_age b(2).rand_pathophys || site:, or
	xi: melogit `v' b(1).rand_group b(2).rand_age b(2).rand_pathophys perfusion_cpb_total || site:, or
	xi: melogit `v' b(1).rand_group b(2).rand_age b(2).rand_pathophys surg_rachs || site:, or
	preserve
	keep if rand_age==1
	tab `v' rand_group, m col exact
	tab `v' rand_group, col exact
	restore
	preserve
	keep if rand_age==2
	tab `v' rand_group, m col exact
	tab `v' rand_group, col exact
	restore
	xi: melogit `v' b(1).rand_group b(2).rand_age b(2).rand_pathophys || site:, or
	xi: melogit `v' b(1).rand_group b(2).rand_age b(2).rand_pathophys perfusion_cpb_total || site:, or
	xi: melogit `v' b(1).rand_group b(2).rand_age b(2).rand_pathophys surg_rachs || site:, or
	preserve
	keep if rand_pathophys==1
	tab `v' rand_group, m col exact
	tab `v' rand_group, col exact
	restore
	preserve
	keep if rand_pathophys==2
	tab `v' rand_group, m col exact
	tab `v' rand_group, col exact
	restore
	xi: melogit picu_lcos_any b(1).rand_group##b(2).rand_pathophys b(2).rand_age || site:, or
	xi: melogit picu_lcos_any b(1).rand_group##b(2).rand_pathophys b(2).rand_age perfusion_cpb_total || site:, or
	xi: melogit picu_lcos_any b(1).rand_group##b(2).rand_pathophys b(2).rand_age surg_rachs || site:, or
}
* mlm-expect: r(198)
foreach v of varlist `outcomes_surv' {
	hist `v'
	qnorm `v'
	tabstat `v', by(rand_group) stats(n mean sd min max q iqr)
	ranksum `v', by(rand_group)
	stset `v', `v'_event
	xi: mestreg b(1).rand_group b(2).rand_pathophys b(2).rand_age || site:, distribution(weibull)
	xi: mestreg b(1).rand_group b(2).rand_pathophys b(2).rand_age perfusion_cpb_total || site:, distribution(weibull)
	xi: mestreg b(1).rand_group b(2).rand_pathophys b(2).rand_age surg_rachs || site:, distribution(weibull)
	preserve
	keep if rand_age==1
	hist `v'
	tabstat `v', by(rand_group) stats(n mean sd min max q iqr)
	ranksum `v', by(rand_group)
	restore
	preserve
	keep if rand_age==2
	hist `v'
	tabstat `v', by(rand_group) stats(n mean sd min max q iqr)
	ranksum `v', by(rand_group)
	restore
	xi: mestreg b(1).rand_group##b(2).rand_pathophys b(2).rand_age || site:, distribution(weibull)
	xi: mestreg b(1).rand_group##b(2).rand_pathophys b(2).rand_age perfusion_cpb_total || site:, distribution(weibull)
	xi: mestreg b(1).rand_group##b(2).rand_pathophys b(2).rand_age surg_rachs || site:, distribution(weibull)
	preserve
	keep if rand_pathophys==1
	hist `v'
	tabstat `v', by(rand_group) stats(n mean sd min max q iqr)
	ranksum `v', by(rand_group)
	restore
	preserve
	keep if rand_pathophys==2
	hist `v'
	tabstat `v', by(rand_group) stats(n mean sd min max q iqr)
	ranksum `v', by(rand_group)
	restore
	xi: mestreg b(1).rand_group##b(2).rand_pathophys b(2).rand_age || site:, distribution(weibull)
	xi: mestreg b(1).rand_group##b(2).rand_pathophys b(2).rand_age perfusion_cpb_total || site:, distribution(weibull)
	xi: mestreg b(1).rand_group##b(2).rand_pathophys b(2).rand_age surg_rachs || site:, distribution(weibull)
}
local aki_timepoints "picu_aki0 picu_aki24 picu_aki48"
foreach v of varlist `aki_timepoints' {
	tab `v' rand_group, m col exact
	tab `v' rand_group, col exact
	xi: melogit `v' b(1).rand_group b(2).rand_age b(2).rand_pathophys || site:, or
	xi: melogit `v' b(1).rand_group b(2).rand_age b(2).rand_pathophys perfusion_cpb_total || site:, or
	xi: melogit `v' b(1).rand_group b(2).rand_age b(2).rand_pathophys surg_rachs || site:, or
	preserve
	keep if rand_age==1
	tab `v' rand_group, m col chi exact
	tab `v' rand_group, col chi exact
	restore
	preserve
	keep if rand_age==2
	tab `v' rand_group, m col chi exact
	tab `v' rand_group, col chi exact
	restore
	xi: melogit `v' b(1).rand_group##b(2).rand_age b(2).rand_pathophys || site:, or
	xi: melogit `v' b(1).rand_group##b(2).rand_age b(2).rand_pathophys perfusion_cpb_total || site:, or
	xi: melogit `v' b(1).rand_group##b(2).rand_age b(2).rand_pathophys surg_rachs || site:, or
	preserve
	keep if rand_pathophys==1
	tab `v' rand_group, m col chi exact
	tab `v' rand_group, col chi exact
	restore
	preserve
	keep if rand_pathophys==2
	tab `v' rand_group, m col chi exact
	tab `v' rand_group, col chi exact
	restore
	xi: melogit `v' b(1).rand_group##b(2).rand_pathophys b(2).rand_age || site:, or
	xi: melogit `v' b(1).rand_group##b(2).rand_pathophys b(2).rand_age perfusion_cpb_total || site:, or
	xi: melogit `v' b(1).rand_group##b(2).rand_pathophys b(2).rand_age surg_rachs || site:, or
}
