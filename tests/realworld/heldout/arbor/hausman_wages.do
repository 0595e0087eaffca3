* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:S-Arbor/hons-project@c676199d7a456af655d18db3650e43e2cc7fe018 old_data_analysis/random_effects/hausman.do
* author: S. Arbor (repository S-Arbor; an honours project on Australian HILDA wage panels)
* licence: none stated
* data: /Users/x/hons-project/cleaned_data/v3/basic_cleaned.dta = hilda_wages
clear
use "/Users/x/hons-project/cleaned_data/v3/basic_cleaned.dta"
generate xwaveid_int = real(xwaveid)
tsset xwaveid_int wave
xtreg log_real_wage experience experience_sq if sex_male == 1, fe
estimates store fixed
xtreg log_real_wage experience experience_sq if sex_male == 1, re
estimates store random
hausman fixed random, sigmamore
xtreg log_real_wage sector_public experience experience_sq edu_uni edu_diploma children_1 children_2 children_3 children_4_plus health_poor birth_eng birth_neng married_yes married_sep urban_no state_VIC state_WA state_QLD state_SA state_NT state_TAS state_ACT shiftwork_yes parttime long_hours casual union_yes ind_wholesale ind_finance ind_education ind_mine ind_retail ind_housing ind_health ind_manufact ind_accomo_food ind_prof_sci_technical ind_arts_rec ind_utilities ind_logistics ind_admin ind_other_unknown ind_construct ind_it ind_public_admin occ_tech_trade occ_clerical_admin occ_machinery occ_prof occ_community_personal_service occ_sales occ_labourer if sex_male == 1, fe
estimates store fixed_2
xtreg log_real_wage sector_public experience experience_sq edu_uni edu_diploma children_1 children_2 children_3 children_4_plus health_poor birth_eng birth_neng married_yes married_sep urban_no state_VIC state_WA state_QLD state_SA state_NT state_TAS state_ACT shiftwork_yes parttime long_hours casual union_yes ind_wholesale ind_finance ind_education ind_mine ind_retail ind_housing ind_health ind_manufact ind_accomo_food ind_prof_sci_technical ind_arts_rec ind_utilities ind_logistics ind_admin ind_other_unknown ind_construct ind_it ind_public_admin occ_tech_trade occ_clerical_admin occ_machinery occ_prof occ_community_personal_service occ_sales occ_labourer if sex_male == 1, re
estimates store random_2
hausman fixed_2 random_2, sigmamore
