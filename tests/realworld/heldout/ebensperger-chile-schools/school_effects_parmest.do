* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:BrunoE23/causal_schools@1770f5521fd3a0a2ea1de0ea2fe12e71b81de7ce code/preliminary_reg.do (a doctoral project on causal school effects in Chile's centralised school admission: school effects on schooling and university-entrance outcomes -- cd and use ..., replace, cap which / if _rc ssc install (one name misspelled by the author, so its ssc install runs), a loop of summarize, detail with r(p1)/r(p99) winsorising into new variables, egen rowmean(), a median split from summ ..., d, globals of outcomes joined by /// with a /// comment, tempfile and a local flag, nested loops over outcomes and a one-element quoted list with preserve, di as txt, an empty local and if/else if chains of local ifcond, qui areg y i.school $controls `ifcond', absorb(target school) vce(cluster target school), capture noisily di of e(N) and e(N_clust1) with %9.0f and of `e(droppedvars)', quietly parmest, norestore, keep if strpos() & !strpos(), destring of substr(parm,...) gen() force, gen byte of a comparison, gen str32 of the loop names, if `first' { save } else { append using / save, replace }, restore; then use of the tempfile, compress, rename, label var, keep/order/sort, save and export delimited)
* author: Bruno Ebensperger (repository BrunoE23)
* licence: none stated
* data: ./data/clean/final_data.dta = chile_school_admissions
set more off
cd "C:/Users/x/Dropbox/causal_schools/"
use "./data/clean/final_data.dta", replace
cap which reghdfe
if _rc ssc install reghdfe
cap which parmest
if _rc ssc install parmest
cap which ftoools
if _rc ssc install ftools
foreach v in school_grade_avg_GPA_t_0 school_grade_avg_GPA_t_1 school_grade_avg_GPA_t_2 school_grade_avg_GPA_t_3 school_grade_avg_ATT_t_0 school_grade_avg_ATT_t_1 school_grade_avg_ATT_t_2 school_grade_avg_ATT_t_3 z_ATT_t_min4 z_ATT_t_min3 z_ATT_t_min2 z_ATT_t_min1 z_GPA_t_min4 z_GPA_t_min3 z_GPA_t_min2 z_GPA_t_min1 	{
   summarize `v', detail
    local p1  = r(p1)
    local p99 = r(p99)
    gen `v'_c = `v'
    replace `v'_c = `p1'  if `v'_c < `p1'
    replace `v'_c = `p99' if `v'_c > `p99'
}
egen pre_GPA = rowmean(z_GPA_t_min4_c z_GPA_t_min3_c z_GPA_t_min2_c z_GPA_t_min1_c)
egen pre_ATT = rowmean(z_ATT_t_min4_c z_ATT_t_min3_c z_ATT_t_min2_c z_ATT_t_min1_c)
summ pre_GPA, d
	local GPA_median = r(p50)
gen         above_median_GPA_pre = 1  if 	pre_GPA >= `GPA_median'
	replace above_median_GPA_pre = 0  if    pre_GPA <  `GPA_median'
global outcomes_tracking   female n_years_rbd_target_post n_school_changes_post school_grade_avg_GPA_t_min4 school_grade_avg_GPA_t_min1  school_grade_avg_GPA_t_0 school_grade_avg_GPA_t_3
global outcomes_app			graduated_hs	  /// registered_psu
							completed_psu math_max leng_max  took_only_science took_only_history took_both avg_stem_share prop_science1 prop_technology1 prop_health1 prop_engineer2 prop_science2 prop_technology2 prop_health2
global controls pre_ATT pre_GPA
tempfile accum
local first = 1
foreach y in n_years_rbd_target_post $outcomes_app {
	 foreach group in "all"  {
preserve
    di as txt "---- x: `y' ----"
    di as txt "---- x: `group' ----"
        local ifcond
        if "`group'" == "female"       local ifcond if female==1
        else if "`group'" == "male"    local ifcond if female==0
        else if "`group'" == "ab_med"  local ifcond if above_median_GPA_pre==1
        else if "`group'" == "be_med"  local ifcond if above_median_GPA_pre==0
   qui  areg `y' i.rbd_admitido $controls `ifcond', absorb(rbd_target) vce(cluster rbd_target)
    capture noisily di as text "x: " %9.0f e(N) "  |  x: " %9.0f e(N_clust1)
    capture noisily di as text "x: `e(droppedvars)'"
    quietly parmest, norestore
    keep if strpos(parm, ".rbd_admitido") & !strpos(parm, "#")
    drop if missing(estimate)
    gen str level_str = substr(parm, 1, strpos(parm, ".")-1)
    destring level_str, gen(school_id) force
    drop level_str
    gen byte sig = abs(t) > 1.96
    gen str32 outcome = "`y'"
    gen str32 group = "`group'"
    if `first' {
        save `accum'
        local first = 0
    }
    else {
        append using `accum'
        save `accum', replace
    }
restore
	}
}
use `accum', clear
compress
di as res "x"
	rename estimate beta
	rename stderr se
    label var school_id "x"
    label var beta  "x"
    label var se    "x"
    label var t         "x"
    label var p         "x"
    label var sig       "x"
    label var outcome   "x"
    label var group     "x"
    keep outcome school_id  beta se t p sig group
    order outcome school_id group
    sort  outcome school_id
 save "data/clean/effects_schools_long_v2.dta", replace
 export delimited using "data/clean/effects_schools_long_v2.csv", replace
