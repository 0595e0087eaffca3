* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 66254584879 (a public GitHub .do file, the corrected answers of a French university tutorial (TD 1) introducing panel data on a 471-woman extract of nlswork: describe/summarize, xtset with an abbreviated panel variable, xtdescribe, reshape wide and back long with 24 stubs, a wide file reshaped long, xtsum of 25 variables, xttab/xttrans, webuse pig, OLS with rvfplot, robust SEs, margins dydx() and at(union=(0 1)) after a factor interaction; step 5 declares idcode on the reshaped wide file without reloading nlswork471, so Stata stops at xtset, xtdescribe, xtsum, xttab and xttrans there (marked mlm-expect); the index does not name the repository)
* author: Esther Delesalle (named in the file's header)
* licence: none stated
* data: nlswork471.dta = nlswork471
* data: reshapewage.dta = nlswork471_wide
* data: wide.dta = wide_wage_exper
* data: pig = shared:stata/pig.dta
cd "/x/TD1/"
use nlswork471.dta, clear
use nlswork471.dta, clear
describe
summarize
xtset id year
xtdescribe
xtset
reshape wide age msp nev_mar grade collgrad not_smsa c_city south ind_code occ_code union wks_ue ttl_exp tenure hours wks_work wage neighborhood agesq race1 race2 race3 unsouth untenure, i(idcode) j(year)
use reshapewage.dta, clear
describe
browse
reshape long age msp nev_mar grade collgrad not_smsa c_city south ind_code occ_code union wks_ue ttl_exp tenure hours wks_work wage neighborhood agesq race1 race2 race3 unsouth untenure, i(idcode) j(year)
use wide.dta, clear
reshape long wage exper manuf inlf, i(id) j(year)
* mlm-expect: r(111)
xtset idcode year
* mlm-expect: r(459)
xtdescribe
* mlm-expect: r(111)
xtsum birth_yr age race msp nev_mar grade collgrad not_smsa c_city south ind_code occ_code union wks_ue ttl_exp tenure hours wks_work wage neighborhood agesq race1 race2 race3 unsouth untenure
* mlm-expect: r(111)
xttab msp
* mlm-expect: r(111)
xttab south
* mlm-expect: r(111)
xttab union
* mlm-expect: r(111)
xttab race
* mlm-expect: r(111)
xttrans msp
* mlm-expect: r(111)
xttrans south
* mlm-expect: r(111)
xttrans union
* mlm-expect: r(111)
xttrans race 
webuse pig, clear
xtset id week
xtdescribe
use nlswork471.dta, clear
xtset idcode year
xtdescribe
use "nlswork471.dta", clear
reg wage grade if race == 2 & union == 1
rvfplot
reg wage grade union race
reg wage grade union race, robust
reg wage grade union race tenure
margins, dydx(tenure)
reg wage grade i.union race tenure c.tenure#i.union
margins, dydx(tenure) at(union=(0 1))
