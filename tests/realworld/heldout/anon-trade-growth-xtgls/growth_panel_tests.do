* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 55333378439 (a public GitHub .do file of a student project on growth and openness in a country panel: an Excel sheet read with firstrow, encode, xtset, destring ..., replace force of text columns, logs, rows dropped on missing values and on short panels counted with bys: gen count = _N, summarize and corr, OLS with vif and estat ovt, random effects with xttest0 and fixed effects with hausman, each p-value added with estadd scalar = r(p), esttab with mti() sca() nonum, then xttest3, xtcsd pesaran abs, xtserial and a heteroskedastic, correlated-panels xtgls ..., p(h) c(a) force; the index does not name the repository)
* author: unknown
* licence: none stated
* data: D:\ktpt\Data.xlsx = trade_growth_panel
clear
import excel "D:\ktpt\Data.xlsx", sheet("Merge") firstrow
encode Id, gen(id)
xtset id time
destring gdppc felb to, replace force
gen lngdppc = ln(gdppc)
gen lnfelb = ln(felb)
gen lnto = ln(to)
drop if lngdppc ==.
drop if lnfelb ==.
drop if lnto ==.
bys id: gen count = _N
drop if count < 7
sum lngdppc lnfelb gdi pop lnto
corr lngdppc lnfelb gdi pop lnto
reg lngdppc lnfelb gdi pop lnto
est sto OLS
vif
estat ovt
xtreg lngdppc lnfelb gdi pop lnto, re
est sto RE
xttest0
estadd scalar bp_p = r(p)
xtreg lngdppc lnfelb gdi pop lnto, fe
est sto FE
hausman FE RE, sigmamore
estadd scalar hm_p = r(p)
esttab OLS FE RE, mti("OLS" "FEM" "REM") star(* 0.1 ** 0.05 *** 0.001) b(4) se(4) sca(bp_p hm_p) nonum
xtreg lngdppc lnfelb gdi pop lnto, fe
xttest3
xtcsd, pesaran abs
xtserial lngdppc lnfelb gdi pop lnto
xtgls lngdppc lnfelb gdi pop lnto, p(h) c(a) force
