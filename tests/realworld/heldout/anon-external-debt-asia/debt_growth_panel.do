* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 31928589389 (a public GitHub .do file of a study of economic growth and external debt in twelve South and South-East Asian countries, 2000-2022, from World Development Indicators: import excel of a long sheet with firstrow, encode of the country name, ten destring ..., gen() force of series read as text, histogram/sum, detail/winsor2 ..., cuts() variable by variable, a rename to fit the _w suffix, log transforms, a period grouping by inrange(), save; xtset, xtdescribe, xtreg fe and re with vce(cluster) on the string country name, estimates store and hausman, sigmamore; four xtabond2 two-step system GMM fits with gmm(L4.y, lag(2 8) collapse); twoway line ..., by(country, legend(off)) plots whose options lost their /// (Stata stops at the orphaned title() lines, marked mlm-expect); titles replaced; the index does not name the repository)
* author: unknown
* licence: none stated
* data: Raw data.xlsx = wdi_external_debt_asia
cd "C:\folder\Data"
import excel "C:\folder\Data\Raw data.xlsx", sheet(ub_long) firstrow clear
encode country_name, gen(country)
destring external_debt_stocks_gni, gen (external_debt_stocks_gni_destr) force
destring fdi_gdp, gen (fdi_gdp_destr) force
destring gross_cap_formation_gdp , gen (gross_cap_formation_gdp_destr) force
destring trade_gdp, gen (trade_gdp_destr) force
destring gross_fixed_cap_formation_gdp, gen (gross_f_cap_formation_gdp_destr) force
destring imports_gdp, gen (imports_gdp_destr) force
destring exports_gdp, gen (exports_gdp_destr) force
destring tot_debt_service_exp, gen (tot_debt_service_exp_destr) force
destring gov_effectiveness_est, gen(gov_effectiveness_est_destr) force
destring gov_final_cons_exp_gdp, gen(gov_final_cons_exp_gdp_destr) force
summ external_debt_stocks_gni_destr fdi_gdp_destr gross_cap_formation_gdp_destr trade_gdp_destr gov_final_cons_exp_gdp_destr gross_f_cap_formation_gdp_destr imports_gdp_destr exports_gdp_destr
histogram gdp_ppp, bin(50) normal
sum gdp_ppp, detail
winsor2 gdp_ppp, cuts(1 99)
sum gdp_ppp_w, detail
histogram gdp_gr_rate, bin(50) normal
sum gdp_gr_rate, detail
winsor2 gdp_gr_rate, cuts(1 99)
sum gdp_gr_rate_w, detail
histogram external_debt_stocks_gni_destr, bin(50) normal
sum external_debt_stocks_gni_destr, detail
winsor2 external_debt_stocks_gni_destr, cuts(1 99)
sum external_debt_stocks_gni_destr_w, detail
histogram pop_size, bin(50) normal
sum pop_size, detail
winsor2 pop_size, cuts(1 99)
sum pop_size_w, detail
histogram trade_gdp_destr, bin(50) normal
sum trade_gdp_destr, detail
winsor2 trade_gdp_destr, cuts(5 95)
sum trade_gdp_destr_w, detail
histogram fdi_gdp_destr, bin(50) normal
sum fdi_gdp_destr, detail
winsor2 fdi_gdp_destr, cuts(1 99)
sum fdi_gdp_destr_w, detail
replace fdi_gdp_destr_w =. if fdi_gdp_destr_w <=0
histogram gov_final_cons_exp_gdp_destr, bin(50) normal
sum gov_final_cons_exp_gdp_destr, detail
winsor2 gov_final_cons_exp_gdp_destr, cuts(1 99)
sum gov_final_cons_exp_gdp_destr, detail
histogram gross_cap_formation_gdp_destr, bin(50) normal
sum gross_cap_formation_gdp_destr, detail
winsor2 gross_cap_formation_gdp_destr, cuts(1 99)
sum gross_cap_formation_gdp_destr_w, detail
histogram gross_f_cap_formation_gdp_destr, bin(50) normal
sum gross_f_cap_formation_gdp_destr, detail
ren gross_f_cap_formation_gdp_destr gross_f_cap_form_gdp_destr
winsor2 gross_f_cap_form_gdp_destr, cuts(5 95)
sum gross_f_cap_form_gdp_destr_w, detail
histogram Inf_con_pr, bin(50) normal
sum Inf_con_pr, detail
winsor2 Inf_con_pr, cuts(1 99)
sum Inf_con_pr_w, detail
histogram tot_debt_service_exp_destr, bin(50) normal
sum tot_debt_service_exp_destr, detail
winsor2 tot_debt_service_exp_destr, cuts(1 99)
sum tot_debt_service_exp_destr_w, detail
summ gdp_ppp_w pop_size_w external_debt_stocks_gni_destr_w fdi_gdp_destr_w gross_cap_formation_gdp_destr_w trade_gdp_destr_w gov_final_cons_exp_gdp_destr_w gross_f_cap_form_gdp_destr_w imports_gdp_destr exports_gdp_destr
gen log_gdp_ppp = log(gdp_ppp_w)
gen log_external_debt_stocks_gni = log(external_debt_stocks_gni_destr_w)
gen log_pop_size = log(pop_size_w)
gen log_gov_final_cons_exp_gdp = log(gov_final_cons_exp_gdp_destr_w)
gen log_gross_cap_formation_gdp = log(gross_cap_formation_gdp_destr_w)
gen log_fdi_gdp = log(fdi_gdp_destr_w)
gen log_Inf_con_pr = log(Inf_con_pr_w)
gen log_trade_gdp = log(trade_gdp_destr_w)
gen log_tot_debt_service_exp = log(tot_debt_service_exp_destr_w)
gen log_gdp_pc_ppp = log(gdp_pc_ppp)
gen log_exports_gdp = log(exports_gdp_destr)
gen log_gross_f_cap_formation_gdp = log(gross_f_cap_form_gdp_destr_w)
gen year_group = .
replace year_group = 1 if inrange(year, 2000, 2008)
replace year_group = 2 if inrange(year, 2009, 2019)
replace year_group = 3 if inrange(year, 2020, 2022)
summ gdp_ppp gdp_ppp external_debt_stocks_gni_destr pop_size fdi_gdp_destr trade_gdp_destr gross_cap_formation_gdp_destr 
save final_data, replace
use final_data.dta, clear
xtset country year
xtdescribe
xtreg log_gdp_ppp L.log_external_debt_stocks_gni log_pop_size log_gross_cap_formation_gdp log_fdi_gdp log_trade_gdp year_group , fe vce(cluster country_name)
xtreg log_gdp_ppp L.log_external_debt_stocks_gni log_pop_size log_gross_cap_formation_gdp log_fdi_gdp log_trade_gdp year_group , re vce(cluster country_name)
xtreg log_gdp_ppp L.log_external_debt_stocks_gni log_pop_size log_gross_cap_formation_gdp log_fdi_gdp log_trade_gdp  year_group , fe 
estimates store fixed
xtreg log_gdp_ppp L.log_external_debt_stocks_gni log_pop_size log_gross_cap_formation_gdp log_fdi_gdp log_trade_gdp year_group , re 
estimates store random
hausman fixed random, sigmamore
cd "C:\folder\Data"
use final_data.dta, clear
xtset country year
xtabond2 log_gdp_ppp L.log_gdp_ppp L.log_external_debt_stocks_gni log_pop_size  year_group, gmm(L4.log_gdp_ppp, lag(2 8) collapse) gmm(L2.log_external_debt_stocks_gni, lag(2 3) collapse) twostep robust small
xtabond2 log_gdp_ppp L.log_gdp_ppp L.log_external_debt_stocks_gni log_pop_size log_fdi_gdp year_group, gmm(L4.log_gdp_ppp, lag(2 8) collapse) gmm(L2.log_external_debt_stocks_gni, lag(2 3) collapse) twostep robust small
xtabond2 log_gdp_ppp L.log_gdp_ppp L.log_external_debt_stocks_gni log_pop_size log_fdi_gdp log_trade_gdp year_group, gmm(L4.log_gdp_ppp, lag(2 8) collapse) gmm(L2.log_external_debt_stocks_gni, lag(2 3) collapse) twostep robust small
xtabond2 log_gdp_ppp L.log_gdp_ppp L.log_external_debt_stocks_gni log_pop_size log_fdi_gdp log_trade_gdp log_gross_cap_formation_gdp year_group, gmm(L4.log_gdp_ppp, lag(2 8) collapse) gmm(L2.log_external_debt_stocks_gni, lag(2 3) collapse) twostep robust small	
twoway line external_debt_stocks_gni_destr year, by(country, legend(off)) connect(L) lpattern(solid) lwidth(medium)    
* mlm-expect: r(199)
title("Title") ytitle("Y") xtitle("Year") legend(order(1 "A" 2 "B" 3 "C" 4 "D" 5 "E" 6 "F" 7 "G" 8 "H" 9 "I" 10 "J" 11 "K" 12 "L"))
twoway line log_external_debt_stocks_gni year, by(country, legend(off)) connect(L) lpattern(solid) lwidth(medium)    
* mlm-expect: r(199)
ylabel(, angle(horizontal)) xlabel(, format(%ty)) title("Title") ytitle("Y") xtitle("Year") legend(order(1 "A" 2 "B" 3 "C" 4 "D" 5 "E" 6 "F" 7 "G" 8 "H" 9 "I" 10 "J" 11 "K" 12 "L"))
