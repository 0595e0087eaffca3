* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:nickeubank/pk_schooling@4b31b2e5835bbd417ec19a4016a73bfb8b04a577 dofiles/10_build_datasets_for_analysis/50_calculate_teacher_valueadded.do (Eubank, ethnic sorting and schooling in Pakistan on the public LEAPS child panel: teacher value added -- clear matrix/mata, set maxvar, tsset child round, bysort round teacher: egen count(), drop if, levelsof into a local and a loop of teacher dummies, set matsize, a loop over three subjects of xi: reg score L.math L.urdu L.english controls t_* i.district i.child_class, cluster(child) with an inner loop writing _b[t_`teacher'] and _se[t_`teacher'] into new variables, keep valueadded_*, keep if _n==_N, reshape long of six stubs with i(id) j(teachercode), renvars ..., postdrop(1), save)
* author: Nick Eubank
* licence: none stated
* data: $pk/public_leaps_data/panels/public_child_panel_long = leaps_child_panel
clear
clear matrix
clear mata
set maxvar 30000
use $pk/public_leaps_data/panels/public_child_panel_long, clear
set more off
tsset childcode round
bysort round child_teachercode: egen num=count(child_math_theta)
drop if num <= 10
drop if child_english_theta==.
sort childcode round
levelsof child_teachercode , local(codes)
foreach x in `codes' {
	gen t_`x'=(child_teachercode==`x')
}
gen child_age2 = child_age^2
set matsize 2000
foreach x in english math urdu {
	xi: reg child_`x'_theta L.child_math_theta L.child_urdu_theta L.child_english_theta child_parentedu child_pca child_age child_age2 t_* i.district i.child_class , cluster(childcode)
	foreach teacher in `codes' {
		gen valueadded_`x'_`teacher'= _b[t_`teacher']
		replace valueadded_`x'_`teacher'= . if valueadded_`x'_`teacher'==0
		gen valueadded_se_`x'_`teacher' = _se[t_`teacher']
		replace valueadded_se_`x'_`teacher' = . if valueadded_se_`x'_`teacher'==0
	}
}
keep valueadded_*
keep if _n==_N
gen id=1
reshape long valueadded_math_ valueadded_english_ valueadded_urdu_ valueadded_se_math_ valueadded_se_english_ valueadded_se_urdu_ , i(id) j(teachercode)
renvars valueadded_*_, postdrop(1)
drop id
sort teachercode
save $pk/constructed_data/teacher_value_added_scores, replace
