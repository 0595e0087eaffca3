* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:erikwestlund/competence-mismatch@48d150e4cfe9ef6a12a2f83b9805276ab0df753d analysis/multilevel-models.do (code-index file id 50727335529)
* author: Erik Westlund (repository owner)
* licence: none stated
* data: data\students_mlm.dta = students_mlm
cd "C:\Users\x\Desktop\project"
use "data\students_mlm.dta", clear
log using results.smcl, replace
xtlogit ever_applied_to_college, i(sch_id) re  or
xtlogit ever_applied_to_college test_mr_diff_c test_composite_c, i(sch_id) re  or
xtlogit ever_applied_to_college c.test_mr_diff_c test_composite_c i.female b1.race c.family_income_log_centered i.parents_ed i.parents_expect_college b1.generational_status b1.urbanicity, i(sch_id) re or
xtlogit ever_applied_to_college c.test_mr_diff_c test_composite_c i.female b1.race c.family_income_log_centered i.parents_ed i.parents_expect_college b1.generational_status b1.urbanicity c.hs_10g_frl_c c.hs_perc_ap_c c.hs_attend_4yr_int_c c.hs_10g_remedial_math_c, i(sch_id) re or
xtlogit applied_selective_college if ever_applied_to_college==1, i(sch_id) re  or
xtlogit applied_selective_college test_mr_diff_c test_composite_c if ever_applied_to_college==1, i(sch_id) re  or
xtlogit applied_selective_college c.test_mr_diff_c test_composite_c i.female b1.race c.family_income_log_centered i.parents_ed i.parents_expect_college b1.generational_status b1.urbanicity if ever_applied_to_college==1, i(sch_id) re or
xtlogit applied_selective_college c.test_mr_diff_c test_composite_c i.female b1.race c.family_income_log_centered i.parents_ed i.parents_expect_college b1.generational_status b1.urbanicity hs_10g_frl_c hs_perc_ap_c hs_attend_4yr_int_c hs_10g_remedial_math_c if ever_applied_to_college==1, i(sch_id) re or
xtlogit accepted_selective_college if ever_applied_to_college==1, i(sch_id) re  or
xtlogit accepted_selective_college test_mr_diff_c test_composite_c if ever_applied_to_college==1, i(sch_id) re  or
xtlogit accepted_selective_college c.test_mr_diff_c test_composite_c i.female b1.race c.family_income_log_centered i.parents_ed i.parents_expect_college b1.generational_status b1.urbanicity if ever_applied_to_college==1, i(sch_id) re or
xtlogit accepted_selective_college c.test_mr_diff_c test_composite_c i.female b1.race c.family_income_log_centered i.parents_ed i.parents_expect_college b1.generational_status b1.urbanicity hs_10g_frl_c hs_perc_ap_c hs_attend_4yr_int_c hs_10g_remedial_math_c if ever_applied_to_college==1, i(sch_id) re or
xtlogit earned_ba_within_six_years if ever_applied_to_college==1, i(sch_id) re  or
xtlogit earned_ba_within_six_years test_mr_diff_c test_composite_c if ever_applied_to_college==1, i(sch_id) re  or
xtlogit earned_ba_within_six_years c.test_mr_diff_c test_composite_c i.female b1.race c.family_income_log_centered i.parents_ed i.parents_expect_college b1.generational_status b1.urbanicity if ever_applied_to_college==1, i(sch_id) re or
xtlogit earned_ba_within_six_years c.test_mr_diff_c test_composite_c i.female b1.race c.family_income_log_centered i.parents_ed i.parents_expect_college b1.generational_status b1.urbanicity hs_10g_frl_c hs_perc_ap_c hs_attend_4yr_int_c hs_10g_remedial_math_c if ever_applied_to_college==1, i(sch_id) re or
predict prob_degree, pr
sum prob_degree if m90_r90==1
sum prob_degree if m90_r60==1
sum prob_degree if m75_r75==1
sum prob_degree if m60_r90==1
sum prob_degree if m50_r50==1
sum prob_degree if m50_r20==1
sum prob_degree if m35_r35==1
sum prob_degree if m20_r50==1
log close
