* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 33133944955 (a public GitHub dyndoc Markdown page, "mixed versus xtreg": the Stata chunks it runs, in order; the index does not name the repository; another file of the project links it as errickson.net/stats-notes/xtsetvsmixed.html)
* author: Josh Errickson (stats-notes)
* licence: none stated
* data: nlswork = shared:stata/nlswork.dta
webuse nlswork, clear
desc
xtset idcode
xtsum ln_wage
summ ln_wage
egen meanln_wage = mean(ln_wage), by(idcode)
gen cln_wage = ln_wage - meanln_wage
summ cln_wage
egen overallmean = mean(ln_wage)
gen cln_wage2 = cln_wage + overallmean
summ cln_wage2
preserve
collapse (mean) ln_wage, by(idcode)
summ ln_wage
restore
xtreg ln_wage grade age ttl_exp tenure not_smsa south, fe
foreach v of varlist ln_wage grade age ttl_exp tenure not_smsa south {
	qui egen `v'_mean = mean(`v'), by(idcode)
	qui gen `v'_cen = `v' - `v'_mean
}
reg ln_wage_cen grade_cen age_cen ttl_exp_cen tenure_cen not_smsa_cen south_cen, noconstant
xtreg ln_wage grade age ttl_exp tenure not_smsa south, be
preserve
collapse (mean) ln_wage grade age ttl_exp tenure not_smsa south, by(idcode)
reg ln_wage grade age ttl_exp tenure not_smsa south
restore
xtreg ln_wage grade age ttl_exp tenure not_smsa south, re
mixed ln_wage grade age ttl_exp tenure not_smsa south || idcode:
xtreg ln_wage grade age ttl_exp tenure not_smsa south, re mle
