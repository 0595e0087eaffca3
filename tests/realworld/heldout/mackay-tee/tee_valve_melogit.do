* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:emily-jane-mackay/Impact-of-Staffing-on-TEE-@05fe5705d4f26989410d744ec8e55cc7a8122a6f model_1_valve_2022_04_09.do (code-index repository; a health-services study of intraoperative transesophageal echocardiography (TEE) in Medicare valve surgery: patients in hospitals with surgeon, hospital, county (AHRF) and hospital-survey (AHA) variables read from a csv -- rates rescaled and dichotomised with cond() at their percentiles, histograms and kdensity overlays, staffing models built as strings and encoded, census regions from state indicators, a table-one of tabulate ..., chi2 expected miss column matcell() matrow() and ttest ..., by() each followed by the author's mtable program (not in the repository), then two-level melogit models of TEE by hospital (|| cms_org_npi_num_medpar:, or) with ib(3). staffing, estat icc, the median odds ratio and interval odds ratios by display, r(table) read by row and column name (r(table)["b", "/:var(_cons[...])"]) into locals, putexcel set/putexcel cells, outreg2 ..., eform sideway alpha() noaster, and log close _all)
* author: repository owner emily-jane-mackay
* licence: none stated
* data: /path/data_file.csv = tee_valve_medicare
set more off
set linesize 255
cd "/path/"
local file_name = "logfile"
local path = "/path/"
log using "`path'`file_name'.txt", replace text name("logfile")
import delimited "/path/data_file.csv", clear
generate exclude = 1 if cms_prf_physn_npi_srg == .
generate anesthesiologist_tee_ratio_sc = anesthesiologist_tee_ratio*100
generate cardiologist_tee_ratio_sc = cardiologist_tee_ratio*100
generate cms_prf_physn_npi_srg_tee_rate_s = cms_prf_physn_npi_srg_tee_rate*100
generate cms_org_npi_tee_rate_sc = cms_org_npi_tee_rate*100
summarize cms_org_npi_count, detail
summarize cms_prf_physn_npi_srg_count, detail
generate cms_org_npi_count_high = cond(cms_org_npi_count > 190, 1, 0)
generate cms_org_npi_count_low = cond(cms_org_npi_count <= 190, 1, 0)
summarize cms_prf_physn_npi_srg_tee_rate if exclude != 1, detail
histogram cms_prf_physn_npi_srg_tee_rate if exclude != 1
generate surgeon_tee_ratio_high = cond(cms_prf_physn_npi_srg_tee_rate >= .9625, 1, 0)
generate surgeon_tee_ratio_low = cond(cms_prf_physn_npi_srg_tee_rate < .9625, 1, 0)
tabulate surgeon_tee_ratio_high if exclude != 1
summarize cms_org_npi_tee_rate if exclude != 1, detail
histogram cms_org_npi_tee_rate if exclude != 1
generate org_tee_ratio_high = cond(cms_org_npi_tee_rate >= .8285714, 1, 0)
generate org_tee_ratio_low = cond(cms_org_npi_tee_rate < .8285714, 1, 0)
tabulate org_tee_ratio_high if exclude != 1
summarize anesthesiologist_tee_ratio if exclude != 1, detail
generate anesthesiologist_tee_ratio_high = cond(anesthesiologist_tee_ratio >= .6963434, 1, 0)
generate anesthesiologist_tee_ratio_low = cond(anesthesiologist_tee_ratio < .6963434, 1, 0)
summarize anesthesiologist_tee_ratio if exclude != 1, detail
generate anesthesiologist_tee_ratio_75_h = cond(anesthesiologist_tee_ratio >= .8274648, 1, 0)
generate anesthesiologist_tee_ratio_75_l = cond(anesthesiologist_tee_ratio < .8274648, 1, 0)
summarize cardiologist_tee_ratio if exclude != 1, detail
generate cardiologist_tee_ratio_high = cond(cardiologist_tee_ratio >= .2289157, 1, 0)
generate cardiologist_tee_ratio_low = cond(cardiologist_tee_ratio < .2289157, 1, 0)
summarize cardiologist_tee_ratio if exclude != 1, detail
generate cardiologist_tee_ratio_75_h = cond(cardiologist_tee_ratio >= .4545455 , 1, 0)
generate cardiologist_tee_ratio_75_l = cond(cardiologist_tee_ratio < .4545455 , 1, 0)
twoway scatter cms_prf_physn_npi_srg_tee_rate cms_org_npi_tee_rate if exclude != 1, || lfit cms_prf_physn_npi_srg_tee_rate cms_org_npi_tee_rate
histogram cms_prf_physn_npi_srg_tee_rate if exclude != 1
histogram cms_org_npi_tee_rate if exclude != 1
twoway (kdensity cms_prf_physn_npi_srg_tee_rate if exclude != 1) (kdensity cms_org_npi_tee_rate if exclude != 1)
twoway (kdensity cms_org_npi_tee_rate if exclude != 1 & anesthesiologist_tee_ratio_high == 1) (kdensity cms_org_npi_tee_rate if exclude != 1 & cardiologist_tee_ratio_high == 1)
twoway (kdensity cms_prf_physn_npi_srg_tee_rate if exclude != 1 & anesthesiologist_tee_ratio_high == 1) (kdensity cms_prf_physn_npi_srg_tee_rate if exclude != 1 & cardiologist_tee_ratio_high == 1)
histogram cms_prf_physn_npi_srg_tee_rate if exclude != 1, graphregion(color(white)) color(grey) lcolor(blue) bin(100) xtitle("Title") title("Title", size(large)) plotregion(fcolor(white))
histogram cms_org_npi_tee_rate if exclude != 1, graphregion(color(white)) color(grayscale 1) lcolor(green) bin(100) xtitle("Title") title("Title", size(large))
twoway (kdensity cms_org_npi_tee_rate if exclude != 1 & anesthesiologist_tee_ratio_high == 1, lcolor(blue)) (kdensity cms_org_npi_tee_rate if exclude != 1 & cardiologist_tee_ratio_high == 1, lcolor(orange)), legend(order(1 "Label" 2 "Label")) ytitle("Title") xtitle("Title") title("Title", size(small)) graphregion(color(white))
generate cms_pulmonic_repair_replace = cond((cms_pulmonic_repair == 1 | cms_pulmonic_replace == 1), 1, 0)
tabulate anesthesiologist_tee_ratio_high cardiologist_tee_ratio_high, miss
generate anes_vs_cards = ""
replace anes_vs_cards = "anesthesiologist_model" if anesthesiologist_tee_ratio_high == 1 & cardiologist_tee_ratio_low == 1
replace anes_vs_cards = "cardiologist_model" if cardiologist_tee_ratio_high == 1 & anesthesiologist_tee_ratio_low == 1
replace anes_vs_cards = "mixed_staffing_model" if anes_vs_cards == ""
tabulate anes_vs_cards, miss
encode anes_vs_cards, generate(anes_vs_cards_e)
generate anes_vs_cards_extreme = ""
replace anes_vs_cards_extreme = "anesthesiologist_model" if anesthesiologist_tee_ratio_75_h == 1 & cardiologist_tee_ratio_75_l == 1
replace anes_vs_cards_extreme = "cardiologist_model" if cardiologist_tee_ratio_75_h == 1 & anesthesiologist_tee_ratio_75_l == 1
replace anes_vs_cards_extreme = "mixed_staffing_model" if anes_vs_cards_extreme == ""
tabulate anes_vs_cards_extreme, miss
encode anes_vs_cards_extreme, generate(anes_vs_cards_extreme_e)
generate foo_staff = ""
replace foo_staff = "anesthesiologist_model" if anesthesiologist_tee_ratio >= .6048185 & cardiologist_tee_ratio < .3185788
replace foo_staff = "cardiologist_model" if cardiologist_tee_ratio >= .3185788 & anesthesiologist_tee_ratio < .6048185
replace foo_staff = "mixed_staffing_model" if (anesthesiologist_tee_ratio >= .6048185 & cardiologist_tee_ratio >= .3185788) | (anesthesiologist_tee_ratio < .6048185 & cardiologist_tee_ratio < .3185788)
tabulate anes_vs_cards cms_cpt_tee if exclude != 1, chi2
tabulate anes_vs_cards_extreme cms_cpt_tee if exclude != 1, chi2
gen census_northeast = cond((state_ct == 1 | state_me == 1 | state_ma == 1 | state_nh == 1 | state_ri == 1 | state_vt == 1 | state_nj == 1 | state_ny == 1 | state_pa == 1), 1, 0)
gen census_midwest = cond((state_il  == 1 | state_in == 1 | state_mi == 1 | state_oh == 1 | state_wi == 1 | state_ia == 1 | state_ks == 1 | state_mn == 1 | state_mo == 1 | state_ne == 1 | state_nd == 1 | state_sd == 1), 1, 0)
gen census_south = cond((state_de == 1 | state_fl == 1 | state_ga == 1 | state_md == 1 | state_nc == 1 | state_sc == 1 | state_va == 1 | state_dc == 1 | state_wv == 1 | state_al == 1 | state_ky == 1 | state_ms == 1 | state_tn == 1 | state_ar == 1 | state_la == 1 | state_ok == 1 | state_tx == 1), 1, 0)
gen census_west = cond((state_az == 1 | state_co == 1 | state_id == 1 | state_mt == 1 | state_nv == 1 | state_nm == 1 | state_ut == 1 | state_wy == 1 | state_ca == 1 | state_or == 1 | state_wa == 1), 1, 0)
gen census_region = " "
replace census_region = "northeast" if census_northeast == 1
replace census_region = "midwest" if census_midwest == 1
replace census_region = "south" if census_south == 1
replace census_region = "west" if census_west == 1
generate male = cond((cms_sex_medpar ==0 ), 1, 0)
generate female = cond((cms_sex_medpar == 1), 1, 0)
mtable set table_a
tabulate anes_vs_cards_e cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" anes_vs_cards_e "Label"
ttest cms_age_cnt, by(cms_cpt_tee)
mtable "ttest" cms_age_cnt "Label"
tabulate male cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" male "Label"
tabulate female cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" female "Label"
tabulate cms_race_str_white cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_race_str_white "Label"
tabulate cms_race_str_black cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_race_str_black "Label"
tabulate cms_race_str_asian cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_race_str_asian "Label"
tabulate cms_race_str_northamericannative cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_race_str_northamericannative "Label"
tabulate cms_race_str_other cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_race_str_other "Label"
tabulate cms_race_str_unknown cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_race_str_unknown "Label"
tabulate cms_race_str_hispanic cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_race_str_hispanic "Label"
tabulate cms_admsnday_1 cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_admsnday_1 "Label"
tabulate cms_admsnday_2 cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_admsnday_2 "Label"
tabulate cms_admsnday_3 cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_admsnday_3 "Label"
tabulate cms_admsnday_4 cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_admsnday_4 "Label"
tabulate cms_admsnday_5 cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_admsnday_5 "Label"
tabulate cms_admsnday_6 cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_admsnday_6 "Label"
tabulate cms_admsnday_7 cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_admsnday_7 "Label"
tabulate cms_aortic_repair cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_aortic_repair "Label"
tabulate cms_aortic_replace cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_aortic_replace "Label"
tabulate cms_mitral_repair cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_mitral_repair "Label"
tabulate cms_mitral_replace cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_mitral_replace "Label"
tabulate cms_pulmonic_repair_replace cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_pulmonic_repair_replace "Label"
tabulate cms_tricuspid_repair cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_tricuspid_repair "Label"
tabulate cms_tricuspid_replace cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_tricuspid_replace "Label"
tabulate cms_valve_plus_cabg cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_valve_plus_cabg "Label"
tabulate cms_hv_replace_unspecified cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_hv_replace_unspecified "Label"
tabulate cms_hv_repair_unspecified cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_hv_repair_unspecified "Label"
tabulate cms_hv_replace_unspecified cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_hv_replace_unspecified "Label"
tabulate cms_admit_type_elective cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_admit_type_elective "Label"
tabulate cms_admit_type_emergency cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_admit_type_emergency "Label"
tabulate cms_admit_type_urgent cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_admit_type_urgent "Label"
tabulate cms_arrhythmia_6_preexist cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_arrhythmia_6_preexist "Label"
tabulate cms_chf_6_preexist cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_chf_6_preexist "Label"
tabulate cms_cpd_6_preexist cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_chf_6_preexist "Label"
tabulate cms_diabetes_all_6_preexist cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_diabetes_all_6_preexist "Label"
tabulate cms_htn_all_6_preexist cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_htn_all_6_preexist "Label"
tabulate cms_liver_6_preexist cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_liver_6_preexist "Label"
tabulate cms_neuro_6_preexist cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_neuro_6_preexist "Label"
tabulate cms_obesity_6_preexist cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_obesity_6_preexist "Label"
tabulate cms_pulm_circ_6_preexist cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_pulm_circ_6_preexist "Label"
tabulate cms_pvd_6_preexist cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_pvd_6_preexist "Label"
tabulate cms_renal_6_preexist cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_renal_6_preexist "Label"
ttest cms_org_npi_tee_rate, by(cms_cpt_tee)
mtable "ttest" cms_org_npi_tee_rate "Label"
ttest cms_prf_physn_npi_srg_tee_rate, by(cms_cpt_tee)
mtable "ttest" cms_prf_physn_npi_srg_tee_rate "Label"
ttest anesthesiologist_tee_ratio, by(cms_cpt_tee)
mtable "ttest" anesthesiologist_tee_ratio "Label"
ttest cardiologist_tee_ratio, by(cms_cpt_tee)
mtable "ttest" cardiologist_tee_ratio "Label"
ttest cms_org_npi_count, by(cms_cpt_tee)
mtable "ttest" cms_org_npi_count "Label"
ttest cms_org_npi_annual_count, by(cms_cpt_tee)
mtable "ttest" cms_org_npi_annual_count "Label"
tabulate cms_org_npi_count_high cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_org_npi_count_high "Label"
ttest cms_prf_physn_npi_srg_count, by(cms_cpt_tee)
mtable "ttest" cms_prf_physn_npi_srg_count "Label"
ttest cms_prf_physn_npi_srg_annual_cou, by(cms_cpt_tee)
mtable "ttest" cms_prf_physn_npi_srg_annual_cou "Label"
ttest aha_hospbd, by(cms_cpt_tee)
mtable "ttest" aha_hospbd "Label"
ttest aha_adc, by(cms_cpt_tee)
mtable "ttest" aha_adc "Label"
ttest aha_ftmdtf, by(cms_cpt_tee)
mtable "ttest" aha_ftmdtf "Label"
ttest aha_ftres, by(cms_cpt_tee)
mtable "ttest" aha_ftres "Label"
ttest aha_fttran84, by(cms_cpt_tee)
mtable "ttest" aha_fttran84 "Label"
ttest aha_ftlpntf, by(cms_cpt_tee)
mtable "ttest" aha_ftlpntf "Label"
ttest aha_ftast, by(cms_cpt_tee)
mtable "ttest" aha_ftast "Label"
ttest aha_suropip, by(cms_cpt_tee)
mtable "ttest" aha_suropip "Label"
tabulate aha_mapp1_jc_accred cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" aha_mapp1_jc_accred "Label"
tabulate aha_mapp3_acgme cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" aha_mapp3_acgme "Label"
tabulate aha_mapp5_med_sch cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" aha_mapp5_med_sch "Label"
tabulate cms_yr_2013 cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_yr_2013 "Label"
tabulate cms_yr_2014 cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_yr_2014 "Label"
tabulate cms_yr_2015 cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" cms_yr_2015 "Label"
tabulate census_northeast cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" census_northeast "Label"
tabulate census_midwest cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" census_midwest "Label"
tabulate census_south cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" census_south "Label"
tabulate census_west cms_cpt_tee, chi2 expected miss column matcell(values) matrow(names)
mtable "tabulate" census_west "Label"
ttest ahrf_anes_attd_total_2015, by(cms_cpt_tee)
mtable "ttest" ahrf_anes_attd_total_2015 "Label"
ttest ahrf_surg_total_2015, by(cms_cpt_tee)
mtable "ttest" ahrf_surg_total_2015 "Label"
ttest ahrf_thoracic_surgery_2015, by(cms_cpt_tee)
mtable "ttest" ahrf_thoracic_surgery_2015 "Label"
ttest ahrf_anes_crna_npi_2015, by(cms_cpt_tee)
mtable "ttest" ahrf_anes_crna_npi_2015 "Label"
ttest linear_distance_miles, by(cms_cpt_tee)
mtable "ttest" linear_distance_miles "Label"
ttest cms_org_npi_tee_rate, by(cms_cpt_tee)
ttest anesthesiologist_tee_ratio, by(cms_cpt_tee)
ttest cardiologist_tee_ratio, by(cms_cpt_tee)
summarize anesthesiologist_tee_ratio, detail
summarize cardiologist_tee_ratio, detail
melogit cms_cpt_tee, || cms_org_npi_num_medpar:, or
estat icc
di exp(0.95*sqrt( 1.030063))
di exp(0.95*sqrt( .9324823))
di exp(0.95*sqrt( 1.137856))
melogit cms_cpt_tee ib(3).anes_vs_cards_e, || cms_org_npi_num_medpar:, or
estat icc
di exp(0.95*sqrt(.9315683))
di exp(0.95*sqrt(.8423376))
di exp(0.95*sqrt(1.030251))
melogit cms_cpt_tee ib(3).anes_vs_cards_e, || cms_org_npi_num_medpar:
di exp(.147546)
di exp(( .147546 ) + (sqrt(2*.9315683 )) * (-1.2816))
di exp(( .147546 ) + (sqrt(2*.9315683 )) * (1.2816))
di exp((-.4266018 ) + (sqrt(2*.9315683 )) * (-1.2816))
di exp((-.4266018 ) + (sqrt(2*.9315683 )) * (1.2816))
melogit cms_cpt_tee cms_age_cnt female cms_race_str_white cms_race_str_black cms_race_str_asian cms_race_str_northamericannative cms_race_str_other cms_race_str_hispanic cms_admsnday_1 cms_admsnday_3 cms_admsnday_4 cms_admsnday_5 cms_admsnday_6 cms_admsnday_7 cms_valve cms_aortic_repair cms_aortic_replace cms_mitral_repair cms_mitral_replace cms_pulmonic_repair_replace cms_tricuspid_repair cms_tricuspid_replace cms_valve_plus_cabg cms_hv_repair_unspecified cms_hv_replace_unspecified cms_admit_type_elective cms_admit_type_emergency cms_admit_type_urgent cms_arrhythmia_6_preexist cms_chf_6_preexist cms_cpd_6_preexist cms_diabetes_all_6_preexist cms_htn_all_6_preexist cms_liver_6_preexist cms_neuro_6_preexist cms_obesity_6_preexist cms_pulm_circ_6_preexist cms_pvd_6_preexist cms_renal_6_preexist cms_yr_2014 cms_yr_2015 cms_org_npi_annual_count aha_hospbd aha_mapp5_med_sch census_northeast census_south census_west ahrf_anes_attd_total_2015 ahrf_surg_total_2015 ahrf_thoracic_surgery_2015 ahrf_anes_crna_npi_2015 linear_distance_miles, || cms_org_npi_num_medpar:, or
matrix list r(table)
ereturn list
di sqrt(.9851245)
di exp(0.95*sqrt(.9851245))
local MOR_a = exp(0.95 * sqrt(r(table)["b", "/:var(_cons[cms_org_npi_num_medpar])"]))
local MOR_ll_a = exp(0.95 * sqrt(r(table)["ll", "/:var(_cons[cms_org_npi_num_medpar])"]))
local MOR_ul_a = exp(0.95 * sqrt(r(table)["ul", "/:var(_cons[cms_org_npi_num_medpar])"]))
local sigma_a = sqrt(r(table)["b", "/:var(_cons[cms_org_npi_num_medpar])"])
local sigma_ll_a = sqrt(r(table)["ll", "/:var(_cons[cms_org_npi_num_medpar])"])
local sigma_ul_a = sqrt(r(table)["ul", "/:var(_cons[cms_org_npi_num_medpar])"])
putexcel set "results.xls", replace
putexcel A1 = ("Text") B1 = ("Text") C1 = ("Text") D1 = ("Text") E1 = ("Text") F1 = ("Text") G1 = ("Text")
putexcel A2 = "Text"
putexcel B2 = ("`sigma_a'")
putexcel C2 = ("`sigma_ll_a'")
putexcel D2 = ("`sigma_ul_a'")
putexcel E2 = ("`MOR_a'")
putexcel F2 = ("`MOR_ll_a'")
putexcel G2 = ("`MOR_ul_a'")
outreg2 using results.xml, replace dec(2) stat(coef ci pval) eform sideway alpha(0.0001, 0.001, 0.01) noaster ctitle(model_a)
melogit cms_cpt_tee ib(3).anes_vs_cards_e cms_age_cnt female cms_race_str_white cms_race_str_black cms_race_str_asian cms_race_str_northamericannative cms_race_str_other cms_race_str_hispanic cms_admsnday_1 cms_admsnday_3 cms_admsnday_4 cms_admsnday_5 cms_admsnday_6 cms_admsnday_7 cms_valve cms_aortic_repair cms_aortic_replace cms_mitral_repair cms_mitral_replace cms_pulmonic_repair_replace cms_tricuspid_repair cms_tricuspid_replace cms_valve_plus_cabg cms_hv_repair_unspecified cms_hv_replace_unspecified cms_admit_type_elective cms_admit_type_emergency cms_admit_type_urgent cms_arrhythmia_6_preexist cms_chf_6_preexist cms_cpd_6_preexist cms_diabetes_all_6_preexist cms_htn_all_6_preexist cms_liver_6_preexist cms_neuro_6_preexist cms_obesity_6_preexist cms_pulm_circ_6_preexist cms_pvd_6_preexist cms_renal_6_preexist cms_yr_2014 cms_yr_2015 cms_org_npi_annual_count aha_hospbd aha_mapp5_med_sch census_northeast census_south census_west ahrf_anes_attd_total_2015 ahrf_surg_total_2015 ahrf_thoracic_surgery_2015 ahrf_anes_crna_npi_2015 linear_distance_miles, || cms_org_npi_num_medpar:, or
matrix list r(table)
ereturn list
local MOR_b = exp(0.95 * sqrt(r(table)["b", "/:var(_cons[cms_org_npi_num_medpar])"]))
local MOR_ll_b = exp(0.95 * sqrt(r(table)["ll", "/:var(_cons[cms_org_npi_num_medpar])"]))
local MOR_ul_b = exp(0.95 * sqrt(r(table)["ul", "/:var(_cons[cms_org_npi_num_medpar])"]))
local sigma_b = sqrt(r(table)["b", "/:var(_cons[cms_org_npi_num_medpar])"])
local sigma_ll_b = sqrt(r(table)["ll", "/:var(_cons[cms_org_npi_num_medpar])"])
local sigma_ul_b = sqrt(r(table)["ul", "/:var(_cons[cms_org_npi_num_medpar])"])
putexcel set "results.xls", modify
putexcel J1 = ("Text") K1 = ("Text") L1 = ("Text") M1 = ("Text") N1 = ("Text") O1 = ("Text") P1 = ("Text")
putexcel J2 = "Text"
putexcel K2 = ("`sigma_b'")
putexcel L2 = ("`sigma_ll_b'")
putexcel M2 = ("`sigma_ul_b'")
putexcel N2 = ("`MOR_b'")
putexcel O2 = ("`MOR_ll_b'")
putexcel P2 = ("`MOR_ul_b'")
outreg2 using results.xml, append dec(2) stat(coef ci pval) eform sideway alpha(0.0001, 0.001, 0.01) noaster ctitle(model_b)
melogit cms_cpt_tee ib(3).anes_vs_cards_e cms_age_cnt female cms_race_str_white cms_race_str_black cms_race_str_asian cms_race_str_northamericannative cms_race_str_other cms_race_str_hispanic cms_admsnday_1 cms_admsnday_3 cms_admsnday_4 cms_admsnday_5 cms_admsnday_6 cms_admsnday_7 cms_valve cms_aortic_repair cms_aortic_replace cms_mitral_repair cms_mitral_replace cms_pulmonic_repair_replace cms_tricuspid_repair cms_tricuspid_replace cms_valve_plus_cabg cms_hv_repair_unspecified cms_hv_replace_unspecified cms_admit_type_elective cms_admit_type_emergency cms_admit_type_urgent cms_arrhythmia_6_preexist cms_chf_6_preexist cms_cpd_6_preexist cms_diabetes_all_6_preexist cms_htn_all_6_preexist cms_liver_6_preexist cms_neuro_6_preexist cms_obesity_6_preexist cms_pulm_circ_6_preexist cms_pvd_6_preexist cms_renal_6_preexist cms_yr_2014 cms_yr_2015 cms_org_npi_annual_count aha_hospbd aha_mapp5_med_sch census_northeast census_south census_west ahrf_anes_attd_total_2015 ahrf_surg_total_2015 ahrf_thoracic_surgery_2015 ahrf_anes_crna_npi_2015 linear_distance_miles, || cms_org_npi_num_medpar:
matrix list r(table)
ereturn list
di exp( .2195423 )
di exp(( .2195423  ) + (sqrt(2*.8599704 )) * (-1.2816))
di exp((.2195423 ) + (sqrt(2*.8599704 )) * (1.2816))
di exp((  -.4732371 ) + (sqrt(2*.8599704 )) * (-1.2816))
di exp((  -.4732371 ) + (sqrt(2*.8599704 )) * (1.2816))
local IOR_anes_l_c = exp((r(table)["b", "cms_cpt_tee:1.anes_vs_cards_e"]) + (sqrt(2 * r(table)["b", "/:var(_cons[cms_org_npi_num_medpar])"]) * (-1.2816)))
local IOR_anes_u_c = exp((r(table)["b", "cms_cpt_tee:1.anes_vs_cards_e"]) + (sqrt(2 * r(table)["b", "/:var(_cons[cms_org_npi_num_medpar])"]) * (1.2816)))
local IOR_cards_l_c = exp((r(table)["b", "cms_cpt_tee:2.anes_vs_cards_e"]) + (sqrt(2 * r(table)["b", "/:var(_cons[cms_org_npi_num_medpar])"]) * (-1.2816)))
local IOR_cards_u_c = exp((r(table)["b", "cms_cpt_tee:2.anes_vs_cards_e"]) + (sqrt(2 * r(table)["b", "/:var(_cons[cms_org_npi_num_medpar])"]) * (1.2816)))
putexcel set "results.xls", modify
putexcel S1 = ("Text") T1 = ("Text") U1 = ("Text")
putexcel S4 = "Text"
putexcel S5 = "Text"
putexcel T4 = ("`IOR_anes_l_c'")
putexcel U4 = ("`IOR_anes_u_c'")
putexcel T5 = ("`IOR_cards_l_c'")
putexcel U5 = ("`IOR_cards_u_c'")
outreg2 using results.xml, append dec(2) stat(coef ci pval) sideway alpha(0.0001, 0.001, 0.01) noaster ctitle(model_c)
log close _all
