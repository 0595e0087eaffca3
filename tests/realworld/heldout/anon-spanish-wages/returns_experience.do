* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 19132297696 (a public GitHub .do file of a Spanish labour-economics course, "video 3": two programs that restrict the sample to four provinces and build annualised tenure, experience and log real wages, and attach variable and value labels; then xtset/xtdescribe/xtsum, pooled OLS with clustered errors, FE and RE xtreg with the regressors in globals (factor variables, i.year), returns to experience with nlcom at r() scalars of summarize, estimates table, Hausman tests, an interaction i.universitario#c.explab, tabstat inside preserve/restore; the index does not name the repository)
* author: unknown
* licence: none stated
* data: data-video3-p1.dta = mcvl_wages_es
clear all
global datos "Z:/x/data"
global graficos "Z:/x/graphs"
cd "$datos\"
program define clean_data, rclass
local submuestra ""
if "`1'" != "" local submuestra "`1'"
if "`submuestra'" == "Submuestra" {
keep if provc1 == 3 | provc1 == 12 | provc1 == 46 | provc1 == 30
}
gen byte ccaa = .
replace ccaa = 10 if provc1 == 3 | provc1 == 12 | provc1 == 46
replace ccaa = 14 if provc1 == 30
order ccaa
gen tenure = tenuremes / 12
gen tenurec = tenure^2
gen explab = explabmes / 12
gen explabc = explab^2
gen edadc = edad^2
gen wager = wager_mensual * 12
drop if wager == .
gen ln_wager = ln(wager)
sort indiv year
end
program define add_labels, rclass
label variable indiv "v"
label variable year "v"
label variable tenure "v"
label variable tenure "v"
label variable explab "v"
label variable explabc "v"
label variable wager "v"
label variable ln_wager "v"
label variable edad "v"
label variable edadc "v"
label variable mujer "v"
label define mujer 0 "a" 1 "b"
label values mujer mujer
label variable inmigra "v"
label variable nhijos "v"
label variable nhijopeq04 "v"
label variable nhijopeq59 "v"
label variable nhijopeq1015 "v"
label variable fijo "v"
label variable fijodisc "v"
label variable privada "v"
label variable provc1 "v"
label define provc1 3 "a" 12 "b" 46 "c" 30 "d"
label values provc1 provc1
label define ccaa 10 "a" 14 "b"
label values ccaa ccaa
label define trim 1 "a" 2 "b" 3 "c" 4 "d"
label values trim trim
label variable sector_actividad "v"
label define sector_actividad 1 "a" 2 "b" 3 "c" 4 "d" 5 "e" 6 "f" 7 "g" 8 "h"
label values sector_actividad sector_actividad
label variable tamemp "v"
label variable nivel_educ "v"
label define newnivel_educ 1 "a" 2 "b" 3 "c" 4 "d" 5 "e" 6 "f" 7 "g"
label values nivel_educ newnivel_educ
end
use "data-video3-p1.dta", clear
clean_data "Submuestra"
add_labels
cd "$graficos\"
xtset indiv year
xtdescribe
xtsum
global exp explab explabc
global X edad edadc nhijopeq04 nhijopeq59 nhijopeq1015 i.fijo i.privada
global Z i.mujer i.inmigra i.nivel_educ
global Y i.sector_actividad
global time i.year
global provincia i.provc1
reg ln_wager $exp $X $Z $Y $time $provincia, vce(cluster indiv)
estimate store mco1
qui sum explab, detail
scalar mexplab = r(mean)
di mexplab
scalar p25explab = r(p25)
di p25explab
scalar p50explab = r(p50)
di p50explab
scalar p75explab = r(p75)
di p75explab
nlcom _b[explab] + 2 * _b[explabc] * mexplab
nlcom _b[explab] + 2 * _b[explabc] * p25explab
nlcom _b[explab] + 2 * _b[explabc] * p50explab
nlcom _b[explab] + 2 * _b[explabc] * p75explab
nlcom -_b[explab] / (2 * _b[explabc])
xtreg ln_wager $exp $X $Z $Y $time $provincia, vce(cluster indiv) fe
estimates store fe1
nlcom _b[explab] + 2 * _b[explabc] * mexplab
nlcom _b[explab] + 2 * _b[explabc] * p25explab
nlcom _b[explab] + 2 * _b[explabc] * p50explab
nlcom _b[explab] + 2 * _b[explabc] * p75explab
nlcom -_b[explab] / (2 * _b[explabc])
estimates table mco1 fe1
xtreg ln_wager $exp $X $Z $Y $time $provincia, vce(cluster indiv) re
estimates store re1
nlcom _b[explab] + 2 * _b[explabc] * mexplab
nlcom _b[explab] + 2 * _b[explabc] * p25explab
nlcom _b[explab] + 2 * _b[explabc] * p50explab
nlcom _b[explab] + 2 * _b[explabc] * p75explab
nlcom -_b[explab] / (2 * _b[explabc])
estimates table mco1 fe1 re1
xtreg ln_wager $exp $X $Z $Y $time $provincia, fe
estimates store fe2
xtreg ln_wager $exp $X $Z $Y $time $provincia, re
estimates store re2
hausman fe2 re2
gen universitario = (nivel_educ == 7)
global X i.universitario edad edadc nhijopeq04 nhijopeq59 nhijopeq1015 i.fijo i.privada
xtreg ln_wager $exp i.universitario#c.explab $X $Z $Y $time $provincia, vce(cluster indiv) re
estimates store re_uni
global X edad edadc nhijopeq04 nhijopeq59 nhijopeq1015 i.fijo i.privada i.nivel_educ
global ftenure tenure tenurec
xtsum tenure tenurec
preserve
replace tenure = round(tenure, 1)
tabstat wager, by(tenure)
restore
reg ln_wager $exp $ftenure $X $Z $Y $time $provincia, vce(cluster indiv)
estimate store mco3
xtreg ln_wager $exp $ftenure $X $Z $Y $time $provincia, vce(cluster indiv) fe
estimates store fe3
xtreg ln_wager $exp $ftenure $X $Z $Y $time $provincia, vce(cluster indiv) re
estimates store re3
estimates table mco3 fe3 re3
estimates restore mco3
nlcom _b[tenure] + 2 * _b[tenurec]
estimates restore fe3
nlcom _b[tenure] + 2 * _b[tenurec]
estimates restore re3
nlcom _b[tenure] + 2 * _b[tenurec]
xtreg ln_wager $exp $ftenure $X $Z $Y $time $provincia, fe
estimates store fe4
xtreg ln_wager $exp $ftenure $X $Z $Y $time $provincia, re
estimates store re4
hausman fe4 re4
estimates table re1 re3
