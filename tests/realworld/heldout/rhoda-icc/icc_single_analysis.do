* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 425995185 (a public GitHub .do file of a study of intracluster correlations of vaccination coverage in cluster surveys: one analysis of the iccloop/iccplot programs done step by step -- rural clusters of a demonstration routine-immunisation survey, outcome crude third-dose pentavalent coverage: postfile of 48 results with str255 columns, keep if, scalars, svyset clusterid, strata() weight() singleunit(scaled), svy, subpop(if inlist()) : proportion and e(N_psu)/e(N_strata), preserve/restore around the organ-pipe plot (opplot, the authors' program) and its saved data (cluster sizes, weighted mean cluster size in a forvalues over `=_N'), coverage and its interval by svypd (the authors' program) with six interval methods and the design effect r(deff), the design effect without strata or weights, the weights' coefficient of variation, the ICC by calcicc (the authors' program) and by loneway with r(lb)/r(ub), bootstrap r(rho), reps() seed() strata() cluster(): loneway for percentile intervals from e(ci_percentile), post with `=scalar()' strings, postclose, label variable and compress/save; the index does not name the repository)
* author: Dale Rhoda (Biostat Global Consulting, named in the file)
* licence: none stated
* data: ri_example_dataset_Harmonia = ri_harmonia_demo
cd "Q:\folder\demo"
capture postclose iout
postfile iout survey_id unique_survey_row_id str255 path_to_dataset str255 dataset_name str255 agegroup str255 outcome_name stratum_level str255 stratvar stratum_id str255 stratum_name str255 path_to_opplot str255 opplot_name n_clusters n m_avg m_sd m_min m_max ncp100 ncp0 p p_se p_lb p_ub str255 ci_method deff neff deff_nostrat_nowt cvw icc icc_lb icc_ub str255 icc_ci_method str255 comment n_strata m_avg_wtd p_lb_logit p_ub_logit p_lb_agresti p_ub_agresti p_lb_clopper p_ub_clopper p_lb_fleiss p_ub_fleiss p_lb_jeffreys p_ub_jeffreys p_lb_wald p_ub_wald using icc_example, replace
use ri_example_dataset_Harmonia, clear
tab urban_cluster
levelsof urban_cluster
scalar go_1 = 0
scalar go_2 = 0
scalar go_3 = "Q:\folder\RI"
scalar go_4 = "ri_example_dataset_Harmonia"
scalar go_5 = "12-23m"
scalar go_6 = "got_crude_penta3_to_analyze"
scalar go_7 = 2
scalar go_8 = "urban_cluster"
keep if urban_cluster == 0
scalar go_9 = 0
scalar go_10 = "Rural"
scalar go_11 = "Q:\folder\RI\Plots_OP"
scalar go_12 = "plot_a.png"
svyset clusterid, strata(stratumid) weight(psweight) singleunit(scaled)
svy, subpop(if inlist(got_crude_penta3_to_analyze,0,1)) : proportion got_crude_penta3_to_analyze
scalar go_13 = e(N_psu)
scalar go_35 = e(N_strata)
count if inlist(got_crude_penta3_to_analyze,0,1)
scalar go_14 = r(N)
scalar go_15 = go_14/go_13
capture mkdir Plots_OP
preserve
	opplot got_crude_penta3_to_analyze, clustvar(clusterid) stratvar(urban_cluster) stratum(0) title(Title) barcolor1(blue*.5) barcolor2(white) linecolor2(white) plotn nlinecolor(red) nlinepattern(dash) export(Plots_OP/plot_a.png) saving(Plots_OP/plot_a, replace) exportwidth(2000) savedata(oppdata,replace) name(opplot, replace)
	use oppdata, clear
	summarize n_respondents
	scalar go_16 = r(sd)
	scalar go_17 = r(min)
	scalar go_18 = r(max)
	count if barheight == 100
	scalar go_19 = r(N)
	count if barheight == 0
	scalar go_20 = r(N)
	scalar summit = 0
	forvalues i = 1/`=_N' {
		scalar summit = summit + (n_respondents[`i'] * n_respondents[`i'] / go_14)
	}
	scalar go_36 = (go_14 - summit) / `=_N -1'
restore
svypd got_crude_penta3_to_analyze if inlist(got_crude_penta3_to_analyze,0,1), adjust truncate method(wilson)
scalar go_21 = 100*r(svyp)
scalar go_22 = r(stderr)
scalar go_23 = 100*r(lb_alpha)
scalar go_24 = 100*r(ub_alpha)
scalar go_25 = r(method)
scalar go_26 = r(deff)
scalar go_27 = go_14 / go_26
svypd got_crude_penta3_to_analyze if inlist(got_crude_penta3_to_analyze,0,1), adjust truncate method(logit)
scalar go_37 = 100*r(lb_alpha)
scalar go_38 = 100*r(ub_alpha)
svypd got_crude_penta3_to_analyze if inlist(got_crude_penta3_to_analyze,0,1), adjust truncate method(agresti)
scalar go_39 = 100*r(lb_alpha)
scalar go_40 = 100*r(ub_alpha)
svypd got_crude_penta3_to_analyze if inlist(got_crude_penta3_to_analyze,0,1), adjust truncate method(clopper)
scalar go_41 = 100*r(lb_alpha)
scalar go_42 = 100*r(ub_alpha)
svypd got_crude_penta3_to_analyze if inlist(got_crude_penta3_to_analyze,0,1), adjust truncate method(fleiss)
scalar go_43 = 100*r(lb_alpha)
scalar go_44 = 100*r(ub_alpha)
svypd got_crude_penta3_to_analyze if inlist(got_crude_penta3_to_analyze,0,1), adjust truncate method(jeffreys)
scalar go_45 = 100*r(lb_alpha)
scalar go_46 = 100*r(ub_alpha)
svypd got_crude_penta3_to_analyze if inlist(got_crude_penta3_to_analyze,0,1), adjust truncate method(wald)
scalar go_47 = 100*r(lb_alpha)
scalar go_48 = 100*r(ub_alpha)
svyset clusterid
svypd got_crude_penta3_to_analyze if inlist(got_crude_penta3_to_analyze,0,1), adjust truncate method(wilson)
scalar go_28 = r(deff)
sum psweight if inlist(got_crude_penta3_to_analyze,0,1)
scalar go_29 = r(sd) / r(mean)
calcicc got_crude_penta3_to_analyze clusterid
scalar go_30 = r(anova_icc)
loneway got_crude_penta3_to_analyze clusterid
scalar go_31 = r(lb)
scalar go_32 = r(ub)
scalar go_33 = "loneway"
capture bootstrap r(rho), reps(100) seed(8675309) strata(stratumid) cluster(clusterid) : loneway got_crude_penta3_to_analyze clusterid
if _rc == 0 {
	matrix out = e(ci_percentile)
	scalar go_31 = out[1,1]
	scalar go_32 = out[2,1]
	matrix drop out
	scalar go_33 = "loneway (bootstrap percentiles)"
}
scalar go_34 = "Comment"
post iout (go_1) (go_2) ("`=scalar(go_3)'") ("`=scalar(go_4)'") ("`=scalar(go_5)'") ("`=scalar(go_6)'") (go_7) ("`=scalar(go_8)'") (go_9) ("`=scalar(go_10)'") ("`=scalar(go_11)'") ("`=scalar(go_12)'") (go_13) (go_14) (go_15) (go_16) (go_17) (go_18) (go_19) (go_20) (go_21) (go_22) (go_23) (go_24) ("`=scalar(go_25)'") (go_26) (go_27) (go_28) (go_29) (go_30) (go_31) (go_32) ("`=scalar(go_33)'") ("`=scalar(go_34)'") (go_35) (go_36) (go_37) (go_38) (go_39) (go_40) (go_41) (go_42) (go_43) (go_44) (go_45) (go_46) (go_47) (go_48)
capture erase oppdata.dta
capture postclose iout
use icc_example, clear
label variable survey_id "Label"
label variable unique_survey_row_id "Label"
label variable path_to_dataset "Label"
label variable dataset_name "Label"
label variable agegroup "Label"
label variable outcome_name "Label"
label variable stratum_level "Label"
label variable stratvar "Label"
label variable stratum_id "Label"
label variable stratum_name "Label"
label variable path_to_opplot "Label"
label variable opplot_name "Label"
label variable n_clusters "Label"
label variable n "Label"
label variable m_avg "Label"
label variable m_sd "Label"
label variable m_min "Label"
label variable m_max "Label"
label variable ncp100 "Label"
label variable ncp0 "Label"
label variable p "Label"
label variable p_se "Label"
label variable p_lb "Label"
label variable p_ub "Label"
label variable ci_method "Label"
label variable deff "Label"
label variable neff "Label"
label variable deff_nostrat_nowt "Label"
label variable cvw "Label"
label variable icc "Label"
label variable icc_lb "Label"
label variable icc_ub "Label"
label variable icc_ci_method "Label"
label variable comment "Label"
label variable n_strata "Label"
label variable m_avg_wtd "Label"
label variable p_lb_logit "Label"
label variable p_ub_logit "Label"
label variable p_lb_agresti "Label"
label variable p_ub_agresti "Label"
label variable p_lb_clopper "Label"
label variable p_ub_clopper "Label"
label variable p_lb_fleiss "Label"
label variable p_ub_fleiss "Label"
label variable p_lb_jeffreys "Label"
label variable p_ub_jeffreys "Label"
label variable p_lb_wald "Label"
label variable p_ub_wald "Label"
compress
save, replace
