* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 35273673476 (a public GitHub .do file; the index does not name the repository) (excerpt: two of the four jackknife loops)
* author: unknown (path in the file: DBreault/marten)
* licence: none stated
* data: biweek_detect_covariates_1nov2019 = marten_detect
cd H:\Someone\marten
set more off
clear
log using lroc.log, replace
import excel using biweek_detect_covariates_1nov2019, first clear
destring detect, replace
gen count_id = _n
gen LROC_P_ave_Marten_Model_Disturb=.
local No_Obs =_N
forval num = 1(1)`No_Obs' {
melogit detect cut_100 edge_100 quad_edge_100 roads_100 quad_road_100 cluster year AvgOfAvgOfTemp_C if(grid_cell~=`num') || grid_cell :, intpoints(10)
predict p if (grid_cell==`num')
rename p p_case_`num'
replace LROC_P_ave_Marten_Model_Disturb = p_case_`num' if p_case_`num'~=.
drop p_case_*
}
gen LROC_P_ave_Marten_Model_marine=.
local No_Obs =_N
forval num = 1(1)`No_Obs' {
melogit detect dist_marine quad_marine cluster year AvgOfAvgOfTemp_C if(grid_cell~=`num') || grid_cell :, intpoints(10)
predict p if (grid_cell==`num')
rename p p_case_`num'
replace LROC_P_ave_Marten_Model_marine = p_case_`num' if p_case_`num'~=.
drop p_case_*
}
* mlm-expect: r(2000)
roctab detect LROC_P_ave_Marten_Model_Disturb
* mlm-expect: r(2000)
roctab detect LROC_P_ave_Marten_Model_marine
log close
