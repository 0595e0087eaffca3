* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 7499420043 (a public GitHub .do file: pisamixed, an OECD analyst's program for the between- and within-school variance decomposition of PISA-like data -- a weighted mixed model built as text, mixed femodel [pw = student weight] || remodel, pweight(school weight) pwscale(size), per level of by() under preserve with tempfiles, plausible values @ substituted with subinstr() in a forval loop, derived estimators by nlcom ..., post (variances, ICC and the inclusion index from [lns1_1_1]_cons and [lnsig_e]_cons), Rubin's rules for plausible values in an rclass helper with matrix expressions built from a macro, ereturn repost, and results written with postfile/post from mata st_matrix; v1 26 Apr 2016, modified to 17 Oct 2017), then code-index file id 7329125985 (the OECD's PISA 2022 Results, Volume I, chapter 2 analysis: run of the environment and preparation do-files, repest PISA (SSC) summaries of plausible values by country with betalog() and outfile(), svyparms(nbpv(10) final_weight_name()), a modal-grade sample flag, egen tag(), collapse (rawsum) ... (mean) ... [aw=] and save, and pisamixed's variance decomposition of mathematics with and without the modal-grade restriction); the index does not name the repositories; the first source's lines follow the second's clear all and set more
* author: Francesco Avvisati (file header of the program); the PISA team, OECD (file header of the analysis), 2023
* licence: none stated
* data: I_B1_CH2_cnt.dta = pisa2022_ch2
clear 			all
set more 		off, perm
* The analysis (the second source) calls pisamixed after its clear all, which drops programs,
* without defining it: the program's own do-file (the first source) is run after clear all
* (the analysis leaves that to the files it runs or to the user), so its lines are placed here.
cap program drop pisamixed
program define pisamixed, eclass
	syntax , femodel(string) wgt(varname)  [remodel(string) bweight(varname) by(string) options(string) VARiance stddev icc INCLusion keep(string) nbpv(integer 5) QUIetly outfile(string)]
	marksample touse
local model "`femodel' [pw = `wgt']"
if "`remodel'" != "" local model "`model' || `remodel', pweight(`bweight') pwscale(size)"
else local options ", `options'"
di "mixed `model' `options'"
	local pv_here=regexm("`femodel' `remodel'","@")
if "`variance'" != "" | "`stddev'" != "" | "`icc'" != "" | "`inclusion'" != "" {
	local derived ""
	if "`variance'" != "" local derived "`derived' (var_between: exp([lns1_1_1]_cons)^2 ) (var_within: exp([lnsig_e]_cons)^2)"
	if "`stddev'" != "" local derived "`derived' (sd_between: exp([lns1_1_1]_cons) ) (sd_within: exp([lnsig_e]_cons))"
	if "`icc'" != "" local derived "`derived' (icc: exp([lns1_1_1]_cons)^2 / ( exp([lnsig_e]_cons)^2 + exp([lns1_1_1]_cons)^2 ))"
	if "`inclusion'" != "" local derived "`derived' (inclusion: 100*(1- (exp([lns1_1_1]_cons)^2 / ( exp([lnsig_e]_cons)^2 + exp([lns1_1_1]_cons)^2 ))))"
	}
	gettoken by_var by_options : by, parse(",")
	if regexm("`by_options'","levels\(([^\)]*)")   local by_levels=regexs(1)
	if "`by_levels'"=="" {
		if "`by'" != "" {
			levelsof `by_var', local(by_levels)
			}
		else local by_levels  = "_pooled"
		}
	local by_levels : list clean by_levels
preserve
	tempfile base_dataset by_level_dataset  results_bylevel results_all
	qui save `base_dataset'
foreach by_level in `by_levels' {
	qui use `base_dataset',clear
	tempfile by_level_dataset results_bylevel
	if "`by_var'" != "" qui keep if `by_var' == "`by_level'"
 	di as res "`by_level' " _c
	local check = "`femodel' `remodel'"
	local check = subinstr("`check'",":","",.)
	local check = subinstr("`check'","@","1",.)
	local check = strtrim(stritrim("`check'"))
	local check = subinstr("`check'"," ",",",.)
	qui count if `touse' == 1 & missing(`check') == 0
	if r(N) != 0 {
		if `pv_here' == 0 {
			`quietly' mixed `model' `options'
			if "`derived'" != "" {
				if "`keep'" != "" {
					local depvar = word("`femodel'",1)
					unab depvar: `depvar'
					unab keep: `keep'
					foreach coef in `keep' {
						local derived "`derived' (`coef': [`depvar']`coef')"
						}
					}
				`quietly' nlcom `derived', post
				}
			}
		if `pv_here' == 1 {
			tempname b V
			local betas ""
			local vcovs ""
			forval ip = 1(1)`nbpv' {
				di "PV`ip' " _c
				tempname beta`i' VCOV`i'
				local model`ip' = subinstr("`model'","@","`ip'",.)
				`quietly' mixed `model`ip'' `options'
				if "`derived'" != "" {
					local derived`ip' "`derived'"
					if "`keep'" != "" {
						local depvar = word("`femodel'",1)
						local depvar`ip' = subinstr("`depvar'","@","`ip'",.)
						local keep`ip' = subinstr("`keep'","@","`ip'",.)
						unab depvar`ip': `depvar`ip''
						unab keep`ip': `keep`ip''
						foreach coef`ip' in `keep`ip'' {
							local derived`ip' "`derived`ip'' (`coef`ip'': [`depvar`ip'']`coef`ip'')"
							}
						}
					`quietly' nlcom `derived`ip'', post
					}
				matrix `beta`i'' = e(b)
				matrix `VCOV`i'' = e(V)
				local betas "`betas' `beta`i''"
				local vcovs "`vcovs' `VCOV`i''"
				}
			pisamixed_PVvariance, nbpv(`nbpv') betas(`betas') vcovs(`vcovs')
			matrix `b' = r(beta)
			matrix `V' = r(VCOV)
			ereturn repost b=`b' V=`V'
			}
		tempname beta VCOV memhold_bylevel
		matrix `beta' = e(b)
		matrix `VCOV' = e(V)
		pisamixed_post_memhold_bylevel, vcov("`VCOV'") beta("`beta'") memname("`memhold_bylevel'") by_level(`by_level') tempdata("`results_bylevel'") colnames(`colnames') by_var(`by_var')
		postclose `memhold_bylevel'
		if	"`hasposted_ever'"=="1" {
			qui use `results_all', clear
			append using `results_bylevel'
			qui save `results_all',replace
			}
		else if "`hasposted_ever'"!="1" {
			qui use `results_bylevel', replace
			qui	save `results_all', replace
			local hasposted_ever=1
			}
		}
	else di as error "x"
	di ""
	}
	if "`outfile'" != ""  {
		qui use `results_all', clear
 		qui save "`outfile'", replace
	}
di ""
restore
end
cap program drop pisamixed_PVvariance
program define pisamixed_PVvariance, rclass
	syntax , nbpv(integer) betas(string) vcovs(string) [, fast]
	if (wordcount("`betas'") !=  wordcount("`vcovs'")) | wordcount("`betas'") != `nbpv' {
		error 197
		}
	tokenize `vcovs'
 	local sum_beta = subinstr(trim("`betas'"), " ", " + ", .)
 	local sum_vcov = subinstr(trim("`vcovs'"), " ", " + ", .)
	tempname b b_dev IMPV SV VCOV
	matrix `b' = (`sum_beta') / `nbpv'
	foreach beta in `betas' {
		local dev_beta = "`dev_beta'" + "(`b' - `beta')" + " \ "
		}
	local dev_beta = regexr("`dev_beta'", "\\.$" ,"")
	matrix `b_dev' = (`dev_beta')
	matrix `IMPV' = (`b_dev'' * `b_dev') / (`nbpv' - 1)
	if "`fast'" == "" matrix `SV' = (`sum_vcov') / `nbpv'
 	else matrix `SV' = `1'
	matrix `VCOV' = `SV' + ((`nbpv' + 1)/`nbpv') * `IMPV'
 	return matrix beta = `b'
	return matrix VCOV = `VCOV'
end
cap program drop pisamixed_gen_memhold_bylevel
program define pisamixed_gen_memhold_bylevel, rclass
	syntax, tempdata(string) memname(string) colnames(string) [by_var(string)  ]
	if "`by_var'" == "" local by_var "_pooled"
	local output_names ""
			foreach name in `colnames' {
				local lab=strtoname(abbrev("`name'",28))
				local output_names  "`output_names' `lab'_b `lab'_se "
 				}
		qui postfile `memname' str20 `by_var' double(`output_names') using `tempdata', replace
	end
cap program drop pisamixed_post_memhold_bylevel
program define pisamixed_post_memhold_bylevel
	syntax, tempdata(string) memname(string) beta(string) vcov(string) by_level(string) [colnames(string) by_var(string) flag(string) pvalue eform]
	tempname se
	mata: `se'= sqrt(diagonal(st_matrix("`vcov'")))
	mata: st_matrix("`se'",`se'')
	local output ""
	local nc = colsof(`beta')
	local b_names : colfullnames `beta'
	local colnames : subinstr local b_names ":"  "_", all
	forval i = 1/`nc' {
		local output "`output' (`beta'[1,`i']) (`se'[1,`i'])"
		}
	cap post `memname' ("`by_level'") `output'
	if _rc!=0 {
		pisamixed_gen_memhold_bylevel , tempdata(`tempdata') memname(`memname') colnames(`colnames') by_var(`by_var')
		post `memname' ("`by_level'") `output'
		}
 end
run 			"c:\temp\pisa2022vol1_environment.do"
run 			"c:\temp\Chapter 2\pisa2022vol1_preparation_ch2.do"
use 			"${infile}/I_B1_CH2_cnt.dta", clear
global 			options "flag pisacoverage"
global 			options2 "flag"
cd 				"$outfile"
cap log close
	log using "${logs}/ch2", text replace
foreach domn in $scales {
	repest PISA, estimate(summarize pv@`domn', stats(mean sd p10 p25 p50 p75 p90 idr)) by(cnt, levels($CNT2022)) betalog(log_stats_`domn'_2022) outfile(I_B1_2_1_`domn') $options2
	}
foreach domn in $mscales {
	repest PISA, estimate(summarize pv@`domn', stats(mean sd p10 p25 p50 p75 p90 idr)) by(cnt, levels($CNT2022)) outfile(I_B1_2_1_`domn') $options2
	}
repest PISA , estimate(summarize pv@math, stats(Var)) outfile(I_B1_2_var_all, replace) svyparms(nbpv(10) final_weight_name(senwt))
preserve
keep if oecd == 1
repest PISA , estimate(summarize pv@math, stats(Var)) outfile(I_B1_2_var_oecd, replace) svyparms(nbpv(10) final_weight_name(senwt))
restore
cap drop *sample
gen sample = (xmodalisced * !missing(w_fstuwt))
egen schsample = tag(cnt cntschid) if sample
replace sample = sample*100
preserve
	collapse (rawsum) schsample (mean) sample [aw=w_fstuwt], by(cnt)
	rename ( schsample sample) (nsch_pvbetwith coverage_pvbetwith)
	save sample_pvmath.dta
restore
preserve
	keep if xmodalisced==1
	repest PISA, estimate (summarize pv@math,stats(mean Var))  by(cnt, levels($CNT2022)) outfile(variance_pvmath, replace) $options
	pisamixed, femodel(pv@math) remodel(cntschid:) wgt(w_fstuwt) bweight(t_fstuwt) options(var) by(cnt, levels($CNT2022)) variance icc qui outfile(decomp_var_pvmath) nbpv(10)
restore
preserve
	repest PISA, estimate (summarize pv@math,stats(mean Var))  by(cnt) outfile(variance_pvmath_nofilter, replace) $options2
	pisamixed, femodel(pv@math) remodel(cntschid:) wgt(w_fstuwt) bweight(t_fstuwt) options(var) by(cnt) variance icc qui outfile(decomp_var_pvmath_nofilter) nbpv(10)
restore
cap log close
