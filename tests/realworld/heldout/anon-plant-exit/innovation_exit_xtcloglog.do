* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 36897381371 (a public GitHub .do file, replication code of a paper on product innovation and plant exit: stset with enter(), xi dummies, discrete-time hazard models of exit by xtcloglog, xtprobit and xtlogit ..., re nolog each followed by mfx, varlist(), Cox models with tvc() texp(ln()), areg ..., absorb() robust cluster(), Weibull streg with frailty(invgaussian), clogit with margins, dydx(*) predict(pu0); the index does not name the repository) (excerpt: from the start to the end of Table 4; Tables 5 and 6, the first-difference IV fits of the performance figure and the appendix robustness fits left out)
* author: unknown
* licence: none stated
* data: BaselineData.dta = plant_exit
clear
set more off 
cd "C:\ExitInnovationPaper\"
use "BaselineData.dta", clear
gen birth_year = year - firm_age79 + 1
sort nui year
by nui: egen min_firm_age79 = min(firm_age79)
replace min_firm_age79 = min_firm_age79 - 1
stset firm_age79, id(nui) failure(firm_exit==1) enter(time min_firm_age79)
xi i.industry2_4 i.year i.region i.add_sh50
xtcloglog firm_exit d_add_any_7 av_sales1 firm_size K_intensity multi_plant firm_size2 firm_size_ini firm_size_ini2 av_sales1_age firm_size_age multi_plant_age d_sales_ind6 n2_herf_6d n_herf_6d inno_ind6 _Iyear_* _Iindustry2_* _Iregion_*, re nolog
mfx, varlist(d_add_any_7 av_sales1 firm_size K_intensity multi_plant firm_size2 firm_size_ini firm_size_ini2 av_sales1_age firm_size_age multi_plant_age d_sales_ind6 n2_herf_6d n_herf_6d inno_ind6)
xtprobit firm_exit d_add_any_7 av_sales1 firm_size K_intensity multi_plant firm_size2 firm_size_ini firm_size_ini2 d_sales_ind6 n2_herf_6d n_herf_6d inno_ind6 _Iyear_* _Iindustry2_* _Iregion_*, re nolog
mfx, varlist(d_add_any_7 av_sales1 firm_size K_intensity multi_plant firm_size2 firm_size_ini firm_size_ini2 av_sales1_age firm_size_age multi_plant_age d_sales_ind6 n2_herf_6d n_herf_6d inno_ind6)
xtlogit firm_exit d_add_any_7 av_sales1 firm_size K_intensity multi_plant firm_size2 firm_size_ini firm_size_ini2 d_sales_ind6 n2_herf_6d n_herf_6d inno_ind6 _Iyear_* _Iindustry2_* _Iregion_*, re nolog
mfx, varlist(d_add_any_7 av_sales1 firm_size K_intensity multi_plant firm_size2 firm_size_ini firm_size_ini2 av_sales1_age firm_size_age multi_plant_age d_sales_ind6 n2_herf_6d n_herf_6d inno_ind6)
xtcloglog firm_exit d_inno_mul_7 av_sales1 firm_size K_intensity multi_plant firm_size2 firm_size_ini firm_size_ini2 av_sales1_age firm_size_age multi_plant_age d_sales_ind6 n2_herf_6d n_herf_6d inno_ind6 _Iyear_* _Iindustry2_* _Iregion_*, re nolog
mfx, varlist(d_inno_mul_7 av_sales1 firm_size K_intensity multi_plant firm_size2 firm_size_ini firm_size_ini2 av_sales1_age firm_size_age multi_plant_age d_sales_ind6 n2_herf_6d n_herf_6d inno_ind6)
xtprobit firm_exit d_inno_mul_7 av_sales1 firm_size K_intensity multi_plant firm_size2 firm_size_ini firm_size_ini2 d_sales_ind6 n2_herf_6d n_herf_6d inno_ind6 _Iyear_* _Iindustry2_* _Iregion_*, re nolog
mfx, varlist(d_inno_mul_7 av_sales1 firm_size K_intensity multi_plant firm_size2 firm_size_ini firm_size_ini2 av_sales1_age firm_size_age multi_plant_age d_sales_ind6 n2_herf_6d n_herf_6d inno_ind6)
xtlogit firm_exit d_inno_mul_7 av_sales1 firm_size K_intensity multi_plant firm_size2 firm_size_ini firm_size_ini2 d_sales_ind6 n2_herf_6d n_herf_6d inno_ind6 _Iyear_* _Iindustry2_* _Iregion_*, re nolog
mfx, varlist(d_inno_mul_7 av_sales1 firm_size K_intensity multi_plant firm_size2 firm_size_ini firm_size_ini2 av_sales1_age firm_size_age multi_plant_age d_sales_ind6 n2_herf_6d n_herf_6d inno_ind6)
stcox d_add_any_7 av_sales1 firm_size K_intensity multi_plant firm_size2 firm_size_ini firm_size_ini2 d_sales_ind6 n2_herf_6d n_herf_6d inno_ind6 _Iyear_* _Iindustry2_* _Iregion_* if d_add_any_7 ~=.,  vce(robust) tvc(av_sales1 firm_size multi_plant) texp(ln(firm_age79))
areg firm_exit d_add_any_7 av_sales1 firm_size K_intensity multi_plant firm_size2 firm_size_ini firm_size_ini2 d_sales_ind6 n2_herf_6d n_herf_6d inno_ind6 _Iyear_* _Iindustry2_* _Iregion_* if d_add_any_7 ~=., absorb(nui) robust cluster(nui)
streg d_add_any_7 av_sales1 firm_size K_intensity multi_plant firm_size2 firm_size_ini d_sales_ind6 n_herf_6d n2_herf_6d inno_ind6 _Iyear_* _Iindustry2_* _Iregion_* if d_add_any_7 ~=., d(weib) vce(robust) frailty(invgaussian)
clogit surv6  d_add_any_7 crisis_year, group(nui) vce(robust)  
margins, dydx(*) predict(pu0)
stcox d_inno_mul_7 av_sales1 firm_size K_intensity multi_plant firm_size2 firm_size_ini firm_size_ini2 d_sales_ind6 n2_herf_6d n_herf_6d inno_ind6 _Iyear_* _Iindustry2_* _Iregion_* if d_add_any_7 ~=.,  vce(robust) tvc(av_sales1 firm_size multi_plant) texp(ln(firm_age79))
areg firm_exit d_inno_mul_7 av_sales1 firm_size K_intensity multi_plant firm_size2 firm_size_ini firm_size_ini2 d_sales_ind6 n2_herf_6d n_herf_6d inno_ind6 _Iyear_* _Iindustry2_* _Iregion_* if d_add_any_7 ~=., absorb(nui) robust cluster(nui)
streg d_inno_mul_7 av_sales1 firm_size K_intensity multi_plant firm_size2 firm_size_ini d_sales_ind6 n_herf_6d n2_herf_6d inno_ind6 _Iyear_* _Iindustry2_* _Iregion_* if d_add_any_7 ~=., d(weib) vce(robust) frailty(invgaussian)
clogit surv6  d_inno_mul_7 crisis_year if d_add_any_7 ~=., group(nui) vce(robust)  
xtcloglog firm_exit d_add_X_7 d_add_nX_7 av_sales1 firm_size K_intensity multi_plant firm_size2 firm_size_ini firm_size_ini2 av_sales1_age firm_size_age multi_plant_age d_sales_ind6 n2_herf_6d n_herf_6d inno_ind6 _Iyear_* _Iindustry2_* _Iregion_* if d_add_any_7 ~=., re nolog
xtcloglog firm_exit d_add_any_7_mul d_add_any_7_sin av_sales1 firm_size K_intensity multi_plant firm_size2 firm_size_ini firm_size_ini2 av_sales1_age firm_size_age multi_plant_age d_sales_ind6 n2_herf_6d n_herf_6d inno_ind6 _Iyear_* _Iindustry2_* _Iregion_* if d_add_any_7 ~=., re nolog
xtcloglog firm_exit d_add7_forM d_add7_nforM av_sales1 firm_size K_intensity multi_plant firm_size2 firm_size_ini firm_size_ini2 av_sales1_age firm_size_age multi_plant_age d_sales_ind6 n2_herf_6d n_herf_6d inno_ind6 _Iyear_* _Iindustry2_* _Iregion_* if d_add_any_7 ~=., re nolog
