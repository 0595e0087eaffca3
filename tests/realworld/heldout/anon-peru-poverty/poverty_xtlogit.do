* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 15531763949 (a public GitHub .do file of a master's thesis: random-effects panel logits of monetary poverty of Peruvian households, ENAHO panel 2018-2022, with predictive margins and their plots; the index does not name the repository) (excerpt: the set-up and Figures 1 and 2, Peru's panel and pseudo-panel; Figures 3 and 4, the same for the Puno region, left out)
* author: unknown
* licence: none stated
* data: pobreza_panel_18-22_full.dta = enaho_poverty_panel
clear all
set more off
glo mod01      "F:\ENAHO\BASES\PANEL\m01"
glo mod02      "F:\ENAHO\BASES\PANEL\m02"
glo maestria  	"C:\Users\author\thesis\data"
glo tempo      "$maestria\temp"
glo dclea      "$maestria\clean"
glo graficos		"C:\Users\author\thesis\graphs"
cd "$graficos"
use "$dclea/pobreza_panel_18-22_full.dta", clear
rename pobre2_ pob_monetaria
label define lbl_pobmon 0 "a" 1 "b", replace
label values pob_monetaria lbl_pobmon
gen nativo_=(race_==3)
gen vive_altura_ = (zone_==2)
gen es_soltero_=(ecivil_==1)
gen es_pea_=(ocu500_==1)
	recode sec_ocu_ (. = 12)
	recode limitacion_ (. = 1)
	gen trab_informa=( ocupinf_ ==1)
	gen sec_agricola=(sec_ocu_==1)
gen es_casado=(ecivil_ ==2)	
gen log_inghog2d_=log(inghog2d_)
capture confirm variable pob_monetaria
if _rc {
    capture rename pobre2_ pob_monetaria
}
capture confirm variable dpto_
if _rc==0 {
    global DEPVAR dpto_
}
else {
    capture confirm variable depto
    if _rc==0 global DEPVAR depto
}
xtset idhogar year
global X_static log_inghog2d_ totmieho_ internet_ es_casado es_pea_ trab_informa
capture confirm variable Lpobre
if _rc {
    gen Lpobre = L.pob_monetaria
}
xtlogit pob_monetaria Lpobre $X_static if hpan2022==1, re vce(cluster idhogar) nolog
margins, at(log_inghog2d_ = (4(1)13)) atmeans
marginsplot, recast(connected) noci ytitle("text") xtitle("text") title("text") name(fig1_pe_p, replace)
margins, at(totmieho_  = (1(1.25)21)) atmeans
marginsplot, recast(connected) noci ytitle("text") xtitle("text") title("text") name(fig2_pe_p, replace)
margins, at(Lpobre = (0 1) log_inghog2d_ = (4(1)13)) atmeans
marginsplot, recast(connected) plotdimension(Lpobre) noci ytitle("text") xtitle("text") title("text") legend(order(1 "a" 2 "b") region(lcolor(none) fcolor(none)) pos(11) ring(0) bplacement(sw)) name(fig3_pe_p, replace)
margins, at(log_inghog2d_ = (4(1)13)) over(internet) atmeans
marginsplot, recast(connected) noci ytitle("text") xtitle("text") title("text") legend(order(1 "a" 2 "b") region(lcolor(none) fcolor(none)) pos(11) ring(0) bplacement(sw)) name(fig4_pe_p, replace)
margins, at(log_inghog2d_ = (4(1)13)) over(es_casado) atmeans
marginsplot, recast(connected) noci ytitle("text") xtitle("text") title("text") legend(order(1 "a" 2 "b") region(lcolor(none) fcolor(none)) pos(11) ring(0) bplacement(sw)) name(fig5_pe_p, replace)
margins, at(log_inghog2d_ = (4(1)13)) over(es_pea_) atmeans
marginsplot, recast(connected) noci ytitle("text") xtitle("text") title("text") legend(order(1 "a" 2 "b") region(lcolor(none) fcolor(none)) pos(11) ring(0) bplacement(sw)) name(fig6_pe_p, replace)
margins, at(log_inghog2d_ = (4(1)13)) over(trab_informa ) atmeans
marginsplot, recast(connected) noci ytitle("text") xtitle("text") title("text") legend(order(1 "a" 2 "b") region(lcolor(none) fcolor(none)) pos(11) ring(0) bplacement(sw)) name(fig7_pe_p, replace)
xtlogit pob_monetaria Lpobre $X_static, re vce(cluster idhogar) nolog
margins, at(log_inghog2d_ = (4(1)13)) atmeans
marginsplot, recast(connected) noci ytitle("text") xtitle("text") title("text") name(fig1_pe_sp, replace)
margins, at(totmieho_  = (1(1.25)18)) atmeans
marginsplot, recast(connected) noci ytitle("text") xtitle("text") title("text") name(fig2_pe_sp, replace)
margins, at(Lpobre = (0 1) log_inghog2d_ = (4(1)13)) atmeans
marginsplot, recast(connected) plotdimension(Lpobre) noci ytitle("text") xtitle("text") title("text") legend(order(1 "a" 2 "b") region(lcolor(none) fcolor(none)) pos(11) ring(0) bplacement(sw)) name(fig3_pe_sp, replace)
margins, at(log_inghog2d_ = (4(1)13)) over(internet) atmeans
marginsplot, recast(connected) noci ytitle("text") xtitle("text") title("text") legend(order(1 "a" 2 "b") region(lcolor(none) fcolor(none)) pos(11) ring(0) bplacement(sw)) name(fig4_pe_sp, replace)
margins, at(log_inghog2d_ = (4(1)13)) over(es_casado) atmeans
marginsplot, recast(connected) noci ytitle("text") xtitle("text") title("text") legend(order(1 "a" 2 "b") region(lcolor(none) fcolor(none)) pos(11) ring(0) bplacement(sw)) name(fig5_pe_sp, replace)
margins, at(log_inghog2d_ = (4(1)13)) over(es_pea_) atmeans
marginsplot, recast(connected) noci ytitle("text") xtitle("text") title("text") legend(order(1 "a" 2 "b") region(lcolor(none) fcolor(none)) pos(11) ring(0) bplacement(sw)) name(fig6_pe_sp, replace)
margins, at(log_inghog2d_ = (4(1)13)) over(trab_informa ) atmeans
marginsplot, recast(connected) noci ytitle("text") xtitle("text") title("text") legend(order(1 "a" 2 "b") region(lcolor(none) fcolor(none)) pos(11) ring(0) bplacement(sw)) name(fig7_pe_sp, replace)
