* ============================================================================
* datamgmt.do -- preparing the High School and Beyond data for a two-level
* model: the data-management commands a typical multilevel analysis needs.
*
*   Run from the project root:   mlm samples/datamgmt.do
*
* It writes two files into the current folder (datamgmt_schools.dta and
* datamgmt_prepared.dta), replacing earlier copies.
* ============================================================================

version 13
set more off

* ---------------------------------------------------------------- the data
use samples/data/hsb.dta, clear
describe
summarize
summarize mathach, detail
count if ses < -2

* ---------------------------------------------------------------- labels
label define yesno 0 "no" 1 "yes"
label values minority yesno
label variable mathach "Math achievement"
label list yesno
tab minority
tab sector female
fre sector

* ---------------------------------------------------------------- level-2 means
* school size, school means of ses and math, group-mean and grand-mean centring
bysort school: egen nj = count(mathach)
by school: egen ses_m = mean(ses)
egen math_m = mean(mathach), by(school)
generate double ses_gmc = ses - ses_m
egen ses_grand = mean(ses)
generate ses_grc = ses - ses_grand
by school: generate byte first = _n == 1
egen school_id = group(school)
summarize nj ses_m ses_gmc ses_grc if first
tabstat mathach ses, statistics (mean sd n) by (sector)
tabstat math_m if first, statistics(mean sd min max) by(sector) format(%8.3f)

* ---------------------------------------------------------------- recodes
generate sesgroup = 1 if ses < -0.5
replace sesgroup = 2 if ses >= -0.5 & ses < 0.5
replace sesgroup = 3 if ses >= 0.5 & ses < .
label define seslab 1 "low" 2 "middle" 3 "high"
label values sesgroup seslab
tab sesgroup sector
recode sesgroup (1 = 0) (2 3 = 1), generate(notlow)
tabstat mathach, by(notlow) statistics(mean sd)

* ---------------------------------------------------------------- a school file
preserve
collapse (mean) mean_math=mathach (sd) sd_math=mathach (count) n_students=mathach (first) sector, by(school)
format mean_math sd_math %6.2f
list in 1/5
save datamgmt_schools, replace
restore

merge m:1 school using datamgmt_schools, keepusing(mean_math n_students)
tab _merge
drop _merge
assert n_students == nj
generate math_dev = mathach - mean_math

* ---------------------------------------------------------------- reshape
* two students of the first three schools: wide on student, and back to long
preserve
keep if school_id <= 3
by school: keep if _n <= 2
by school: generate student = _n
keep school student mathach ses
reshape wide mathach ses, i(school) j(student)
list
reshape long mathach ses, i(school) j(student)
list, sepby(school)
restore

* ---------------------------------------------------------------- panel settings
xtset school
sort school mathach
order school school_id nj first
drop math_dev
save datamgmt_prepared, replace
describe, short
