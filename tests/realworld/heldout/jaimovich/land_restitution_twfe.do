* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 8066142561 (a public GitHub .do file, replication of Jaimovich et al., environmental impacts of indigenous land restitution in Chile, 2025: two-way fixed-effects land-use models of plots in communities, 2001-2019; the index does not name the repository) (excerpt: the fixed-effects tables 1 and 3 and the descriptive appendix tables A1-A3; the Callaway-Sant'Anna xthdidregress loops, which need Stata 18, and the later appendix tables left out)
* author: Jaimovich et al. (file header), 2025
* licence: none stated
* data: Maindata_FTAI_2025.dta = chile_land_restitution
global esttab_options starlevels(* 0.1 ** 0.05 *** 0.01) noconstant compress booktabs nonotes nonumbers	
clear 
* mlm-added: the author's use line is commented out ("use this do file with the dataset"); load it
use Maindata_FTAI_2025.dta
xtset objectid year
set varabbrev off
estimates clear
foreach var of varlist grass crop natural plantation{
	xtreg `var' treat  i.year lclim_*, fe vce(cluster community_ID)
	estadd scalar clusters= e(N_clust)
	estadd scalar plots= e(N_g)
	sum `var' if e(sample)
	estadd scalar mean_depvar= r(mean)
	est sto twfeT1_`var'
}
esttab twfeT1_* using "TWFE_Table1.tex", $esttab_options scalars(mean_depvar clusters plots)  replace keep(treat*) se b(%9.3f) se(%9.3f)
sum distance, d
cap gen treat_far=1 if distance>r(p50) & treat==1 & distance!=.
cap gen treat_close=1 if distance<=r(p50) & treat==1 & distance!=.
replace treat_far=0 if treat_far==.  
replace treat_close=0 if treat_close==.  
cap gen treat_reservation=treat*d_reservation
replace treat_reservation=0 if treat_far==1 
replace treat_close=0 if treat_reservation==1  
gen treat_other=1 if treat==1 & treat_reservation==0 & treat_close==0 & treat_far==0
replace treat_other=0 if treat_other==.
estimates clear
foreach var of varlist grass crop natural plantation{
xtreg `var'  treat_reservation treat_close treat_far i.year lclim_*, fe vce(cluster community_ID)
estadd scalar clusters= e(N_clust)
estadd scalar plots= e(N_g)
sum `var' if e(sample)
estadd scalar mean_depvar= r(mean)
est sto twfe_T3_`var'
}
esttab twfe_T3_* using "TWFE_Table3.tex", $esttab_options replace scalars(mean_depvar clusters plots)  keep(treat_reservation treat_close treat_far) se b(%9.3f) se(%9.3f)
log using FTAI_2025
sum grass crop natural plantation  
sum grass crop natural plantation if year==2001
sum grass crop natural plantation if year==2019
cap gen t= year- T_year
replace t=. if T_year>2019
sum grass crop natural plantation if t==-1
sum grass crop natural plantation if t==3
sum grass crop natural plantation if t==6
sum log_carbon biodiv trees_highero trees_lowero 
sum log_EVI* if year>2003 & T_year>2004 
sum log_carbon biodiv trees_highero trees_lowero if year==2001
sum log_EVI* if year==2004
sum log_carbon biodiv trees_highero trees_lowero log_EVI* if year==2019
sum log_carbon biodiv trees_highero trees_lowero log_EVI* if t==-1
sum log_carbon biodiv trees_highero trees_lowero log_EVI* if t==3
sum log_carbon biodiv trees_highero trees_lowero log_EVI* if t==6
sum d_reservation distance families area if year==2001, d
tab t
log close
