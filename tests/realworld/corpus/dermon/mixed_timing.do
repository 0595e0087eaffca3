* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:adrianadermon/multilevel_test@34a480d902ed897e8049e5ae9f054e65534bf67a mixed.do
* author: Adrian Adermon
* licence: none stated
* data: data_large = mlm_timing
cd "F:\Dropbox\Research\Software tests\Multilevel"
set more off
local n = 10
foreach f in large {
use data_`f', clear
matrix define times = J(`n', 4, .)
matrix colnames times = reml_2 ml_2 reml_3 ml_3
timer clear
forvalues i = 1/`n' {
timer on `i'
mixed y i.by i.gender || id2:, reml
timer off `i'
}
timer list
forvalues i = 1/`n' {
matrix times[`i', 1] = r(t`i')
}
timer clear
forvalues i = 1/`n' {
timer on `i'
mixed y i.by i.gender || id2:, mle
timer off `i'
}
timer list
forvalues i = 1/`n' {
matrix times[`i', 2] = r(t`i')
}
timer clear
forvalues i = 1/`n' {
timer on `i'
mixed y i.by i.gender || id2: || id3:, reml matlog difficult
timer off `i'
}
timer list
forvalues i = 1/`n' {
matrix times[`i', 3] = r(t`i')
}
timer clear
forvalues i = 1/`n' {
timer on `i'
mixed y i.by i.gender || id2: || id3:, mle matlog difficult
timer off `i'
}
timer list
forvalues i = 1/`n' {
matrix times[`i', 4] = r(t`i')
}
svmat times, names(col)
keep reml* ml*
drop if reml_2 == .
gen format = "Stata"
gen data = "`f'"
save Stata_test_`f'.dta, replace
}
