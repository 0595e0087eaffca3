* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:agrogan1/multilevel@dc928d315113011665a1e20e4f7e6f3a56ec6088 paper-template/cross-sectional-multilevel.qmd (its Stata chunks) with mlm-gutten/mlm-gutten.qmd and filling-in-missing-observations/filling-in-missing-observations.do
* author: Andrew Grogan-Kaylor (University of Michigan)
* licence: GPL-3.0 (repository LICENSE)
* data: mydata.dta = template_mydata
* data: gutten.dta = gutten
* data: sample-data = sample_data
use mydata.dta, clear
quietly: dtable y x i.z, export("table1.md", as(markdown) replace)
use mydata.dta, clear
histogram x, percent title("T") xtitle("X") note("N")
graph export g1.png, replace
use mydata.dta, clear
twoway (scatter y x) (lfit y x), title("T") xtitle("X") ytitle("Y")
graph export g2.png, replace
use mydata.dta, clear
quietly: mixed y x z || u:
est store MLM
quietly: etable, estimates(MLM) novarlabel showstars showstarsnote column(estimates) export("table2.md", as(markdown) replace)
use gutten.dta, clear
egen ageMEAN = mean(age_base)
generate ageCENTERED = age_base - ageMEAN
spagplot height ageCENTERED, id(tree_ID)
graph export g3.png, width(2000) replace
use sample-data, clear
list
sort id t
list
bysort id: generate x_new = x[1]
list
