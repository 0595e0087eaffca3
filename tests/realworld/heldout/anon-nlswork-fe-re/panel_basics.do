* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 720814939 (a public GitHub .do file; the index does not name the repository)
* author: unknown
* licence: none stated
* data: http://www.stata-press.com/data/r17/nlswork.dta = shared:stata/nlswork.dta
* data: panel_data.csv = shared:stata/nlswork.dta
* data: auto = auto
ssc install reghdfe
ssc install ftools
ssc install boottest
ssc install outreg2
ssc install estout
ssc install schemepack
use http://www.stata-press.com/data/r17/nlswork.dta, clear
import delimited "panel_data.csv", clear
describe
summarize
list idcode year age ln_wage if _n<=10
tabstat ln_wage age union tenure, stats(mean sd p50 min max) col(stat)
xtset idcode year
reg ln_wage age union tenure
xtreg ln_wage age union tenure, fe
xtreg ln_wage age union tenure, re
xtreg ln_wage age union tenure, fe
estimates store fe
xtreg ln_wage age union tenure, re
estimates store re
hausman fe re, sigmamore
xtreg ln_wage age union tenure i.year, fe
reghdfe ln_wage age union tenure, absorb(idcode year)
outreg2 using "/Users/someone/Desktop/out.doc", replace
est store m1
esttab m1 using "/Users/someone/Desktop/out.rtf", replace b(%6.3f) se(%6.3f) se ar2(3) star(* 0.1 ** 0.05 *** 0.01) compress nogaps title("T") scalar(N)
sysuse auto, clear
twoway (scatter price mpg, mcolor(%60) mlwidth(0)) (lowess price mpg), title("{bf}A", pos(11) size(2.75)) subtitle("B", pos(11) size(2.5)) legend(off) scheme(white_tableau)
histogram price, percent normal color(blue) title("C")
graph box price, over(foreign) title("D")
graph bar (mean) price, over(foreign) title("E") ylabel(,grid)
twoway (line price mpg, sort lcolor(red)), title("F") xlabel(,grid) ylabel(,grid)
