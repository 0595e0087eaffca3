* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 24952042563 (a public GitHub .do file; the index does not name the repository)
* author: Hazel Chui (path in the file)
* licence: none stated
* data: FE_data.dta = fe_nlswork
* data: DiD_data.dta = jtrain_did
clear
graph drop _all
cd "/Users/someone/Desktop/demo"
use FE_data.dta
table year marriage race, contents(mean ln_wage) col replace name("wage")
drop if missing(marriage)
drop if race == 3
graph twoway (line wage1 year  if (marriage==0)&(race==1)) (line wage1 year  if (marriage==1)&(race==1)), ytitle(Y) xtitle(X) title("A")legend(order(1 "a" 2 "b")) name (f_1a)
graph twoway (line wage1 year  if (marriage==0)&(race==2)) (line wage1 year  if (marriage==1)&(race==2)), ytitle(Y) xtitle(X) title("B")legend(order(1 "a" 2 "b")) name (f_1b)
grc1leg f_1a f_1b
use FE_data.dta, clear
reg ln_wage marriage age union tenure hour i.race collgrad, r
reg ln_wage marriage age union tenure hour i.race collgrad, vce(boot)
xtset idcode year
xtreg ln_wage marriage age union tenure hour, fe i(idcode) vce(clu idcode)
xtreg ln_wage marriage age union tenure hour, fe i(idcode) vce(boot)
xtreg ln_wage marriage age union tenure hour i.year, fe i(idcode) vce(clu idcode)
xtreg ln_wage marriage age tenure hour union i.ind_code, fe i(idcode) vce(cluster idcode)
xtreg ln_wage marriage age tenure hour union i.ind_code i.year, fe i(idcode) vce(cluster idcode)
clear
graph drop _all
use DiD_data.dta
keep year fcode grant training
replace training = 0 if training >= .
gen time = 1
replace time = 2 if year == 1988
replace time = 3 if year == 1989
levelsof fcode
foreach lev in `r(levels)' {
gen T`lev' = 0
replace T`lev' = time if fcode == `lev'
}
reg training grant i.time i.fcode, vce(cluster fcode)
