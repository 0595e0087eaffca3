* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:ksodokin/Kchinua@9bae4865972bcc41968084b650c084b19f5ce31d F1_hh_lab_impacts.do (replication package of Shrinivas et al. 2025, "Food transfers and child nutrition: evidence from India's Public Distribution System", household labour-market effects on the ICRISAT VDSA village panel -- drop if, a foreach over a local deflating with qui: replace and dividing by household size, winsor2 ..., cuts(0 95) trim suffix(), a global of absorb() terms joined by /// (household and month fixed effects and state, size, occupation, schooling and caste classes each interacted with the year), est clear, eststo name: ivreghdfe y (c.endog=c.instr), absorb("$global") cluster (vill) with a space before the parenthesis, summarize ..., meanonly and eststo name, add(base_mean r(mean)), tabstat, esttab using ... csv with label b(3) se noconstant nonumb star() stats(N base_mean, labels() fmt()), label variable, estpost tabstat ..., by() statistics(mean sd) columns(statistics) and esttab main(mean) aux(sd) nostar unstack nonote; the file starts from the household-month analysis data its master file has in memory)
* author: Shrinivas et al. (uploaded by ksodokin)
* licence: none stated
* preload: pds_household_months
drop if migrant_hh==1
drop if main_occp_hh_head==6
gen wages_net_inc_nobusi=wages_net_inc-wages_net_inc_nf_bus
local wglist  wages_net_inc  wages_net_inc_nobusi wages_income
foreach x of local wglist  {	
	qui: replace `x'=(`x'/cpi_generalindex)*100			
	replace `x'=`x'/wt_nhh
}
winsor2 wages_income wages_net_inc  wages_net_inc_nobusi , cuts(0 95)  trim  suffix(_tr95) 
winsor2 wage_day , cuts(0 95)      trim  suffix(_tr95) 
global hh_lab_fe "new_id1 mon_yr  i.st#i.pan_year i.hh_size_cat#i.pan_year  "    "i.main_occp_hh_head_0_m#i.pan_year  i.educ_hh_head_012_m#i.pan_year   i.caste_group_num#i.pan_year"
est clear 		  
local wglist wages_income_tr95  wage_day_tr95  labor_work  
foreach x of local wglist  {
	eststo `x'_mod: ivreghdfe `x'  (c.grain_subs=c.grain_subs_tg) , absorb("$hh_lab_fe") cluster (vill) 
	summarize `x' if pan_year<2013 , meanonly
	if `x'==labor_work summarize `x' if pan_year<2013 &labor_work>0, meanonly
	eststo `x'_mod, add(base_mean r(mean) )
}
tabstat wages_income_tr95   wage_day_tr95  if pan_year<2013
tabstat labor_work  if pan_year<2013 &labor_work>0 
	esttab  using "$table_nutri_dir/impacts_labor.csv", replace label b(3) se  noconstant  nonumb      star(* 0.10 ** 0.05 *** 0.01)   stats( N base_mean, labels("Observations" "Baseline-mean") fmt(%9.0f %9.0f))
gen labor_work_int=labor_work if labor_work>0
label variable wages_income_tr95 	"Label one"
label variable wage_day_tr95 	    "Label two"
label variable labor_work_int	        "Label three"
est clear
estpost tabstat wages_income_tr95 wage_day_tr95 labor_work_int   if pan_year<2013 & child_hh_dum==1, by(pds_card) statistics(mean sd) columns(statistics) 
	esttab using  "$table_nutri_dir/hh_lab_sumstat.csv", replace main(mean) aux(sd) nostar unstack nonote label b(1) 			
