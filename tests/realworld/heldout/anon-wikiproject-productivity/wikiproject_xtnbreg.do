* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 13612795428 (a public GitHub .do file of a study of Wikipedia editors in WikiProjects -- identity (topic similarity) and bonds (talk) as predictors of productivity, communication and coordination counts: clear all, import delimited ..., encoding(ISO-8859-1), xtset of the project alone, cor/corr of many variables, log2 transforms by ln(x+1)/ln(2), egen std(), collin (SSC), products as interaction terms, egen median() and mean(), string groups by replace ... if, graph bar ..., over(), random-effects negative binomial xtnbreg ..., irr, margins with at() of a variable outside the model, est sto, lrtest of nested fits, test of a coefficient difference; the index does not name the repository)
* author: unknown
* licence: none stated
* data: /Users/bobo/Documents/wikipedia_user_dropout/data/analysis_data/results_dvs_cvs_ivs_encoded_final.csv = wikiproject_editors
clear all
set more off
import delimited "/Users/bobo/Documents/wikipedia_user_dropout/data/analysis_data/results_dvs_cvs_ivs_encoded_final.csv", encoding(ISO-8859-1)
xtset nwikiproject
cor iv_cos_sim iv_amount_talked iv_amount_talking iv_max_talked iv_max_talking iv_member_talked iv_member_talking cv_prior_edits cv_wp_age cv_wp_member_size cv_user_tenure cv_wp_art_size cv_workload
cor iv_cos_sim iv_amount_talked iv_amount_talking iv_max_talked iv_max_talking iv_member_talked iv_member_talking cv_prior_edits cv_wp_age cv_wp_member_size cv_user_tenure cv_wp_art_size cv_workload dv_coordination dv_productivity dv_withdrawal dv_work_comm
gen ln_cv_wp_age = ln(cv_wp_age+1) / ln(2)
gen ln_cv_wp_member_size = ln(cv_wp_member_size+1) / ln(2)
gen ln_cv_wp_art_size = ln(cv_wp_art_size+1) / ln(2)
gen ln_cv_user_tenure = ln(cv_user_tenure+1) / ln(2)
gen ln_cv_prior_edits = ln(cv_prior_edits+1) / ln(2)
gen ln_iv_workload = ln(cv_workload+1) / ln(2)
gen ln_iv_amount_talked = ln(iv_amount_talked+1) / ln(2)
gen ln_iv_amount_talking = ln(iv_amount_talking+1) / ln(2)
gen ln_iv_member_talked = ln(iv_member_talked+1) / ln(2)
gen ln_iv_member_talking = ln(iv_member_talking+1) / ln(2)
gen ln_iv_max_talked = ln(iv_max_talked+1) / ln(2)
gen ln_iv_max_talking = ln(iv_max_talking+1) / ln(2)
egen lns_cv_wp_age = std(ln_cv_wp_age)
egen lns_cv_wp_member_size = std(ln_cv_wp_member_size)
egen lns_cv_wp_art_size = std(ln_cv_wp_art_size)
egen lns_cv_user_tenure = std(ln_cv_user_tenure)
egen lns_cv_prior_edits = std(ln_cv_prior_edits)
egen s_iv_cos_sim = std(iv_cos_sim)
egen lns_iv_workload = std(ln_iv_workload)
egen lns_iv_amount_talked = std(ln_iv_amount_talked)
egen lns_iv_amount_talking = std(ln_iv_amount_talking)
egen lns_iv_member_talked = std(ln_iv_member_talked)
egen lns_iv_member_talking = std(ln_iv_member_talking)
egen lns_iv_max_talked = std(ln_iv_max_talked)
egen lns_iv_max_talking = std(ln_iv_max_talking)
corr lns_cv_wp_age lns_cv_wp_member_size lns_cv_wp_art_size lns_cv_user_tenure lns_cv_prior_edits lns_iv_workload
corr lns_cv_wp_age lns_cv_wp_member_size lns_cv_wp_art_size lns_cv_user_tenure lns_cv_prior_edits lns_iv_workload s_iv_cos_sim lns_iv_max_talking
corr lns_cv_wp_age lns_cv_wp_member_size lns_cv_wp_art_size lns_cv_user_tenure lns_cv_prior_edits s_iv_cos_sim lns_iv_amount_talked lns_iv_amount_talking lns_iv_workload
corr lns_cv_wp_age lns_cv_wp_member_size lns_cv_wp_art_size lns_cv_user_tenure lns_cv_prior_edits s_iv_cos_sim lns_iv_member_talked lns_iv_member_talking lns_iv_workload
corr lns_cv_wp_age lns_cv_wp_member_size lns_cv_wp_art_size lns_cv_user_tenure lns_cv_prior_edits s_iv_cos_sim lns_iv_max_talked lns_iv_max_talking lns_iv_workload
collin lns_cv_wp_age lns_cv_wp_member_size lns_cv_wp_art_size lns_cv_user_tenure lns_cv_prior_edits lns_iv_workload s_iv_cos_sim lns_iv_amount_talking
corr lns_iv_amount_talked lns_iv_amount_talking lns_iv_member_talked lns_iv_member_talking lns_iv_max_talked lns_iv_max_talking
gen cosim_amtlking = s_iv_cos_sim*lns_iv_amount_talking
gen cosim_mbrtlking = s_iv_cos_sim*lns_iv_member_talking
gen cosim_workload = s_iv_cos_sim*lns_iv_workload
gen workload_talking = lns_iv_amount_talking*lns_iv_workload
gen workload_mbr = lns_iv_member_talking*lns_iv_workload
gen bond_group = ""
gen identity_group = ""
egen median_identity = median(s_iv_cos_sim)
egen median_bonds = median(lns_iv_amount_talking)
replace identity_group = "Low Identity" if s_iv_cos_sim <= median_identity
replace identity_group = "High Identity" if s_iv_cos_sim > median_identity
graph bar dv_productivity, over(identity_group)
replace bond_group = "Low Bonds" if lns_iv_amount_talking <= median_bonds
replace bond_group = "High Bonds" if lns_iv_amount_talking > median_bonds
graph bar dv_productivity, over(bond_group)
replace bond_group = ""
replace identity_group = ""
egen mean_identity = mean(s_iv_cos_sim)
egen mean_bonds = mean(lns_iv_amount_talking)
replace identity_group = "Identity - One SD Below Mean" if s_iv_cos_sim <= mean_identity-1
replace identity_group = "Identity - One SD Above Mean" if s_iv_cos_sim > mean_identity+1
graph bar dv_productivity, over(identity_group)
replace bond_group = "Bonds - One SD Below Mean" if lns_iv_amount_talking <= mean_bonds-1
replace bond_group = "Bonds - One SD Above Mean" if lns_iv_amount_talking > mean_bonds+1
graph bar dv_productivity, over(bond_group)
gen iv_cos_sim_non_zero = iv_cos_sim  + 0.001
xtnbreg dv_productivity ln_cv_wp_age ln_cv_wp_member_size ln_cv_wp_art_size ln_cv_user_tenure ln_cv_prior_edits iv_cos_sim_non_zero  ln_iv_amount_talking ln_iv_workload, irr
* mlm-expect: r(322)
margins iv_cos_sim, at(iv_cos_sim=.1409936)
corr dv_productivity lns_cv_wp_age lns_cv_wp_member_size lns_cv_wp_art_size lns_cv_user_tenure lns_cv_prior_edits s_iv_cos_sim lns_iv_amount_talking lns_iv_workload cosim_amtlking cosim_workload workload_talking
xtnbreg dv_productivity lns_cv_wp_age lns_cv_wp_member_size lns_cv_wp_art_size lns_cv_user_tenure lns_cv_prior_edits lns_iv_workload, irr
est sto model1
xtnbreg dv_productivity lns_cv_wp_age lns_cv_wp_member_size lns_cv_wp_art_size lns_cv_user_tenure lns_cv_prior_edits s_iv_cos_sim lns_iv_amount_talking lns_iv_workload, irr
est sto model2
lrtest model1 model2
xtnbreg dv_productivity lns_cv_wp_age lns_cv_wp_member_size lns_cv_wp_art_size lns_cv_user_tenure lns_cv_prior_edits s_iv_cos_sim lns_iv_amount_talking lns_iv_workload cosim_amtlking cosim_workload workload_talking, irr
est sto model3
lrtest model2 model3
cor dv_communication lns_cv_wp_age lns_cv_wp_member_size lns_cv_wp_art_size lns_cv_user_tenure lns_cv_prior_edits s_iv_cos_sim lns_iv_member_talking lns_iv_workload cosim_mbrtlking cosim_workload workload_mbr
xtnbreg dv_communication lns_cv_wp_age lns_cv_wp_member_size lns_cv_wp_art_size lns_cv_user_tenure lns_cv_prior_edits, irr
xtnbreg dv_communication lns_cv_wp_age lns_cv_wp_member_size lns_cv_wp_art_size lns_cv_user_tenure lns_cv_prior_edits s_iv_cos_sim lns_iv_member_talking lns_iv_workload, irr
xtnbreg dv_communication lns_cv_wp_age lns_cv_wp_member_size lns_cv_wp_art_size lns_cv_user_tenure lns_cv_prior_edits s_iv_cos_sim lns_iv_member_talking lns_iv_workload cosim_mbrtlking cosim_workload workload_mbr, irr
cor dv_work_comm lns_cv_wp_age lns_cv_wp_member_size lns_cv_wp_art_size lns_cv_user_tenure lns_cv_prior_edits s_iv_cos_sim lns_iv_amount_talking lns_iv_workload cosim_amtlking cosim_workload workload_talking
xtnbreg dv_work_comm lns_cv_wp_age lns_cv_wp_member_size lns_cv_wp_art_size lns_cv_user_tenure lns_cv_prior_edits lns_iv_workload, irr
est sto model1
xtnbreg dv_work_comm lns_cv_wp_age lns_cv_wp_member_size lns_cv_wp_art_size lns_cv_user_tenure lns_cv_prior_edits s_iv_cos_sim lns_iv_amount_talking lns_iv_workload, irr
est sto model2
lrtest model1 model2
test s_iv_cos_sim - lns_iv_amount_talking = 0
xtnbreg dv_work_comm lns_cv_wp_age lns_cv_wp_member_size lns_cv_wp_art_size lns_cv_user_tenure lns_cv_prior_edits s_iv_cos_sim lns_iv_amount_talking lns_iv_workload cosim_amtlking cosim_workload workload_talking, irr
est sto model3
lrtest model2 model3
cor dv_coordination lns_cv_wp_age lns_cv_wp_member_size lns_cv_wp_art_size lns_cv_user_tenure lns_cv_prior_edits s_iv_cos_sim lns_iv_amount_talking lns_iv_workload cosim_amtlking cosim_workload workload_talking
xtnbreg dv_coordination lns_cv_wp_age lns_cv_wp_member_size lns_cv_wp_art_size lns_cv_user_tenure lns_cv_prior_edits lns_iv_workload, irr
est sto model1
xtnbreg dv_coordination lns_cv_wp_age lns_cv_wp_member_size lns_cv_wp_art_size lns_cv_user_tenure lns_cv_prior_edits s_iv_cos_sim lns_iv_amount_talking lns_iv_workload, irr
est sto model2
lrtest model1 model2
xtnbreg dv_coordination lns_cv_wp_age lns_cv_wp_member_size lns_cv_wp_art_size lns_cv_user_tenure lns_cv_prior_edits s_iv_cos_sim lns_iv_amount_talking lns_iv_workload cosim_amtlking cosim_workload workload_talking, irr
est sto model3
lrtest model2 model3
