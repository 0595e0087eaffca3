* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 37301408485 (a public GitHub .do file, the replication code of a Journal of Politics article on bureaucratic structures, civil society and disruptive protests in the Americas, AmericasBarometer 2012; excerpt: the analysis sections, main article and online appendix -- the first section, which recodes the appended country surveys and merged country data (about 230 gen/recode/xi/rename lines, no data-loading line), is left out and its result is preloaded: random-intercept logits xtmelogit ... || ccode: if nresp>2, or with eststo: prefixes, estat icc after each, c.##c. interactions, margins, dydx() asbalanced atmeans predict(mu fixedonly) at(var=(0.5 (.1) 1.4)) and marginsplot, yline(0), esttab using .rtf, graph bar (mean), tab and sum of the sample; the index does not name the repository)
* author: unknown (the header names the article's two authors)
* licence: none stated
* preload: lapop_protest_2012
xtmelogit block_prot mean_corepol_civ_part q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a || ccode: if nresp>2, or
gen sample1=0
recode sample1(0=1) if e(sample)==1
graph bar (mean) per_mean_block_prot if sample1==1, over(cname)
eststo:xtmelogit block_prot mean_corepol_civ_part q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a || ccode: if nresp>2, or
estat icc
eststo:xtmelogit block_prot mean_corepol_civ_part q2_b gd_ptss_2011 growth_gdp_cap_2011 van_comp_2010 || ccode: if nresp>2, or
estat icc
eststo:xtmelogit block_prot mean_corepol_civ_part q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a gd_ptss_2011 growth_gdp_cap_2011 van_comp_2010 || ccode: if nresp>2, or
estat icc
eststo:xtmelogit block_prot c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a || ccode: if nresp>2, or
estat icc
eststo:xtmelogit block_prot c.mean_corepol_civ_part##c.q2_b gd_ptss_2011 growth_gdp_cap_2011 van_comp_2010 || ccode: if nresp>2, or
estat icc
eststo:xtmelogit block_prot c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a gd_ptss_2011 growth_gdp_cap_2011 van_comp_2010 || ccode: if nresp>2, or
estat icc
esttab using table1.rtf, star(* 0.05) constant aic bic eform scalars(ll) se
eststo clear
xtmelogit block_prot || ccode: if e(sample)==1, or
estat icc
xtmelogit block_prot c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a gd_ptss_2011 growth_gdp_cap_2011 van_comp_2010 || ccode: if nresp>2, or
margins , dydx(q2_b) asbalanced atmeans predict(mu fixedonly) at(mean_corepol_civ_part=( 0.5 (.1) 1.4))
marginsplot, yline(0)
eststo:xtmelogit block_prot c.mean_corepol_civ_part##c.bribe c.mean_corepol_civ_part##c.q2_b q2 sex ed polint dis_ind_serv dis_eff1 b47a gd_ptss_2011 growth_gdp_cap_2011 van_comp_2010|| ccode: if nresp>2, or
estat icc
eststo:xtmelogit block_prot c.mean_corepol_civ_part##c.dis_ind_serv c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_eff1 b47a gd_ptss_2011 growth_gdp_cap_2011 van_comp_2010|| ccode: if nresp>2, or
estat icc
eststo:xtmelogit block_prot c.mean_corepol_civ_part##c.dis_eff1 c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv b47a gd_ptss_2011 growth_gdp_cap_2011 van_comp_2010|| ccode: if nresp>2, or
estat icc
eststo:xtmelogit block_prot c.mean_corepol_civ_part##c.growth_gdp_cap_2011 c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a gd_ptss_2011 van_comp_2010|| ccode: if nresp>2, or
estat icc
eststo:xtmelogit block_prot c.mean_corepol_civ_part##c.van_comp_2010 c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a gd_ptss_2011 growth_gdp_cap_2011|| ccode: if nresp>2, or
estat icc
eststo:xtmelogit block_prot c.mean_corepol_civ_part##c.b47a c.mean_corepol_civ_part##c.q2_b q2 sex ed polint dis_ind_serv bribe dis_eff1 gd_ptss_2011 growth_gdp_cap_2011 van_comp_2010|| ccode: if nresp>2, or
estat icc
esttab using table2.rtf, star(* 0.05) constant aic bic eform scalars(ll) se
eststo clear
xtmelogit block_prot c.mean_corepol_civ_part##c.dis_ind_serv c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_eff1 b47a gd_ptss_2011 growth_gdp_cap_2011 van_comp_2010|| ccode: if nresp>2, or
margins , dydx(dis_ind_serv) asbalanced atmeans predict(mu fixedonly) at(mean_corepol_civ_part=( 0.5 (.1) 1.4))
marginsplot, yline(0)
eststo:xtmelogit block_prot c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a gd_ptss_2011 unna_gdp_cap van_comp_2010|| ccode: if nresp>2, or
estat icc
eststo:xtmelogit block_prot c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a growth_gdp_cap_2011 van_comp_2010 rev_fh_cl_2011|| ccode: if nresp>2, or
estat icc
eststo:xtmelogit block_prot c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a gd_ptss_2011 growth_gdp_cap_2011 recel_gol_enep|| ccode: if nresp>2, or
estat icc
eststo:xtmelogit block_prot c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a growth_gdp_cap_2011 van_comp_2010 rev_fh_pr_2011|| ccode: if nresp>2, or
estat icc
eststo:xtmelogit block_prot c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a growth_gdp_cap_2011 van_comp_2010 p_polity2_2011|| ccode: if nresp>2, or
estat icc
esttab using table3.rtf, star(* 0.05) constant aic bic eform scalars(ll) se
eststo clear
tab cname if sample1==1
sum q2_b block_prot protests non_blockprot mean_corepol_civ_part mean_add_all_civ_part q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a corepol_civ_part gd_ptss_2011 growth_gdp_cap_2011 van_comp_2010 unna_gdp_cap rev_fh_cl_2011 recel_gol_enep rev_fh_pr_2011 p_polity2_2011 party_inst_2013 if sample1==1
eststo:xtmelogit block_prot mean_corepol_civ_part q2_b corepol_civ_part q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a || ccode: if nresp>2, or
estat icc
eststo:xtmelogit block_prot mean_corepol_civ_part q2_b corepol_civ_part q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a gd_ptss_2011 growth_gdp_cap_2011 van_comp_2010 || ccode: if nresp>2, or
estat icc
eststo:xtmelogit block_prot c.mean_corepol_civ_part##c.q2_b corepol_civ_part q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a || ccode: if nresp>2, or
estat icc
eststo:xtmelogit block_prot c.mean_corepol_civ_part##c.q2_b corepol_civ_part q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a gd_ptss_2011 growth_gdp_cap_2011 van_comp_2010|| ccode: if nresp>2, or
estat icc
esttab using tableA4.rtf, star(* 0.05) constant aic bic eform scalars(ll) se
eststo clear
eststo:xtmelogit protests mean_corepol_civ_part q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a || ccode: if nresp>2, or
estat icc
eststo:xtmelogit protests mean_corepol_civ_part q2_b gd_ptss_2011 growth_gdp_cap_2011 van_comp_2010 || ccode: if nresp>2, or
estat icc
eststo:xtmelogit protests mean_corepol_civ_part q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a gd_ptss_2011 growth_gdp_cap_2011 van_comp_2010 || ccode: if nresp>2, or
estat icc
eststo:xtmelogit protests c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a || ccode: if nresp>2, or
estat icc
eststo:xtmelogit protests c.mean_corepol_civ_part##c.q2_b gd_ptss_2011 growth_gdp_cap_2011 van_comp_2010 || ccode: if nresp>2, or
estat icc
eststo:xtmelogit protests c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a gd_ptss_2011 growth_gdp_cap_2011 van_comp_2010|| ccode: if nresp>2, or
estat icc
esttab using tableA5.rtf, star(* 0.05) constant aic bic eform scalars(ll) se
eststo clear
eststo:xtmelogit non_blockprot mean_corepol_civ_part q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a || ccode: if nresp>2, or
estat icc
eststo:xtmelogit non_blockprot mean_corepol_civ_part q2_b gd_ptss_2011 growth_gdp_cap_2011 van_comp_2010 || ccode: if nresp>2, or
estat icc
eststo:xtmelogit non_blockprot mean_corepol_civ_part q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a gd_ptss_2011 growth_gdp_cap_2011 van_comp_2010 || ccode: if nresp>2, or
estat icc
eststo:xtmelogit non_blockprot c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a || ccode: if nresp>2, or
estat icc
eststo:xtmelogit non_blockprot c.mean_corepol_civ_part##c.q2_b gd_ptss_2011 growth_gdp_cap_2011 van_comp_2010 || ccode: if nresp>2, or
estat icc
eststo:xtmelogit non_blockprot c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a gd_ptss_2011 growth_gdp_cap_2011 van_comp_2010|| ccode: if nresp>2, or
estat icc
esttab using tableA6.rtf, star(* 0.05) constant aic bic eform scalars(ll) se
eststo clear
eststo:xtmelogit block_prot c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a gd_ptss_2011 growth_gdp_cap_2011 van_comp_2010 || ccode: if nresp>2 & samplenotBol==1, or
estat icc
eststo:xtmelogit block_prot c.mean_add_all_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a gd_ptss_2011 growth_gdp_cap_2011 van_comp_2010|| ccode: if nresp>2, or
estat icc
eststo:xtmelogit block_prot c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a gd_ptss_2011 growth_gdp_cap_2011 van_comp_2010 party_inst_2013 || ccode: if nresp>2, or
estat icc
esttab using tableA7.rtf, star(* 0.05) constant aic bic eform scalars(ll) se
eststo clear
eststo:xtmelogit block_prot c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a gd_ptss_2011 || ccode: if nresp>2, or
estat icc
eststo:xtmelogit block_prot c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a growth_gdp_cap_2011 || ccode: if nresp>2, or
estat icc
eststo:xtmelogit block_prot c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a van_comp_2010 || ccode: if nresp>2, or
estat icc
esttab using tableA8.rtf, star(* 0.05) constant aic bic eform scalars(ll) se
eststo clear
eststo:xtmelogit block_prot c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a unna_gdp_cap_2011 || ccode: if nresp>2, or
estat icc
eststo:xtmelogit block_prot c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a rev_fh_cl_2011 || ccode: if nresp>2, or
estat icc
eststo:xtmelogit block_prot c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a recel_gol_enep || ccode: if nresp>2, or
estat icc
eststo:xtmelogit block_prot c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a rev_fh_pr_2011 || ccode: if nresp>2, or
estat icc
eststo:xtmelogit block_prot c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a p_polity2_2011 || ccode: if nresp>2, or
estat icc
eststo:xtmelogit block_prot c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a party_inst_2013 || ccode: if nresp>2, or
estat icc
esttab using tableA9.rtf, star(* 0.05) constant aic bic eform scalars(ll) se
eststo clear
graph bar (mean) q2_b, over(cname)
xtmelogit protests c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a gd_ptss_2011 growth_gdp_cap_2011 van_comp_2010|| ccode: if nresp>2, or
margins , dydx(q2_b) asbalanced atmeans predict(mu fixedonly) at(mean_corepol_civ_part=( 0.5 (.1) 1.4))
marginsplot, yline(0)
xtmelogit non_blockprot c.mean_corepol_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a gd_ptss_2011 growth_gdp_cap_2011 van_comp_2010|| ccode: if nresp>2, or
margins , dydx(q2_b) asbalanced atmeans predict(mu fixedonly) at(mean_corepol_civ_part=( 0.5 (.1) 1.4))
marginsplot, yline(0)
xtmelogit block_prot c.mean_add_all_civ_part##c.q2_b q2 sex ed polint bribe dis_ind_serv dis_eff1 b47a gd_ptss_2011 growth_gdp_cap_2011 van_comp_2010|| ccode: if nresp>2, or
margins , dydx(q2_b) asbalanced atmeans predict(mu fixedonly) at(mean_add_all_civ_part=( 1 (.1) 2.4))
marginsplot, yline(0)
