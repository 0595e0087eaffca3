* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 10971555077 (a public GitHub .do file of a systematic review of all-cause mortality among people experiencing homelessness: risk ratios read from an Excel sheet with import excel ..., sheet() firstrow, logged with their confidence limits, reldif() symmetry checks, meta set ... , random civartolerance() studylabel(), meta summarize with eform() random(reml) and sort(), meta bias, egger, meta forestplot with columnopts() masks and crop(), meta galbraithplot, meta trimfill (with funnel), a leaveoneout forest plot, then a multilevel meta-regression of effects nested in studies, meta meregress ... || ID4:, essevariable(_meta_se), with predict xb/stdp, estat heterogeneity and exp() of the limits, and a leave-one-out forvalues loop of preserve/drop/meta meregress/restore; the index does not name the repository)
* author: unknown (path in the file: Cardiff University)
* licence: none stated
* data: C:\Users\x\review\DATA\Clean included papers Stata.xlsx = homeless_mortality
* data: C:\Users\x\review\DATA\Clean included papers 6JAN.xlsx = homeless_mortality
import excel "C:\Users\x\review\DATA\Clean included papers Stata.xlsx", sheet("Sheet A") firstrow clear
generate double log_effect_size = log(final_effect)
generate double log_ci_lower = log(FE_LCI)
generate double log_ci_upper = log(FE_UCI)
list ID3 log_effect_size log_ci_lower log_ci_upper
generate double rel_diff = reldif(( log_ci_upper - log_effect_size ), ( log_effect_size - log_ci_lower ))
summarize rel_diff
meta set log_effect_size log_ci_lower log_ci_upper, random civartolerance(5) studylabel(AUTHOR_YEAR_REASON)
tab ID
meta summarize, eform(Risk ratio) random(reml)
meta bias, egger 
keep if mainanalysis==1
meta summarize, eform(Risk ratio) random(reml) sort(AUTHOR_YEAR_REASON)
meta forestplot, eform(Risk ratio) random(reml) noohetstats noohomtest esrefline cibind(none) ciopts(lcolor(black)) markeropts(mcolor(black)) columnopts(_lb, mask("[%4.2f",)) columnopts(_ub, mask("%4.2f]")) sort(AUTHOR_YEAR_REASON) crop(0.25 16) xscale(range(.5 16)) xlabel(0.25 0.5 1 2 4 8 16, format(%2.1f)) 
meta bias, egger 
meta galbraithplot 
meta trimfill, eform(Risk ratios) poolmethod(reml)
meta trimfill, funnel eform(Risk ratios) poolmethod(reml)
meta forestplot, eform(Risk ratios) random(reml) esrefline cibind(parentheses)leaveoneout
meta meregress log_effect_size || ID4:, essevariable(_meta_se) 
predict predicted_log_rr, xb
predict se_log_rr, stdp
estat heterogeneity
generate ci_lower = predicted_log_rr - 1.96 * se_log_rr
generate ci_upper = predicted_log_rr + 1.96 * se_log_rr
generate predicted_rr = exp(predicted_log_rr)
generate ci_lower_rr = exp(ci_lower)
generate ci_upper_rr = exp(ci_upper)
summarize predicted_rr ci_lower_rr ci_upper_rr 
import excel "C:\Users\x\review\DATA\Clean included papers 6JAN.xlsx", sheet("Sheet A") firstrow clear
generate double log_effect_size = log(final_effect)
generate double log_ci_lower = log(FE_LCI)
generate double log_ci_upper = log(FE_UCI)
generate double rel_diff = reldif(( log_ci_upper - log_effect_size ), ( log_effect_size - log_ci_lower ))
meta set log_effect_size log_ci_lower log_ci_upper, fixed civartolerance(5) studylabel(AUTHOR_YEAR_REASON)
keep if mainanalysis==1
local n = _N
forvalues i = 1/`n' {
    preserve
    drop if _n == `i'
    meta meregress log_effect_size || ID4:, essevariable(_meta_se) 
	predict predicted_log_rr, xb
	predict se_log_rr, stdp
	generate ci_lower = predicted_log_rr - 1.96 * se_log_rr
	generate ci_upper = predicted_log_rr + 1.96 * se_log_rr
	generate predicted_rr = exp(predicted_log_rr)
	generate ci_lower_rr = exp(ci_lower)
	generate ci_upper_rr = exp(ci_upper)
summarize predicted_rr ci_lower_rr ci_upper_rr
restore
}
