* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index id 14532841164 (the code index names no repository; a short exploratory do-file on maize yield response to nitrogen, phosphorus and potassium fertilizer and seasonal rainfall in Nigerian on-farm and on-station trials, per its opening comment: cd to the author's folder, ls, clear all, a commented-out import delimited ..., numericcols() block (left out), d, tab, graph tw of two kdensity plots with if inlist(string, "..."), tabstat ..., by(), vioplot ..., over() horizontal title() subtitle() ytitle() ylab(, angle(0)) scheme(s2mono), gen of inlist(), reg with c.x##c.x quadratics and i.onfarm, margins, dydx() at(x=(0(50)300)), margins, predict() at(), marginsplot after each)
* author: not named in the file
* licence: none stated
* data: NGA_Jordan.dta = nigeria_maize_response
cd "C:\folder\"
ls
clear all
use  "NGA_Jordan.dta", clear
d
tab country
graph tw (kdensity yield if inlist(on_farm, "FALSE")) (kdensity yield if inlist(on_farm, "TRUE"))
tabstat yield, by(on_farm)
vioplot yield, over(on_farm) horizontal title("Title") subtitle("Subtitle") ytitle("Label") ylab(, angle(0)) scheme(s2mono)
gen onfarm = inlist(on_farm, "TRUE")
reg yield c.n_fertilizer##c.n_fertilizer p_fertilizer k_fertilizer i.onfarm c.totalrf##c.totalrf // i.year
margins, dydx(n_fertilizer) at(n_fertilizer=(0(50)300))
marginsplot
margins, predict() at(n_fertilizer=(0(50)300))
marginsplot
margins, predict() at(totalrf=(200(100)1600))
marginsplot
