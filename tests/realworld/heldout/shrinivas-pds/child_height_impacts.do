* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:ksodokin/Kchinua@9bae4865972bcc41968084b650c084b19f5ce31d B1_impacts_height.do (replication package of Shrinivas et al. 2025, "Food transfers and child nutrition: evidence from India's Public Distribution System", the main table of effects on child stunting -- est clear, a foreach over a local of outcomes with eststo name: ivreghdfe y (endog =instr ) if age<=5, absorb("$indv_fe") cluster (vill), scalar of .33*_b[], summarize ..., meanonly and scalar of r(mean), a di of the loop variable, if "`x'"=="..." scalar, eststo name, add() of scalars, esttab using ... csv with label b(3) se star() stats(N ..., labels() fmt()); the file starts from the child-year data its master file 1_PDSAnthro_ind.do has in memory, and that master defines the global of fixed effects: its line is added below, marked)
* author: Shrinivas et al. (uploaded by ksodokin)
* licence: none stated
* preload: pds_child_years
* mlm-added: the master file's global of fixed-effect terms (two quoted strings joined by ///)
global indv_fe "indv_id1 pan_year i.age#i.pan_year i.st#i.pan_year i.hh_size_cat#i.pan_year i.card_dum#i.pan_year"        "i.main_occp_hh_head_0_m#i.pan_year  i.educ_hh_head_012_m#i.pan_year   i.caste_group_num#i.pan_year"
est clear
	local heightlist   stunting stunting_moderate stunting_severe haz_w97
	foreach x of local heightlist {
	eststo `x'_mod: ivreghdfe `x' (lagyr_grain_subs =lagyr_grain_subs_tg ) if age<=5, absorb("$indv_fe") cluster (vill) 
	scalar ch_`x'_level = .33*_b[lagyr_grain_subs]
	summarize `x' if age<=5 &pan_year<=2013, meanonly
	scalar mean_`x' =r(mean)
	scalar ch_`x'_perc =(ch_`x'_level/mean_`x')*100
	di "text `x'" 
	if "`x'"=="haz_w97" scalar ch_`x'_perc =-(ch_`x'_level/mean_`x')*100
	eststo `x'_mod, add(base_mean mean_`x' ch_level ch_`x'_level ch_perc ch_`x'_perc) 
		}
		esttab  using "$table_anthro_dir/impacts_height.csv", replace label b(3) se      star(* 0.10 ** 0.05 *** 0.01)    stats( N base_mean ch_level ch_perc,    labels("Observations"  "Baseline-mean"    "Change one"      "Change two" )      fmt(%9.0f %9.3f %9.3f %9.1f))	
