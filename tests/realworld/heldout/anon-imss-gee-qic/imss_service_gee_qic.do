* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 15266396149 (a public GitHub .do file of a study of health-service delivery in the 35 delegations of the Mexican social-security institute (IMSS) during COVID-19 and its recovery, choosing the working correlation of GEE models: globals of outcome lists, a variog loop with graph export, matrix input of a 3 x 12 matrix of missing values, then for each outcome cap noisily qic ... i(deleg) t(rmonth) family(poisson) link(log) corr(ar1|exchangeable|unstructured) exposure(<population>) robust, three times, each followed by if _rc == 0 { matrix qic_mat[r,c] = r(qic) }, lagged covariates for two quality outcomes, matrix colnames/rownames and matrix list; the same for five vaccine outcomes (family (poisson) written with a space) and for linear models (family (gaussian) link(identity)); the index does not name the repository)
* author: Catherine Arsenault, updated by Hannah Leslie (per the file's header)
* licence: none stated
* data: $user/$data/Data for analysis/IMSS_service_delivery_updated2021_v2.dta = imss_service_delivery
use "$user/$data/Data for analysis/IMSS_service_delivery_updated2021_v2.dta", clear
global maternal fp_util anc_util totaldel cs_rate
global child sc_util vax_util
global chronic cerv_util breast_util diab_util  hyper_util
global serv $maternal $child $chronic
global qual diab_qual hyper_qual
global all $serv $qual
global covars postPolicy timeafter_pol timeafter_cov ln_beds spring summer fall
global covars_lag postPolicy_lag timeafter_pol_lag timeafter_cov_lag ln_beds_lag spring summer fall
foreach x of global all {
	variog `x'
	graph export "$user/$analysis/Results/variograms/variog`x'.pdf", replace
}
matrix input qic_mat = (., ., ., ., ., ., ., ., ., ., ., ., \ ., ., ., ., ., ., ., ., ., ., ., ., \ ., ., ., ., ., ., ., ., ., ., ., .,)
local i = 1
foreach var of varlist fp_util anc_util totaldel {
	cap noisily qic `var' $covars, i(deleg) t(rmonth) family(poisson) link(log) corr(ar1) exposure(women1549) robust
	if _rc == 0 {
		matrix qic_mat[1,`i'] = r(qic)
		}
	cap noisily qic `var' $covars, i(deleg) t(rmonth) family(poisson) link(log) corr(exchangeable) exposure(women1549) robust
	if _rc == 0 {
		matrix qic_mat[2,`i'] = r(qic)
		}
	cap noisily qic `var' $covars, i(deleg) t(rmonth) family(poisson) link(log) corr(unstructured) exposure(women1549) robust
	if _rc == 0 {
		matrix qic_mat[3,`i'] = r(qic)
		}
	local i = `i' + 1
}
cap noisily qic sc_util $covars, i(deleg) t(rmonth) family(poisson) link(log) corr(ar1) exposure(u5) robust
	if _rc == 0 {
		matrix qic_mat[1,4] = r(qic)
		}
cap noisily qic sc_util $covars, i(deleg) t(rmonth) family(poisson) link(log) corr(exc) exposure(u5) robust
	if _rc == 0 {
		matrix qic_mat[2,4] = r(qic)
		}
cap noisily qic sc_util $covars, i(deleg) t(rmonth) family(poisson) link(log) corr(uns) exposure(u5) robust
	if _rc == 0 {
		matrix qic_mat[3,4] = r(qic)
		}
cap noisily qic vax_util $covars, i(deleg) t(rmonth) family(poisson) link(log) corr(ar1) exposure(u10) robust
	if _rc == 0 {
		matrix qic_mat[1,5] = r(qic)
		}
cap noisily qic vax_util $covars, i(deleg) t(rmonth) family(poisson) link(log) corr(exc) exposure(u10) robust
	if _rc == 0 {
		matrix qic_mat[2,5] = r(qic)
		}
cap noisily qic vax_util $covars, i(deleg) t(rmonth) family(poisson) link(log) corr(uns) exposure(u10) robust
	if _rc == 0 {
		matrix qic_mat[3,5] = r(qic)
		}
cap noisily qic cerv_util $covars, i(deleg) t(rmonth) family(poisson) link(log) corr(ar1) exposure(women2564) robust
	if _rc == 0 {
		matrix qic_mat[1,6] = r(qic)
		}
cap noisily qic cerv_util $covars, i(deleg) t(rmonth) family(poisson) link(log) corr(exc) exposure(women2564) robust
	if _rc == 0 {
		matrix qic_mat[2,6] = r(qic)
		}
cap noisily qic cerv_util $covars, i(deleg) t(rmonth) family(poisson) link(log) corr(uns) exposure(women2564) robust
	if _rc == 0 {
		matrix qic_mat[3,6] = r(qic)
		}
cap noisily qic breast_util $covars, i(deleg) t(rmonth) family(poisson) link(log) corr(ar1) exposure(women5069) robust
	if _rc == 0 {
		matrix qic_mat[1,7] = r(qic)
		}
cap noisily qic breast_util $covars, i(deleg) t(rmonth) family(poisson) link(log) corr(exc) exposure(women5069) robust
	if _rc == 0 {
		matrix qic_mat[2,7] = r(qic)
		}
cap noisily qic breast_util $covars, i(deleg) t(rmonth) family(poisson) link(log) corr(uns) exposure(women5069) robust
	if _rc == 0 {
		matrix qic_mat[3,7] = r(qic)
		}
local i = 8
foreach var of varlist diab_util hyper_util {
cap noisily qic `var' $covars, i(deleg) t(rmonth) family(poisson) link(log) corr(ar1) exposure(all20plus) robust
	if _rc == 0 {
		matrix qic_mat[1,`i'] = r(qic)
		}
cap noisily qic `var' $covars, i(deleg) t(rmonth) family(poisson) link(log) corr(exc) exposure(all20plus) robust
	if _rc == 0 {
		matrix qic_mat[2,`i'] = r(qic)
		}
cap noisily qic `var' $covars, i(deleg) t(rmonth) family(poisson) link(log) corr(uns) exposure(all20plus) robust
	if _rc == 0 {
		matrix qic_mat[3,`i'] = r(qic)
		}
local i = `i' + 1
}
cap noisily qic cs_util $covars, i(deleg) t(rmonth) family(poisson) link(log) corr(ar1) exposure(totaldel) robust
	if _rc == 0 {
		matrix qic_mat[1,10] = r(qic)
		}
cap noisily qic cs_util $covars, i(deleg) t(rmonth) family(poisson) link(log) corr(exc) exposure(totaldel) robust
	if _rc == 0 {
		matrix qic_mat[2,10] = r(qic)
		}
cap noisily qic cs_util $covars, i(deleg) t(rmonth) family(poisson) link(log) corr(uns) exposure(totaldel) robust
	if _rc == 0 {
		matrix qic_mat[3,10] = r(qic)
		}
cap noisily qic diab_qual_num $covars_lag, i(deleg) t(rmonth) family(poisson) link(log) corr(ar1) exposure(diab_util) robust
	if _rc == 0 {
		matrix qic_mat[1,11] = r(qic)
		}
cap noisily qic diab_qual_num $covars_lag, i(deleg) t(rmonth) family(poisson) link(log) corr(exc) exposure(diab_util) robust
	if _rc == 0 {
		matrix qic_mat[2,11] = r(qic)
		}
cap noisily qic diab_qual_num $covars_lag, i(deleg) t(rmonth) family(poisson) link(log) corr(uns) exposure(diab_util) robust
	if _rc == 0 {
		matrix qic_mat[3,11] = r(qic)
		}
cap noisily qic hyper_qual_num $covars_lag, i(deleg) t(rmonth) family(poisson) link(log) corr(ar1) exposure(hyper_util) robust
	if _rc == 0 {
		matrix qic_mat[1,12] = r(qic)
		}
cap noisily qic hyper_qual_num $covars_lag, i(deleg) t(rmonth) family(poisson) link(log) corr(exc) exposure(hyper_util) robust
	if _rc == 0 {
		matrix qic_mat[2,12] = r(qic)
		}
cap noisily qic hyper_qual_num $covars_lag, i(deleg) t(rmonth) family(poisson) link(log) corr(uns) exposure(hyper_util) robust
	if _rc == 0 {
		matrix qic_mat[3,12] = r(qic)
		}
matrix colnames qic_mat = fp_util anc_util totaldel sc_util vax_util cerv_util breast_util diab_util hyper_util cs_util diab_qual_num hyper_qual_num
matrix rownames qic_mat = AR1 Exc Uns
matrix list qic_mat
use "$user/$data/Data for analysis/IMSS_service_delivery_updated2021_v2.dta", clear
global vax bcg_qual pent_qual measles_qual rota_qual pneum_qual
global vax10  pent_qual measles_qual rota_qual pneum_qual
matrix input qic_mat_v = (., ., ., ., .,  \ ., ., ., ., .,  \ ., ., ., ., ., )
local i = 1
foreach var of varlist bcg_qual {
	cap noisily qic `var' $covars, i(deleg) t(rmonth) family (poisson) link(log) exposure(u1) corr(ar1) robust
	if _rc == 0 {
		matrix qic_mat_v[1,`i'] = r(qic)
		}
	cap noisily qic `var' $covars, i(deleg) t(rmonth) family (poisson) link(log) exposure(u1) corr(exchangeable) robust
	if _rc == 0 {
		matrix qic_mat_v[2,`i'] = r(qic)
		}
	cap noisily qic `var' $covars, i(deleg) t(rmonth) family (poisson) link(log) exposure(u1) corr(unstructured) robust
	if _rc == 0 {
		matrix qic_mat_v[3,`i'] = r(qic)
		}
	local i = `i' + 1
}
local i = 2
foreach var of varlist $vax10 {
	cap noisily qic `var' $covars, i(deleg) t(rmonth) family (poisson) link(log) exposure(u10) corr(ar1) robust
	if _rc == 0 {
		matrix qic_mat_v[1,`i'] = r(qic)
		}
	cap noisily qic `var' $covars, i(deleg) t(rmonth) family (poisson) link(log) exposure(u10) corr(exchangeable) robust
	if _rc == 0 {
		matrix qic_mat_v[2,`i'] = r(qic)
		}
	cap noisily qic `var' $covars, i(deleg) t(rmonth) family (poisson) link(log) exposure(u10) corr(unstructured) robust
	if _rc == 0 {
		matrix qic_mat_v[3,`i'] = r(qic)
		}
	local i = `i' + 1
}
matrix colnames qic_mat_v = $vax
matrix rownames qic_mat_v = AR1 Exc Uns
matrix list qic_mat_v
matrix input qic_mat_lin = (., ., ., ., ., ., ., ., ., ., ., ., \ ., ., ., ., ., ., ., ., ., ., ., ., \ ., ., ., ., ., ., ., ., ., ., ., .,)
local i = 1
foreach var of varlist $serv {
	cap noisily qic `var' $covars, i(deleg) t(rmonth) family (gaussian) link(identity) corr(ar1) robust
	if _rc == 0 {
		matrix qic_mat_lin[1,`i'] = r(qic)
		}
	cap noisily qic `var' $covars, i(deleg) t(rmonth) family (gaussian) link(identity) corr(exchangeable) robust
	if _rc == 0 {
		matrix qic_mat_lin[2,`i'] = r(qic)
		}
	cap noisily qic `var' $covars, i(deleg) t(rmonth) family (gaussian) link(identity) corr(unstructured) robust
	if _rc == 0 {
		matrix qic_mat_lin[3,`i'] = r(qic)
		}
	local i = `i' + 1
}
local i = 11
foreach var of varlist $qual {
	cap noisily qic `var' $covars_lag, i(deleg) t(rmonth) family (gaussian) link(identity) corr(ar1) robust
	if _rc == 0 {
		matrix qic_mat_lin[1,`i'] = r(qic)
		}
	cap noisily qic `var' $covars_lag, i(deleg) t(rmonth) family (gaussian) link(identity) corr(exchangeable) robust
	if _rc == 0 {
		matrix qic_mat_lin[2,`i'] = r(qic)
		}
	cap noisily qic `var' $covars_lag, i(deleg) t(rmonth) family (gaussian) link(identity) corr(unstructured) robust
	if _rc == 0 {
		matrix qic_mat_lin[3,`i'] = r(qic)
		}
	local i = `i' + 1
}
matrix colnames qic_mat_lin = $serv $qual
matrix rownames qic_mat_lin = AR1 Exc Uns
matrix list qic_mat_lin
