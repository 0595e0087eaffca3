* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:agrogan1/multilevel-thinking@e02fdcaa9808d0222a2097cf23349a1b71122bff simulate-and-analyze-multilevel-data/simulate-and-analyze-multilevel-data.do
* author: Andrew Grogan-Kaylor (University of Michigan)
* licence: repository LICENSE (see license.qmd)
* data: simulated_clustered_data.dta = sim_clustered
* data: multilevelstructure.dta = mlm_structure
clear all
set seed 3846
cd "/Users/someone/project"
use "simulated_clustered_data.dta", clear
rename x_individualA x
rename y_individualA y
regress y x
est store OLS
mixed y x || group_numA:
estat sd, variance post
est store MLM
etable, estimates(OLS MLM) cstat(_r_b) showstars showstarsnote column(estimates) export("tableA.md", as(markdown) replace)
estimates drop OLS MLM
use "multilevelstructure.dta", clear
regress y x
est store OLS
mixed y x || country:
estat sd, variance post
est store MLM
etable, estimates(OLS MLM) cstat(_r_b) showstars showstarsnote column(estimates) export("tableB.md", as(markdown) replace)
estimates drop OLS MLM
