* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 9230650115 (a public GitHub .do file of a study of charitable giving and its tax price in a Japanese household panel: fixed-effects models of the intensive and extensive margins with year effects and clustered errors, on three samples; the index does not name the repository)
* author: unknown
* licence: none stated
* data: data\shapedt.dta = donation_panel
cd "C:\Users\x\Desktop\project"
use "data\shapedt.dta", clear
gen price = .
replace price = 1 - mtr if year < 2014
replace price = 1 - 0.15 if year >= 2014
gen log_price = ln(price)
gen log_total_g = ln(total_g + 1)
gen log_pinc_all = ln(pinc_all + 100000)
gen extensive = .
replace extensive = 1 if total_g > 0
replace extensive = 0 if total_g == 0
xtset pid
xtreg log_total_g log_price log_pinc_all i.year if total_g > 0, fe vce(cluster pid)
xtreg extensive log_price log_pinc_all i.year, fe vce(cluster pid)
xtreg log_total_g log_price log_pinc_all i.year if total_g > 0 & year > 2011, fe vce(cluster pid)
xtreg extensive log_price log_pinc_all i.year if year > 2011, fe vce(cluster pid)
xtreg log_total_g log_price log_pinc_all i.year if total_g > 0 & 2015 > year & year > 2012, fe vce(cluster pid)
* mlm-expect: r(2001)
xtreg extensive log_price log_pinc_all i.year if 2015 > year & year > 2013, fe vce(cluster pid)
