* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 62009584796 (a public GitHub .do file of a policy-diffusion project; the index does not name the repository)
* author: unknown
* licence: none stated
* data: data/lacombe_boehmke2021.dta = policy_diffusion
cap which esttab
if _rc {
ssc install estout
}
cd "/storage/work/someone/Projects/Diffusion"
capture log close
log using "figures/split_results.txt", replace text
use "data/lacombe_boehmke2021.dta", clear
summ year, meanonly
local midyear = floor((r(min) + r(max)) / 2)
gen sample_half = cond(year <= `midyear', 1, 2)
melogit adoption initiative init_sigs std_latnt_decay std_nbrs_lag std_pop std_masssociallib_est unified duration durationsq durationcb std_income std_bowen_1 std_bowen_2 change_pop change_inc party_change i.year if sample_half == 1 || policyno: std_masssociallib_est, cov(un)
estimates store first
melogit adoption initiative init_sigs std_latnt_decay std_nbrs_lag std_pop std_masssociallib_est unified duration durationsq durationcb std_income std_bowen_1 std_bowen_2 change_pop change_inc party_change i.year if sample_half == 2 || policyno: std_masssociallib_est, cov(un)
estimates store last
esttab first last using "figures/split.csv", replace cells("b se") label
log close
