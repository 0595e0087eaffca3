* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 37614576325 (a public GitHub .do file, replication of Boehmke & Shipan 2015, State Politics & Policy Quarterly, on state legislatures and nursing-home deficiency citations: written under #delimit ; -- negative binomial models with state and year indicators and clustered errors, a summary table with tabstat, estout tables, grinter interaction plots, an interpretation built from a collapsed data set expanded to a grid with predict n/xb/stdp and rarea bands, then fixed-effects xtpoisson and xtnbreg by provider with i(); the index does not name the repository) (the ";"-terminated statements are kept whole, each on one line)
* author: Frederick J. Boehmke (file header; with Charles Shipan), 2012
* licence: none stated
* data: sppq_data = sppq_nursing
* data: sppq_federal = sppq_federal
version 10
#delimit;
set more off;
quietly log; local logon = r(status); if "`logon'" == "on" {; log close; };
log using sppq_analyze, replace text;
use sppq_data, clear;
egen stateyear = group(state year);
nbreg def_all govdem leg_dem_pct legp_squire_ipol citi6010 rnhrspc cnahrspc bedsocc med_caid med_both hospital multiown numres own_prof own_nonp i.year i.stateno if hlthsurv==1, cluster(stateyear);
estimates store t1m1;
tabstat def_all govdem leg_dem_pct legp_squire_ipol citi6010 unifiedD unifiedR rnhrspc cnahrspc bedsocc med_caid med_both hospital multiown numres own_prof own_nonp if e(sample), stats(mean sd min max N) columns(statistics) format(%10.2f);
nbreg def_all govdem leg_dem_pct legp_squire_ipol leg_dem_pct_legp citi6010 rnhrspc cnahrspc bedsocc med_caid med_both hospital multiown numres own_prof own_nonp i.year i.stateno if hlthsurv==1, cluster(stateyear);
estimates store t1m2;
nbreg def_all govdem leg_dem_pct legp_squire_ipol unifiedD unifiedR leg_dem_pct_legp citi6010 rnhrspc cnahrspc bedsocc med_caid med_both hospital multiown numres own_prof own_nonp i.year i.stateno if hlthsurv==1, cluster(stateyear);
estimates store t1m3;
estout t1m1 t1m2 t1m3 using sppq_table1.txt, replace cells(b(fmt(3) star) se(par)) modelwidth(6) starlevels(* 0.1 ** 0.05 *** 0.01) legend label varwidth(45) collabels(, none) mlabels( , none) drop(2002.year 1.stateno) order(leg_dem_pct legp_squire_ipol leg_dem_pct_legp);
estimates restore t1m2;
grinter leg_dem_pct, const02(legp_squire_ipol) inter(leg_dem_pct_legp) equation(def_all) kdensity yline(0) graphregion(fcolor(white)) name(pctdem, replace);
grinter legp_squire_ipol, const02(leg_dem_pct) inter(leg_dem_pct_legp) equation(def_all) kdensity yline(0) xline(0.5, lcolor(gs4)) graphregion(fcolor(white)) name(legp, replace);
estimates restore t1m3;
grinter leg_dem_pct, const02(legp_squire_ipol) inter(leg_dem_pct_legp) equation(def_all) kdensity yline(0) graphregion(fcolor(white)) name(pctdem, replace);
grinter legp_squire_ipol, const02(leg_dem_pct) inter(leg_dem_pct_legp) equation(def_all) kdensity yline(0) xline(0.5, lcolor(gs4)) graphregion(fcolor(white)) name(legp, replace);
graph combine pctdem legp, scheme(s1mono) rows(2) xsize(6.5) ysize(7.5) saving(sppq_fig1, replace asis);
estimates restore t1m3;
summarize legp_squire_ipol if e(sample), detail;
local legp_low = r(p25);
local legp_hi  = r(p75);
summarize leg_dem_pct if e(sample);
local dem_min = r(min);
local dem_max = r(max);
collapse (mean) leg_dem_pct legp_squire_ipol citi6010 rnhrspc cnahrspc bedsocc numres (min) unifiedD unifiedR year* (p50) med_caid own_nonp med_both hospital multiown own_prof govdem if e(sample);
replace govdem = 0.5;
expand 2;
replace legp_squire_ipol = `legp_low' in 1;
replace legp_squire_ipol = `legp_hi' in 2;
generat sim = 1 in 1;
replace sim = 2 in 2;
expand 100;
bysort sim: gen increment = _n;
replace leg_dem_pct = `dem_min' + increment*(`dem_max' - `dem_min')/100 if sim==1;
replace leg_dem_pct = `dem_min' + increment*(`dem_max' - `dem_min')/100 if sim==2;
generat leg_dem_pct_legp = leg_dem_pct*legp_squire_ipol;
sort legp_squire_ipol leg_dem_pct;
generat stateno = 14;
summarize;
predict yhat, n;
predict xbhat, xb;
predict xbhat_sd, stdp;
generat yhat_hi = exp(xbhat + 1.96*xbhat_sd);
generat yhat_lo = exp(xbhat - 1.96*xbhat_sd);
twoway rarea yhat_lo yhat_hi leg_dem_pct if sim==1, scheme(s1mono) color(gs8) lwidth(thin) || line yhat leg_dem_pct if sim==1, lcolor(gs0) lpattern(solid) xtitle(x) ytitle(y) ylabel(0(3)12, grid) title("t") xsize(6.5) ysize(5) legend(off) name(sim1, replace);
twoway rarea yhat_lo yhat_hi leg_dem_pct if sim==2, scheme(s1mono) color(gs8) lwidth(thin) || line yhat leg_dem_pct if sim==2, lcolor(gs0) lpattern(solid) xtitle(x) ytitle(y) ylabel(0(3)12, grid) title("t") legend(off) name(sim2, replace);
graph combine sim1 sim2, scheme(s1mono) ycommon imargin(tiny) altshrink xsize(6.5) ysize(3) saving(sppq_fig2, replace);
use sppq_data, clear;
egen stateyear = group(state year);
encode provnum, generat(provid);
nbreg def_all govdem leg_dem_pct legp_squire_ipol unifiedD unifiedR leg_dem_pct_legp citi6010 rnhrspc cnahrspc bedsocc med_caid med_both hospital multiown numres own_prof own_nonp i.year i.stateno if hlthsurv==1 & state!="CA", cluster(stateyear);
estimates store tA1m1;
nbreg def_all govdem leg_dem_pct legp_squire_ipol unifiedD unifiedR leg_dem_pct_legp citi6010 termlimits rnhrspc cnahrspc bedsocc med_caid med_both hospital multiown numres own_prof own_nonp i.year i.stateno if hlthsurv==1, cluster(stateyear);
estimates store tA1m2;
nbreg def_all govdem leg_dem_pct legp_squire_ipol unifiedD unifiedR leg_dem_pct_legp citi6010 rnhrspc cnahrspc bedsocc med_caid med_both hospital multiown numres own_prof own_nonp i.year i.stateno if firesurv==1, cluster(stateyear);
estimates store tA1m3;
xtpoisson def_all govdem leg_dem_pct legp_squire_ipol unifiedD unifiedR leg_dem_pct_legp citi6010 rnhrspc cnahrspc bedsocc med_caid med_both hospital multiown numres own_prof own_nonp i.year if hlthsurv==1, fe i(provid) vce(robust);
estimates store tA1m4;
xtnbreg def_all govdem leg_dem_pct legp_squire_ipol unifiedD unifiedR leg_dem_pct_legp citi6010 rnhrspc cnahrspc bedsocc med_caid med_both hospital multiown numres own_prof own_nonp i.year if hlthsurv==1, fe i(provid);
estimates store tA1m5;
estout tA1m1 tA1m2 tA1m3 tA1m4 tA1m5 using sppq_tableA1.txt, replace cells(b(fmt(3) star) se(par)) modelwidth(6) starlevels(* 0.1 ** 0.05 *** 0.01) legend label varwidth(45) collabels(, none) drop(2002.year 1.stateno) order(leg_dem_pct legp_squire_ipol leg_dem_pct_legp) mlabels("a" "b" "c" "d" "e");
use sppq_federal, clear;
twoway qfitci missedDLavg leg_dem_pct, scheme(s1mono) || scatter missedDLavg leg_dem_pct, mcolor(black) msymbol(O) msize(small) ylabel(#5, grid) ytitle(y) xtitle(x) legend(off) saving(sppq_figA1, replace);
log close;
clear;
exit, STATA;
