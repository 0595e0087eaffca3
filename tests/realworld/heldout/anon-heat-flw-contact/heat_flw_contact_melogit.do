* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 38956701637 (a public GitHub .do file of an environmental-epidemiology study of heat exposure and mothers' contact with frontline health workers in India's National Family Health Survey: encode of district, state and an access-problem string, then random-intercept melogit models of no contact in three months on days in temperature bins with factor covariates || meta_state_name_num:, vce(robust) or, the full model and effect modification by residence, distance problem, wealth and education through if subsets, each followed by outreg2 using ..., replace excel dec(3) eform sideway stat(coef ci) level(95) keep(...), estimates store, estimates table ..., b(%9.3f) se(%9.3f) p(%9.3f) and a lincom across two stored models; the index does not name the repository)
* author: unknown (a member of an environmental-health lab, per the file's paths)
* licence: none stated
* data: D:\Arnab\Shared drives\Benmarhnia Lab\Arnab\project-datasets\manuscripts\clim_papers\heat\heat-and-flw-visits\processed-data\2.3-final-hv-data-6mo.dta = nfhs_heat_flw
use "D:\Arnab\Shared drives\Benmarhnia Lab\Arnab\project-datasets\manuscripts\clim_papers\heat\heat-and-flw-visits\processed-data\2.3-final-hv-data-6mo.dta"
cd "D:\Arnab\Shared drives\Benmarhnia Lab\Arnab\project-datasets\manuscripts\clim_papers\heat\heat-and-flw-visits\outputs\models\stata-models"
encode meta_dist_name, generate(meta_dist_name_num)
encode meta_state_name, generate(meta_state_name_num)
encode ses_access_issue_distance, generate(ses_access_issue_distance_num)
melogit dv_no_contact_3mo exp_bin_below_10_10 exp_bin_10_15_10 exp_bin_25_30_10 exp_bin_above_30_10 i.ses_wealth_bi_richer i.ses_access_issue_distance_num i.mat_edu_level meta_rural i.month_int || meta_state_name_num:, vce(robust) or
outreg2 using full_model.xls, replace excel dec(3) eform sideway stat(coef ci) level(95) keep(exp_bin_below_10_10 exp_bin_10_15_10 exp_bin_25_30_10 exp_bin_above_30_10)
melogit dv_no_contact_3mo exp_bin_below_10_10 exp_bin_10_15_10 exp_bin_25_30_10 exp_bin_above_30_10 i.ses_wealth_bi_richer i.ses_access_issue_distance_num i.mat_edu_level i.month_int if meta_rural == 1 || meta_state_name_num:, vce(robust) or
estimates store m_urban
outreg2 using em-urban.xls, replace excel dec(3) eform sideway stat(coef ci) level(95) keep(exp_bin_below_10_10 exp_bin_10_15_10 exp_bin_25_30_10 exp_bin_above_30_10)
melogit dv_no_contact_3mo exp_bin_below_10_10 exp_bin_10_15_10 exp_bin_25_30_10 exp_bin_above_30_10 i.ses_wealth_bi_richer i.ses_access_issue_distance_num i.mat_edu_level i.month_int if meta_rural == 2 || meta_state_name_num:, vce(robust) or
estimates store m_rural
outreg2 using em-rural.xls, replace excel dec(3) eform sideway stat(coef ci) level(95) keep(exp_bin_below_10_10 exp_bin_10_15_10 exp_bin_25_30_10 exp_bin_above_30_10)
estimates table m_rural m_urban, b(%9.3f) se(%9.3f) p(%9.3f)
* mlm-expect: r(111)
lincom [m_rural]exp_bin_below_10_10 - [m_urban]exp_bin_below_10_10
melogit dv_no_contact_3mo exp_bin_below_10_10 exp_bin_10_15_10 exp_bin_25_30_10 exp_bin_above_30_10 i.ses_wealth_bi_richer i.mat_edu_level meta_rural i.month_int if ses_access_issue_distance_num == 1 || meta_state_name_num:, vce(robust) or
outreg2 using em-big-prob.xls, replace excel dec(3) eform sideway stat(coef ci) level(95) keep(exp_bin_below_10_10 exp_bin_10_15_10 exp_bin_25_30_10 exp_bin_above_30_10)
melogit dv_no_contact_3mo exp_bin_below_10_10 exp_bin_10_15_10 exp_bin_25_30_10 exp_bin_above_30_10 i.ses_wealth_bi_richer i.mat_edu_level meta_rural i.month_int if ses_access_issue_distance_num == 2 || meta_state_name_num:, vce(robust) or
outreg2 using em-not-big-prob.xls, replace excel dec(3) eform sideway stat(coef ci) level(95) keep(exp_bin_below_10_10 exp_bin_10_15_10 exp_bin_25_30_10 exp_bin_above_30_10)
melogit dv_no_contact_3mo exp_bin_below_10_10 exp_bin_10_15_10 exp_bin_25_30_10 exp_bin_above_30_10 ses_access_issue_distance_num i.mat_edu_level meta_rural i.month_int if ses_wealth_bi_richer == 1 || meta_state_name_num:, vce(robust) or
outreg2 using em-richer.xls, replace excel dec(3) eform sideway stat(coef ci) level(95) keep(exp_bin_below_10_10 exp_bin_10_15_10 exp_bin_25_30_10 exp_bin_above_30_10)
melogit dv_no_contact_3mo exp_bin_below_10_10 exp_bin_10_15_10 exp_bin_25_30_10 exp_bin_above_30_10 ses_access_issue_distance_num i.mat_edu_level meta_rural i.month_int if ses_wealth_bi_richer == 2 || meta_state_name_num:, vce(robust) or
outreg2 using em-poorer.xls, replace excel dec(3) eform sideway stat(coef ci) level(95) keep(exp_bin_below_10_10 exp_bin_10_15_10 exp_bin_25_30_10 exp_bin_above_30_10)
melogit dv_no_contact_3mo exp_bin_below_10_10 exp_bin_10_15_10 exp_bin_25_30_10 exp_bin_above_30_10 ses_access_issue_distance_num i.ses_wealth_bi_richer meta_rural i.month_int if mat_edu_level == 3 || meta_state_name_num:, vce(robust) or
outreg2 using em-less-edu.xls, replace excel dec(3) eform sideway stat(coef ci) level(95) keep(exp_bin_below_10_10 exp_bin_10_15_10 exp_bin_25_30_10 exp_bin_above_30_10)
melogit dv_no_contact_3mo exp_bin_below_10_10 exp_bin_10_15_10 exp_bin_25_30_10 exp_bin_above_30_10 ses_access_issue_distance_num i.ses_wealth_bi_richer meta_rural i.month_int if mat_edu_level != 1 || meta_state_name_num:, vce(robust) or
outreg2 using em-high-edu.xls, replace excel dec(3) eform sideway stat(coef ci) level(95) keep(exp_bin_below_10_10 exp_bin_10_15_10 exp_bin_25_30_10 exp_bin_above_30_10)
