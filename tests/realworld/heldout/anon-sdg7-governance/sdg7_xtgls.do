* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 52720251545 (a public GitHub .do file of a country-year panel study of clean-energy access (an SDG 7 indicator) with governance moderators -- control of corruption, government effectiveness, political stability, regulatory quality, rule of law, voice and accountability: local dir `c(pwd)', xtset, logs and renames, cls, feasible GLS xtgls ..., panels(correlated) c(psar1) with two- and three-way c.#c. interactions, est store, margins, dydx() post, outreg2 [eq* m1*] ... e(all) word, drop _est_*, then margins, dydx() at(EV==(numlist)) with marginsplot and graph export for each moderator; excerpt: the first two of the six model blocks and the first of the six plotting blocks, the other blocks repeat them with another moderator; the index does not name the repository)
* author: unknown
* licence: none stated
* data: data.dta = sdg7_governance_panel
clear
 
local dir `c(pwd)'
pwd
use data.dta

xtset Code Year

gen LSDG712=ln(SDG712)
gen LREN=ln(RenewableElectricityGeneration)
gen LPCI=ln(PerCapitaIncome)

rename FinancialAccess FA
rename PolicyStringency PS
rename UrbanPopulationGrowth URB

cls

set more off
quietly: xtgls LSDG712 LREN FA PS LPCI URB EV CORR, panels(correlated) c(psar1)
est store eq11
quietly: margins, dydx(LREN FA PS LPCI URB) post
est sto m11
quietly: xtgls LSDG712 LREN FA PS LPCI URB EV CORR c.LREN#c.EV c.FA#c.EV c.PS#c.EV c.LPCI#c.EV c.URB#c.EV c.LREN#c.CORR c.FA#c.CORR c.PS#c.CORR c.LPCI#c.CORR c.URB#c.CORR c.LREN#c.CORR#c.EV c.FA#c.CORR#c.EV c.PS#c.CORR#c.EV c.LPCI#c.CORR#c.EV c.URB#c.CORR#c.EV, panels(correlated) c(psar1) 
est store eq12
quietly: margins, dydx(LREN FA PS LPCI URB) post
est sto m12
outreg2 [eq* m1*] using myfile1, dec(4) e(all) replace word
drop _est_*

set more off
quietly: xtgls LSDG712 LREN FA PS LPCI URB EV GOVEFF, panels(correlated) c(psar1) 
est store eq21
quietly: margins, dydx(LREN FA PS LPCI URB) post
est sto m11
quietly: xtgls LSDG712 LREN FA PS LPCI URB EV GOVEFF c.LREN#c.EV c.FA#c.EV c.PS#c.EV c.LPCI#c.EV c.URB#c.EV c.LREN#c.GOVEFF c.FA#c.GOVEFF c.PS#c.GOVEFF c.LPCI#c.GOVEFF c.URB#c.GOVEFF c.LREN#c.GOVEFF#c.EV c.FA#c.GOVEFF#c.EV c.PS#c.GOVEFF#c.EV c.LPCI#c.GOVEFF#c.EV c.URB#c.GOVEFF#c.EV, panels(correlated) c(psar1) 
est store eq22
quietly: margins, dydx(LREN FA PS LPCI URB) post
est sto m12
outreg2 [eq* m1*] using myfile2, dec(4) e(all) replace word
drop _est_*

quietly: xtgls LSDG712 LREN FA PS LPCI URB EV CORR c.LREN#c.EV c.FA#c.EV c.PS#c.EV c.LPCI#c.EV c.LPCI#c.EV c.LREN#c.CORR c.FA#c.CORR c.PS#c.CORR c.LPCI#c.CORR c.LPCI#c.CORR c.LREN#c.CORR#c.EV c.FA#c.CORR#c.EV c.PS#c.CORR#c.EV c.LPCI#c.CORR#c.EV c.LPCI#c.CORR#c.EV, panels(correlated) c(psar1) 
quietly: margins, dydx(LREN) at(EV==(0.1(.01)1.0))
marginsplot
graph export myfile_lren_ev_corr.png, as(png) replace
quietly: margins, dydx(FA) at(EV==(0.1(.01)1.0))
marginsplot
graph export myfile_fa_ev_corr.png, as(png) replace
quietly: margins, dydx(PS) at(EV==(0.1(.01)1.0))
marginsplot
graph export myfile_ps_ev_corr.png, as(png) replace
quietly: margins, dydx(LPCI) at(EV==(0.1(.01)1.0))
marginsplot
graph export myfile_lpci_ev_corr.png, as(png) replace
quietly: margins, dydx(URB) at(EV==(0.1(.01)1.0))
marginsplot
graph export myfile_urb_ev_corr.png, as(png) replace
quietly: margins, dydx(LREN) at(CORR==(-2.5(.05)2.5))
marginsplot
graph export myfile_lren_corr.png, as(png) replace
quietly: margins, dydx(FA) at(CORR==(-2.5(.05)2.5))
marginsplot
graph export myfile_fa_corr.png, as(png) replace
quietly: margins, dydx(PS) at(CORR==(-2.5(.05)2.5))
marginsplot
graph export myfile_ps_corr.png, as(png) replace
quietly: margins, dydx(LPCI) at(CORR==(-2.5(.05)2.5))
marginsplot
graph export myfile_lpci_corr.png, as(png) replace
quietly: margins, dydx(URB) at(CORR==(-2.5(.05)2.5))
marginsplot
graph export myfile_urb_corr.png, as(png) replace
