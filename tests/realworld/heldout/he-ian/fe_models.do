* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 24555940794 (a public GitHub .do file comparing fixed-effects commands on World Development Indicators 2000-2021: xtreg fe, areg and reghdfe with estout tables and a LaTeX export, testparm of year effects, Hausman, xttest0, xttest2, xttest3 and xtserial; the index does not name the repository)
* author: Ian He (The University of Oklahoma, file header), 2023
* licence: none stated
* data: $dtadir\WDI21.dta = wdi_fe
clear all
global localdir "D:\research\project"
global dtadir   "$localdir\Data"
global tabdir   "$localdir\Table"
use "$dtadir\WDI21.dta", clear
eststo xtreg1: xtreg ln_gdppc ln_trade ln_labor, fe robust
eststo xtreg2: xtreg ln_gdppc ln_trade ln_labor i.year, fe robust
estout xtreg*, keep(ln_trade ln_labor) coll(none) cells(b(star fmt(3)) se(par fmt(3))) starlevels(* .1 ** .05 *** .01) legend stats(N r2_a, nostar labels("Label 1" "Label 2") fmt("%9.0fc" 3))
eststo areg1: areg ln_gdppc ln_trade ln_labor, absorb(country_code) cluster(country_code)
eststo areg2: areg ln_gdppc ln_trade ln_labor i.year, absorb(country_code) cluster(country_code)
estout xtreg1 areg1 xtreg2 areg2, keep(ln_trade ln_labor) coll(none) cells(b(star fmt(3)) se(par fmt(3))) starlevels(* .1 ** .05 *** .01) legend stats(N r2_a, nostar labels("Label 1" "Label 2") fmt("%9.0fc" 3))
eststo hdreg1: reghdfe ln_gdppc ln_trade ln_labor, absorb(country_code) cluster(country_code)
eststo hdreg2: reghdfe ln_gdppc ln_trade ln_labor, absorb(country_code year) cluster(country_code)
estout xtreg1 areg1 hdreg1 xtreg2 areg2 hdreg2, keep(ln_trade ln_labor) coll(none) cells(b(star fmt(3)) se(par fmt(3))) starlevels(* .1 ** .05 *** .01) legend stats(N r2_a, nostar labels("Label 1" "Label 2") fmt("%9.0fc" 3))
estout xtreg1 areg1 hdreg1 xtreg2 areg2 hdreg2 using "$tabdir\table.tex", keep(ln_trade ln_labor) sty(tex) label mlab(none) coll(none) cells(b(star fmt(3)) se(par fmt(3))) starlevels(* .1 ** .05 *** .01) preh("\begin{tabular}{lcccccc}" "\hline \hline" "& (1) & (2) & (3) & (4) & (5) & (6) \\" "& a & b & c & d & e & f \\ \hline" ) prefoot("\hline" "Row 1 & x & x & x & x & x & x \\ " "Row 2 &  &  &  & x & x & x \\ ") stats(N r2_a, nostar labels("Label 1" "Label 2") fmt("%9.0fc" 3)) postfoot("\hline\hline" "\end{tabular}") replace
use "$dtadir\WDI21.dta", clear
xtreg ln_gdppc ln_trade ln_labor i.year, fe robust
testparm i.year
xtreg ln_gdppc ln_trade ln_labor, fe
estimates store fixed
xtreg ln_gdppc ln_trade ln_labor, re
estimates store random
hausman fixed random, sigmaless
xtreg ln_gdppc ln_trade ln_labor, re robust
xttest0
xtreg ln_gdppc ln_trade ln_labor, fe robust
* mlm-expect: r(2000)
xttest2
xtreg ln_gdppc ln_trade ln_labor, fe robust
xttest3
xtreg ln_gdppc ln_trade ln_labor, fe robust
xtserial ln_gdppc ln_trade ln_labor
