* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 48340957156 (a public GitHub .do file of an econometrics course; the index does not name the repository)
* author: unknown
* licence: none stated
* data: Gobernanza.xlsx = gobernanza
cd "E:\Cursos\Econometria\Datos Multinivel\"
import excel "Gobernanza.xlsx", sheet("Data") firstrow
rename PAIS pais
rename PPP ppp
rename V0Z_014 voz_14
rename ESTAB_14 estab_14
rename EFECTIVO_14 efect_14
rename CALIDAD_14 cald_14
rename ESTADO_14 edrcho_14
rename CORRUP_14 corrp_14
label variable pais "a"
label variable voz_14 "b"
label variable estab_14 "c"
label variable efect_14 "d"
label variable cald_14 "e"
label variable edrcho_14 "f"
label variable corrp_14 "g"
edit
save "Gob.dta", replace
tabstat ppp voz_14 estab_14 efect_14 cald_14 edrcho_14 corrp_14, stat(mean sd min max)
xtreg ppp, i(ID) mle
xtmixed ppp || ID:, var cov(un) mle
estat ic
display "deviance = " -2*e(ll)
xtreg    ppp voz_14 estab_14 efect_14 cald_14 edrcho_14 corrp_14, i(ID) mle
xtmixed  ppp voz_14 estab_14 efect_14 cald_14 edrcho_14 corrp_14 || ID:, var cov(un) mle
estat ic
display "deviance = " -2*e(ll)
xtreg    ppp voz_14 estab_14 , i(ID) mle
xtmixed  ppp voz_14 estab_14 || ID:, var cov(un) mle
estat ic
display "deviance = " -2*e(ll)
xtreg    ppp voz_14 estab_14 efect_14 cald_14 edrcho_14 corrp_14  t, i(ID) mle
xtmixed  ppp voz_14 estab_14 efect_14 cald_14 edrcho_14 corrp_14  t || ID: t, cov(un) mle
estat ic
display "deviance = " -2*e(ll)
xtmixed  ppp voz_14 cald_14 corrp_14 t || ID: t, cov(un) mle
estat ic
display "deviance = " -2*e(ll)
gen cald_14xt =  cald_14*t
gen corrp_14xt  = corrp_14*t
xtmixed  ppp cald_14 corrp_14 t cald_14xt corrp_14xt  || ID: t, cov(un) mle
estat ic
display "deviance = " -2*e(ll)
statsby inter=_b[_cons] slope=_b[t], by(ID) saving(ols):regress ppp t
sort ID
merge m:1 ID using ols
drop _merge
twoway scatter slope inter, mlabel (pais) xtitle(X) ytitle(Y)
gen pred = inter + slope*t
sort ID
twoway (line pred t, connect(ascending)), xtitle(X) ytitle("Y")
drop num inter slope pred
erase ols.dta
save Gob_full, replace
