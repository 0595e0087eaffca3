* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 25968619765 (a public GitHub .do file of an intensive-care study of early ward assessments of deteriorating patients across hospital sites: a program with syntax varname [, newslevel(integer 3)] that keeps one early-warning risk level, makes visit weeks with wofd(dofC()), collapses to site-weeks with (count) (firstnm) (mean) (min), centres the covariates, draws histograms with tw hist, graph rename and graph export, encode/xtset/xtsum, egen tag(), a random-intercept xtmepoisson ... || icode:, covariance(unstructured) intpoints(30) irr with estimates store and estimates table ..., eform newpanel, tabulate ..., generate(), macro list operators, eq and gllamm ..., family(poisson) link(log) i() eqs() eform with a robust replay; the program run quietly in a forvalues loop over a tempfile, parmest ..., eform erows(chol) saving(), and a results table built with bys, sdecode, ingap and listtab; the index does not name the repository; the author's setup program, include file and table-labelling program are the author's own)
* author: unknown (the author's setup program is named after Steve Harris)
* licence: none stated
* data: ../data/working.dta = spot_news_assessments
GenericSetupSteveHarris spot_early an_model_count_news_risk, logon

global ivars beds_none out_of_hours weekend referrals_permonth_c ccot_shift_pattern hes_overnight_c hes_emergx_c cmp_beds_max_c

global ivars_4model beds_none out_of_hours weekend referrals_permonth_c ib3.ccot_shift_pattern hes_overnight_c hes_emergx_c cmp_beds_max_c

global ivars_site_level referrals_permonth_c ccot_shift_pattern hes_overnight_c hes_emergx_c cmp_beds_max_c

global ivars_week_level beds_none out_of_hours weekend

cap program drop count_news_risk
program count_news_risk
	syntax varname [, newslevel(integer 3)]

	global newslevel `newslevel'
	keep if `varlist' == $newslevel
	cap drop v_week

	gen v_week = wofd(dofC(v_timestamp))
	label var v_week "Label 1"
	cap drop bedass

	cap drop new_patients
	gen new_patients = 1
	label var new_patients "Label 2"

	collapse (count) vperweek = new_patients (firstnm) $ivars_site_level (mean) $ivars_week_level (min) studymonth visit_month , by(icode v_week)

	foreach var of global ivars {
		cap drop c_`var'
		qui su `var', meanonly
		gen c_`var' = `var' - r(mean)
	}

	su vperweek,d
	bys icode: egen vperweek_bar = mean(vperweek)
	if $newslevel == 1 local ttitle Title 1
	if $newslevel == 2 local ttitle Title 2
	if $newslevel == 3 local ttitle Title 3
	tw hist vperweek, s(0) w(1) freq xscale(noextend) xlab(0(5)20) yscale(noextend) ylab(0(100)400, nogrid) ytitle("Title 4") xtitle("Title 5", margin(medium)) title("`ttitle'")

	graph rename vperweek_risk$newslevel, replace

	graph export ../logs/vperweek_bar_risk$newslevel.pdf, replace

	hist vperweek_bar, s(0) w(1) freq
	graph rename vperweek_bar, replace

	encode icode, gen(site)
	xtset site
	xtsum $ivars

	cap drop pickone_site
	egen pickone_site = tag(icode)

	xtmepoisson vperweek || icode:, covariance(unstructured) intpoints(30) irr nolog
	estimates store noivars
	estimates table noivars, stats(N rank ll chi2 aic bic) b(%9.3f) p(%9.3f) stfmt(%9.1g) eform newpanel

	save ../data/scratch/scratch.dta, replace

	global inspect_univariate 0
	if $inspect_univariate {

		use ../data/scratch/scratch.dta, clear

		local cat_vars ccot_shift_pattern
		tabstat vperweek_bar if pickone_site, by(ccot_shift_pattern) format(%9.3g)
		xtmepoisson vperweek ib3.ccot_shift_pattern || icode:, covariance(unstructured) intpoints(30) irr nolog
		estat recovariance
		estimates store candidate
		estimates table noivars candidate, stats(N rank ll chi2 aic bic) b(%9.3f) p(%9.3f) stfmt(%9.1g) eform newpanel

		foreach var of global ivars_site_level {
			su `var' if pickone_site
			running vperweek_bar `var' if pickone_site
			graph rename running_`var', replace
			xtmepoisson vperweek `var' || icode:, covariance(unstructured) intpoints(30) irr nolog
			estat recovariance
			estimates store candidate
			estimates table noivars candidate, stats(N rank ll chi2 aic bic) b(%9.3f) p(%9.3f) stfmt(%9.1g) eform newpanel
		}

		foreach var of global ivars_week_level {
			tabstat vperweek , by(`var') format(%9.3g)
			xtmepoisson vperweek `var' || icode:, covariance(unstructured) intpoints(30) irr nolog
			estat recovariance
			estimates store candidate
			estimates table noivars candidate, stats(N rank ll chi2 aic bic) b(%9.3f) p(%9.3f) stfmt(%9.1g) eform newpanel
		}

	}

	use ../data/scratch/scratch.dta, clear

	cap drop ccot_p_*
	tabulate ccot_shift_pattern, generate(ccot_p_)
	su ccot_p_*
	local toremove ib3.ccot_shift_pattern
	local ivars $ivars_4model
	local ivars: list ivars - toremove
	local ivars `ivars' ccot_p_1 ccot_p_2 ccot_p_3
	cap drop cons
	gen cons = 1
	eq ri: cons
	gllamm vperweek `ivars' , family(poisson) link(log) i(site) eqs(ri) eform dots nolog
	estimates store gllamm_final
	estimates table noivars , stats(N rank ll chi2 aic bic) b(%9.3f) p(%9.3f) stfmt(%9.1g) eform newpanel

	noisily gllamm, robust eform

end

estimates drop _all
use ../data/working.dta, clear
qui include cr_preflight.do
tab news_risk
tempfile working1
save `working1', replace

local first_run  1
forvalues i = 3/3 {
	use `working1', clear
	qui count_news_risk news_risk , newslevel(`i')
	est store news`i'
	tempfile temp1
	parmest , eform label list(parm label estimate min* max* p) format(estimate min* max* %8.3f p %8.3f) erows(chol) idnum(`i') idstr("Text 1") saving(`temp1', replace)
	if `first_run' {
		use `temp1', clear
		save ../data/count_news_risk_estimates.dta, replace
	}
	else {
		use ../data/count_news_risk_estimates, clear
		append using `temp1'
		save ../data/count_news_risk_estimates.dta, replace
	}
	local first_run 0
}

use ../data/count_news_risk_estimates.dta, clear
bys idnum (er_1_1): replace er_1_1 = er_1_1[1] if er_1_1 == .
replace er_1_1 = er_1_1^2
rename er_1_1 var_lvl2
gen medianIRR = exp(2^0.5 * var_lvl2) * invnormal(3/4)
format var_lvl2 medianIRR %9.3f
drop if eq == "sit1_1"
br idstr idnum parm estimate min95 max95 p var_lvl2 medianIRR
cap graph combine vperweek_risk1 vperweek_risk2 vperweek_risk3, rows(1) xcommon ycommon
save ../data/count_news_risk_estimates.dta, replace

use ../data/count_news_risk_estimates.dta, clear
sdecode var_lvl2, format(%9.3fc) replace
global var_lvl2 = var_lvl2[1]

local n = _N + 1
set obs `n'
replace parm = "ccot_p_4" if parm == ""
cap drop varname
gen varname = parm
replace varname = substr(parm, 1, length(parm) - 2) if substr(parm, -2, 2) == "_c"
replace varname = "ccot_shift_pattern" if substr(parm, 1, 6) == "ccot_p"
cap drop var_level
gen var_level = substr(parm, -1, 1) if substr(parm, 1, 6) == "ccot_p"
destring var_level, replace

local table_order hes_overnight hes_emergx cmp_beds_max ccot_shift_pattern referrals_permonth out_of_hours weekend beds_none _cons
cap drop table_order
gen table_order = .
local i = 1
foreach var of local table_order {
	replace table_order = `i' if varname == "`var'"
	local ++i
}

cap drop var_level_lab
gen var_level_lab = ""
replace var_level_lab = "Level 1" if varname == "ccot_shift_pattern" & var_level == 1
replace var_level_lab = "Level 2" if varname == "ccot_shift_pattern" & var_level == 2
replace var_level_lab = "Level 3" if varname == "ccot_shift_pattern" & var_level == 3
replace var_level_lab = "Level 4" if varname == "ccot_shift_pattern" & var_level == 4

sdecode estimate, format(%9.3fc) gen(est)
replace est = "--" if est == ""
sdecode min95, format(%9.3fc) replace
sdecode max95, format(%9.3fc) replace
sdecode p, format(%9.3fc) replace
replace p = "<0.001" if p == "0.000"
gen est_ci95 = "(" + min95 + "--" + max95 + ")" if !missing(min95, max95)

spot_label_table_vars
sort table_order var_level
order table_order tablerowlabel var_level_lab unitlabel est est_ci95 p

ingap 4
replace tablerowlabel = "Text 2" if _n == 4
replace tablerowlabel = var_level_lab if !missing(var_level_lab)
replace tablerowlabel =  "\hspace*{1em}{" + tablerowlabel + "}" if missing(var_level_lab)
replace tablerowlabel =  "\hspace*{2em}\smaller[0]{" + tablerowlabel + "}" if !missing(var_level_lab)

ingap 1 10 13
replace tablerowlabel = "\textit{Text 3}" if _n == 1
replace tablerowlabel = "\textit{Text 4}" if _n == 11
replace tablerowlabel = "\textit{Text 5}" if parm == "_cons"

local cols tablerowlabel est est_ci95 p
order `cols'

local h1 "Text 6 & Text 7 & Text 8 & p \\ "
local justify X[5l] X[1l] X[2l] X[1r]
local tablefontsize "\footnotesize"
local arraystretch 1.1
local taburowcolors 2{white .. white}
local table_name incidence_news_risk_high
local f1 "Text 9 & \multicolumn{3}{l}{$var_lvl2} \\"

listtab `cols' using ../outputs/tables/`table_name'.tex, replace rstyle(tabular) headlines( "`tablefontsize'" "\renewcommand{\arraystretch}{`arraystretch'}" "\sffamily{" "\taburowcolors `taburowcolors'" "\begin{tabu} spread " "\textwidth {`justify'}" "\toprule" "`h1'" "\midrule" ) footlines( "\midrule" "`f1'" "\bottomrule" "\end{tabu} } " "\label{`table_name'_best} " "\normalfont" "\normalsize")

di as result "Text 10 `table_name'"

cap log close
