* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 46210880414 (a public GitHub .do file, the analysis file of a replication package on vocational education and employment over the life course in 22 countries of the OECD Survey of Adult Skills (PIAAC): globals of the package's folders, log using, mi import wide of the ten numeracy and literacy plausible values (imputed(pvnum = PVNUM1-PVNUM10 pvlit = PVLIT1-PVLIT10)), egen tag() and a scatter of the country-level vocational and dual-system enrolment with mlab(), then pooled logit models of employment by sex under mi estimate, post: with [pweight] and robust, i.c country effects, c.age#vet and c.age#c.pvnum interactions, estimate store, esttab using .tex with order() drop() star() coeflabels() refcat(, nolabel) alignment(), three-way interactions c.age##vet##c.zvoc, mimrgns (SSC) after mi estimate, post saving(), predicted-probability data built under preserve from e(b)/e(V) in forval loops and saveold, and country-by-country models in a forval over the value label c_short; the index does not name the repository)
* author: unknown (the replication package of a paper on vocational education and employment; file header names no author)
* licence: none stated
* data: $posted/workingdata.dta = piaac_vocational
* excerpt: the first half of the file, to Table 4 (men) and its two esttab; the rest repeats the same forms (per-country mimrgns loops with tempfile/append, the appendix models with c.Age##c.Age##vet and the women's country loop)
capture global workingDir "folder"
global dofiles "${workingDir}\dofiles"
global data "${workingDir}\data"
global posted "${workingDir}\posted"
global graphs "${workingDir}\graphs"
global tables "${workingDir}\tables"
global logs "${workingDir}\logs"
capture log close
clear all
set more off
log using "$logs\analyses.log", replace
use "$posted/workingdata.dta", clear
gen pvnum=.
gen pvlit=.
mi import wide, imputed(pvnum = PVNUM1-PVNUM10 pvlit = PVLIT1-PVLIT10) clear
lab var pvnum "label text"
lab var pvlit "label text"
egen t_c=tag(c)
scatter zvoc zdual if t_c==1, mlab(c) mlabsize(vsmall) mlabcolor(black) msymbol(S) mcolor(black) ytitle("title") xtitle("title") graphregion(color(white)) ylab(,nogrid angle(horizontal))
graph export "$graphs/Figure_1.pdf", replace
replace age2 = age2/10
mi estimate, post: logit employed age age2 i.edulevel i.edupar i.c [pweight=wgt_m] if gender==0, robust
mi estimate, post: logit employed age age2 vet i.edulevel i.edupar i.c [pweight=wgt_m] if gender==0, robust
estimate store Im
mi estimate, post: logit employed age age2 vet c.age#vet i.edulevel i.edupar i.c [pweight=wgt_m] if gender==0, robust
estimate store IIm
mi estimate, post: logit employed age age2 vet c.age#vet pvnum i.edulevel i.edupar i.c [pweight=wgt_m] if gender==0, robust
mi estimate, post: logit employed age age2 vet c.age#vet pvnum c.age#c.pvnum i.edulevel i.edupar i.c [pweight=wgt_m] if gender==0, robust
estimate store IIIm
mi estimate, post: logit employed age age2 i.edulevel i.edupar i.c [pweight=wgt_f] if gender==1, robust
mi estimate, post: logit employed age age2 vet i.edulevel i.edupar i.c [pweight=wgt_f] if gender==1, robust
estimate store If
mi estimate, post: logit employed age age2 vet c.age#vet i.edulevel i.edupar i.c [pweight=wgt_f] if gender==1, robust
estimate store IIf
mi estimate, post: logit employed age age2 vet c.age#vet pvnum i.edulevel i.edupar i.c [pweight=wgt_f] if gender==1, robust
mi estimate, post: logit employed age age2 vet c.age#vet pvnum c.age#c.pvnum i.edulevel i.edupar i.c [pweight=wgt_f] if gender==1, robust
estimate store IIIf
esttab Im IIm IIIm If IIf IIIf using "$tables/Table_2.tex", replace label nodepvar alignment (S S) order(age age2 vet 1.vet#c.age pvnum c.age#c.pvnum 2.edulevel 3.edulevel 2.edupar 3.edupar) drop(*.c 1.edulevel 1.edupar 0.vet#c.age) star(* 0.05 \dag 0.01) coeflabels(1.vet#c.age "text" c.age#c.pvnum "text" 2.edupar "text" 3.edupar "text") refcat(2.edupar "text" 2.edulevel "text", nolabel) b(3) se
estimates clear
mi estimate, post saving(est, replace): logit employed c.Age##c.Age c.Age##i.vet c.Age##c.pvnum i.edulevel i.edupar i.c [pweight=wgt_m] if gender==0, robust
mimrgns vet, at(Age=(15(5)65)) predict(pr) post cmdmargins
preserve
matrix b=e(b)
matrix V=e(V)
keep vet
bys vet: gen Age=_n
label drop vet
label def vet 0 "a" 1 "b"
lab val vet vet
gen b=.
gen se=.
forval x=1(2)21{
replace b=b[1,`x'] if Age==`x' & vet==0
replace se=sqrt(V[`x',`x']) if Age==`x' & vet==0
}
forval x=2(2)22{
replace b=b[1,`x'] if Age==`x' & vet==1
replace se=sqrt(V[`x',`x']) if Age==`x' & vet==1
}
drop if b==.
recode Age 1 2=15 3 4=20 5 6=25 7 8=30 9 10=35 11 12=40 13 14=45 15 16=50 17 18=55 19 20=60 21 22=65
saveold "$posted/fig2_data_m.dta", replace
restore
mi estimate, post saving(est, replace): logit employed c.Age##c.Age c.Age##i.vet c.Age##c.pvnum i.edulevel i.edupar i.c [pweight=wgt_f] if gender==1, robust
mimrgns vet, at(Age=(15(5)65)) predict(pr) post cmdmargins
preserve
matrix b=e(b)
matrix V=e(V)
keep vet
bys vet: gen Age=_n
label drop vet
label def vet 0 "a" 1 "b"
lab val vet vet
gen b=.
gen se=.
forval x=1(2)21{
replace b=b[1,`x'] if Age==`x' & vet==0
replace se=sqrt(V[`x',`x']) if Age==`x' & vet==0
}
forval x=2(2)22{
replace b=b[1,`x'] if Age==`x' & vet==1
replace se=sqrt(V[`x',`x']) if Age==`x' & vet==1
}
drop if b==.
recode Age 1 2=15 3 4=20 5 6=25 7 8=30 9 10=35 11 12=40 13 14=45 15 16=50 17 18=55 19 20=60 21 22=65
saveold "$posted/fig2_data_f.dta", replace
restore
estimates clear
mi estimate, post: logit employed i.c c.age2 c.age##vet##c.zvoc c.age##c.pvnum i.edulevel i.edupar [pw=wgt_m] if gender==0
estimates store zvoc_m
mi estimate, post: logit employed i.c c.age2 c.age##vet##c.zvoc c.age##c.pvnum i.edulevel i.edupar [pw=wgt_f] if gender==1
estimates store zvoc_f
esttab zvoc_m zvoc_f using "$tables/Table_3_zvoc.tex", replace label nodepvar alignment (S S) order(age vet 1.vet#c.age ) drop(*.c 1.vet#c.age 1.edulevel 1.edupar pvnum) star(* 0.05 \dag 0.01) coeflabels(1.vet#c.age "text") b(3) se
estimates clear
mi estimate, post: logit employed i.c c.age2 c.age##vet##c.zdual c.age##c.pvnum i.edulevel i.edupar [pw=wgt_m] if gender==0
estimates store zdual_m
mi estimate, post: logit employed i.c c.age2 c.age##vet##c.zdual c.age##c.pvnum i.edulevel i.edupar [pw=wgt_f] if gender==1
estimates store zdual_f
esttab zdual_m zdual_f using "$tables/Table_3_zdual.tex", replace label nodepvar alignment (S S) order(age vet 1.vet#c.age ) drop(*.c 1.vet#c.age 1.edulevel 1.edupar pvnum) star(* 0.05 \dag 0.01) coeflabels(1.vet#c.age "text") b(3) se
estimates clear
mi estimate, post: logit employed i.c c.Age##c.Age c.Age##vet##c.zvoc c.Age##c.pvnum i.edulevel i.edupar [pw=wgt_m] if gender==0
mimrgns, dydx(vet) at(Age=(15(5)65) zvoc=(-1.5 1.5)) post predict(pr) noestimcheck cmdmargins
preserve
matrix b=e(b)
matrix V=e(V)
keep Age vet
duplicates drop Age vet, force
label drop vet
label def vet 0 "a" 1 "b"
lab val vet vet
gen b=.
gen se=.
forval x=23(2)43{
replace b=b[1,`x'] if Age==`x' & vet==0
replace se=sqrt(V[`x',`x']) if Age==`x' & vet==0
}
forval x=24(2)44{
replace b=b[1,`x'] if Age==`x' & vet==1
replace se=sqrt(V[`x',`x']) if Age==`x' & vet==1
}
drop if b==.
recode Age 23 24=15 25 26=20 27 28=25 29 30=30 31 32=35 33 34=40 35 36=45 37 38=50 39 40=55 41 42=60 43 44=65
saveold "$posted/fig3_data_m.dta", replace
restore
mi estimate, post: logit employed i.c c.Age##c.Age c.Age##vet##c.zvoc c.Age##c.pvnum i.edulevel i.edupar [pw=wgt_f] if gender==1
mimrgns, dydx(vet) at(Age=(15(5)65) zvoc=(-1.5 1.5)) post predict(pr) noestimcheck cmdmargins
preserve
matrix b=e(b)
matrix V=e(V)
keep Age vet
duplicates drop Age vet, force
label drop vet
label def vet 0 "a" 1 "b"
lab val vet vet
gen b=.
gen se=.
forval x=23(2)43{
replace b=b[1,`x'] if Age==`x' & vet==0
replace se=sqrt(V[`x',`x']) if Age==`x' & vet==0
}
forval x=24(2)44{
replace b=b[1,`x'] if Age==`x' & vet==1
replace se=sqrt(V[`x',`x']) if Age==`x' & vet==1
}
drop if b==.
recode Age 23 24=15 25 26=20 27 28=25 29 30=30 31 32=35 33 34=40 35 36=45 37 38=50 39 40=55 41 42=60 43 44=65
saveold "$posted/fig3_data_f.dta", replace
restore
mi estimate, post: logit employed i.c c.Age##c.Age c.Age##vet##c.zdual c.Age##vet##c.zdual c.Age##c.pvnum i.edulevel i.edupar [pw=wgt_m] if gender==0
mimrgns, dydx(vet) at(Age=(15(5)65) zdual=(0 0.45)) post predict(pr) noestimcheck cmdmargins
preserve
matrix b=e(b)
matrix V=e(V)
keep Age vet
duplicates drop Age vet, force
label drop vet
label def vet 0 "a" 1 "b"
lab val vet vet
gen b=.
gen se=.
forval x=23(2)43{
replace b=b[1,`x'] if Age==`x' & vet==0
replace se=sqrt(V[`x',`x']) if Age==`x' & vet==0
}
forval x=24(2)44{
replace b=b[1,`x'] if Age==`x' & vet==1
replace se=sqrt(V[`x',`x']) if Age==`x' & vet==1
}
drop if b==.
recode Age 23 24=15 25 26=20 27 28=25 29 30=30 31 32=35 33 34=40 35 36=45 37 38=50 39 40=55 41 42=60 43 44=65
saveold "$posted/fig4_data_m.dta", replace
restore
mi estimate, post: logit employed i.c c.Age##c.Age c.Age##vet##c.zdual c.Age##c.pvnum i.edulevel i.edupar [pw=wgt_f] if gender==1
mimrgns, dydx(vet) at(Age=(15(5)65) zdual=(0 0.45)) post predict(pr) noestimcheck cmdmargins
preserve
matrix b=e(b)
matrix V=e(V)
keep Age vet
duplicates drop Age vet, force
label drop vet
label def vet 0 "a" 1 "b"
lab val vet vet
gen b=.
gen se=.
forval x=23(2)43{
replace b=b[1,`x'] if Age==`x' & vet==0
replace se=sqrt(V[`x',`x']) if Age==`x' & vet==0
}
forval x=24(2)44{
replace b=b[1,`x'] if Age==`x' & vet==1
replace se=sqrt(V[`x',`x']) if Age==`x' & vet==1
}
drop if b==.
recode Age 23 24=15 25 26=20 27 28=25 29 30=30 31 32=35 33 34=40 35 36=45 37 38=50 39 40=55 41 42=60 43 44=65
saveold "$posted/fig4_data_f.dta", replace
restore
estimates clear
forval x=1(1)22 {
local t : label c_short `x'
display "`t'"
mi estimate, post: logit employed c.age2 c.age##i.vet c.age##c.pvnum i.edulevel i.edupar [pweight=wgt_m] if gender==0 & c==`x', robust
estimates store cnt`x'
}
esttab cnt1 cnt2 cnt3 cnt4 cnt5 cnt6 cnt7 cnt8 cnt9 cnt10 cnt11 using "$tables/Table_4a.tex", replace label nodepvar order(age c.age2 vet) drop(*.edulevel *.edupar pvnum c.age#c.pvnum) star(* 0.05 \dag 0.01) b(3) se
esttab cnt12 cnt13 cnt14 cnt15 cnt16 cnt17 cnt18 cnt19 cnt20 cnt21 cnt22 using "$tables/Table_4b.tex", replace label nodepvar order(age c.age2 vet) drop(*.edulevel *.edupar pvnum c.age#c.pvnum) star(* 0.05 \dag 0.01) b(3) se
log close
