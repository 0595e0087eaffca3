* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 14002520431 (a public GitHub .do file, answers to a practical on longitudinal data -- diastolic blood pressure over six visits in a beta-blocker trial -- continuing an earlier file: summarize and r(mean), reshape long, egen tag(), random-intercept and random-coefficient mixed ... || id: time, cov(unstructured) reml with est store and lrtest, predict reffects and qnorm of the BLUPs, c.time##i.treat, the variance parameters read from e(b) by colnumb() on equation names and back-transformed (exp, tanh; the author's b[i, ...] reads i as an abbreviation of the variable id, its first value), the implied correlations between visits in nested foreach loops with di, predict fitted, preserve/keep/reshape wide/collapse/rename/reshape long/restore for mean profiles drawn with twoway line, twoway line and scatter by(id) for a selection, drop r*, predict reffects reses() and a caterpillar plot with rspike; the index does not name the repository)
* author: unknown (the index does not name the repository)
* licence: none stated
* data: ../data/beta_blocker.dta = beta_blocker_dbp
use "../data/beta_blocker.dta", clear
summarize pre
gen mean_pre = r(mean)
reshape long dbp, i(id) j(time)
gen c_pre = pre - mean_pre
egen pickone = tag(id)
mixed dbp time treat c_pre || id: time, cov(unstructured) reml
est store m1
predict r_slope r_inter, reffects
qnorm r_slope if pickone == 1
qnorm r_inter if pickone == 1
mixed dbp time treat c_pre || id:, reml
est store m0
lrtest m1 m0
mixed dbp c.time##i.treat c_pre || id: time, cov(unstructured) reml
mixed dbp time treat c_pre || id: time, cov(unstructured) reml
matrix b = e(b)
scalar idx_sig11 = colnumb(b, "lns1_1_1:")
scalar idx_sig00 = colnumb(b, "lns1_1_2:")
scalar idx_sig_e = colnumb(b, "lnsig_e:")
scalar idx_cor01 = colnumb(b, "atr1_1_1_2:")
scalar sig_11 = exp(b[1, idx_sig11])
scalar sig_00 = exp(b[1, idx_sig00])
scalar sig_e  = exp(b[1, idx_sig_e])
scalar cov_01 = tanh(b[i, idx_cor01]) * sig_00 * sig_11
foreach i of numlist 1/6{
	foreach j of numlist 1/6{
		if `j' == `i' di "cor(", `i', `j', ") = 1"
		if `i' < `j' {
			scalar cov = sig_00^2 + (`i' + `j') * cov_01 + `i' * `j' * sig_11^2
			scalar vi  = sig_00^2 + 2 * `i' * cov_01 + `i'^2 * sig_11^2 + sig_e^2
			scalar vj  = sig_00^2 + 2 * `j' * cov_01 + `j'^2 * sig_11^2 + sig_e^2
			di "cor(", `i', `j', ") =", cov / sqrt(vi * vj)
		}
	}
}
predict y_pred, fitted
preserve
keep y_pred time id pre treat
reshape wide y_pred, i(id) j(time)
collapse pre y_pred*, by(treat)
rename pre y_pred0
reshape long y_pred, i(treat) j(time)
gen active = y_pred if treat == 1
gen placebo = y_pred if treat == 0
twoway (line active time) (line placebo time)
restore
twoway (line y_pred time, sort) (scatter dbp time) if mod(id, 19) == 0, by(id)
drop r*
predict est_slope est_inter, reffects reses(slope_se inter_se)
gen low = est_inter - 1.96 * inter_se
gen high = est_inter + 1.96 * inter_se
preserve
keep if pickone == 1
sort est_inter
gen person = _n
twoway (rspike low high person) (scatter est_inter person, msize(small)) if pickone == 1
restore
