* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:agrogan1/multilevel@dc928d315113011665a1e20e4f7e6f3a56ec6088 multiple-methods-for-clustered-data/multiple-methods-for-clustered-data.do
* author: Andrew Grogan-Kaylor (University of Michigan)
* licence: GPL-3.0 (repository LICENSE)
clear all
cd "/Users/someone/Desktop/GitHub/multilevel/multiple-methods-for-clustered-data"
set seed 3846
set obs 500
generate id = _n
generate u0 = rnormal(0, 10)
generate n = runiformint(1, 3)
generate x = rnormal(100, 10)
expand n
replace x = x + rnormal(0, 10)
generate e = rnormal(0, 1)
generate y = 3 * x + u0 + e
save clustered.dta, replace
spagplot y x, id(id)
graph export "spag.png", as(png) name("Graph") replace
regress y x
est store OLS
regress y x, cluster(id)
est store OLS_cl
mixed y x || id:
est store MLM
xtreg y x, i(id)
est store RE
xtreg y x, i(id) fe
est store FE
xtgee y x, i(id)
est store GEE
etable, estimates(OLS OLS_cl MLM RE FE GEE) cstat(_r_b) showstars showstarsnote column(estimate) export("methods.md", replace)
