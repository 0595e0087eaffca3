* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:agrogan1/multilevel@dc928d315113011665a1e20e4f7e6f3a56ec6088 visualizing-MLM/visualizing-MLM.qmd (its Stata chunks)
* author: Andrew Grogan-Kaylor (University of Michigan)
* licence: GPL-3.0 (repository LICENSE)
* data: simulated_multilevel_data.dta = sim_mlm_cross
set scheme michigan
use "simulated_multilevel_data.dta", clear
twoway scatter outcome warmth, mcolor(%30)
graph export g1.png, width(1500) replace
twoway lfit outcome warmth
graph export g2.png, width(1500) replace
twoway lfitci outcome warmth
graph export g3.png, width(1500) replace
twoway (scatter outcome warmth, mcolor(%30)) (lfit outcome warmth)
graph export g4.png, width(1500) replace
spagplot outcome warmth, id(country)
graph export g5.png, width(1500) replace
twoway (scatter outcome warmth, mcolor(%30)) (lfit outcome warmth), by(country) aspect(1)
graph export g6.png, width(1500) replace
set seed 3846
gen randomid = runiform()
bysort country: replace randomid = randomid[1]
summarize randomid
twoway (scatter outcome warmth, mcolor(%30)) (lfit outcome warmth) if randomid < .5, by(country) aspect(1)
quietly: graph export g7.png, width(1500) replace
mixed outcome warmth physical_punishment i.intervention || country:
predict outcome_hat, fitted
twoway (scatter outcome_hat warmth, mcolor(%30)) (lfit outcome_hat warmth)
graph export g8.png, width(1500) replace
twoway (lfit outcome_hat warmth)
graph export g9.png, width(1500) replace
spagplot outcome_hat warmth, id(country)
graph export g10.png, width(1500) replace
mixed outcome warmth physical_punishment i.intervention || country:
margins intervention, at(warmth = (1 2 3 4 5 6 7))
marginsplot
graph export g11.png, width(1500) replace
kdensity warmth, generate(warmth_x warmth_d) n(8)
kdensity outcome, generate(outcome_y outcome_d)
replace warmth_d = 100 * warmth_d
replace outcome_d = 5 * outcome_d - .5
label variable outcome_y "d"
