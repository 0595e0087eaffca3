* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 2654617678 (a public GitHub .do file, replication of Zwier, Geven & van de Werfhorst 2021, https://doi.org/10.1177/0020715220984500; the index does not name the repository) (excerpt: sections A and B, and the start of C without the 216-fit jackknife loop)
* author: Dieuwke Zwier, Sara Geven, Herman G. van de Werfhorst (replication file)
* licence: none stated
* data: workingdata.dta = pisa_shadow
global dir ""
global data "$dir/01_data"
global posted "$dir/02_posted"
global figures "$dir/03_figures"
global tables "$dir/04_tables"
set more off, perm
cap log close
version 16.1
set scheme burd5, perm
grstyle init
grstyle set plain, horizontal grid dotted
local p1      black
local p2      gs8
grstyle set color "`p1'" "`p2'"
use "$posted/workingdata.dta", clear
local vlist ses, gender, age, igrade, immig
foreach dv in S_OSLmath S_OSLlang S_CC S_PT {
gen sample_`dv' =! missing(`dv', `vlist')
distinct SCHOOLID if sample_`dv'
}
gen PV0MATH100=.
gen PV0READ100=.
mi import wide, imputed(PV0MATH100 = PV1MATH100 PV2MATH100 PV3MATH100 PV4MATH100 PV5MATH100 PV0READ100 = PV1READ100 PV2READ100 PV3READ100 PV4READ100 PV5READ100) clear
mi describe
lab var c_selage "a"
lab var ses "b"
lab var PV0MATH100 "c"
lab var PV0READ100 "d"
lab var gender "e"
lab var igrade "f"
lab var age "g"
egen unique_schoolid = group(CNT SCHOOLID)
foreach var in S_OSLmath S_OSLlang S_PT S_CC {
dis "`var'"
mixed `var' [pw=wwgt54] if sample_`var'==1 || CNT: || SCHOOLID:, pw(W_FSCHWT)
est store m0_`var'
local var_c = exp(2*[lns1_1_1]_b[_cons])
local var_s = exp(2*[lns2_1_1]_b[_cons])
local var_e = exp(2*[lnsig_e]_b[_cons])
di "c:" `var_c'/(`var_c'+`var_s'+`var_e')
di "s:" `var_s'/(`var_c'+`var_s'+`var_e')
mixed `var' $controls ses HST [pw=wwgt54] || CNT: ses || SCHOOLID:, pw(W_FSCHWT)
est store m1_`var'
mixed `var' $controls c.HST##c.ses [pw=wwgt54] || CNT: ses || SCHOOLID:, pw(W_FSCHWT)
est store m2_`var'
if "`var'" == "S_OSLlang" local PV PV0READ100
else local PV PV0MATH100
mi est, post var: mixed `var' $controls c.HST##c.ses `PV' [pw=wwgt54] || CNT: ses || SCHOOLID: , pw(W_FSCHWT)
est store m3_`var'
mixed `var' $controls c.ses##c.HST c.c_selage c.c_selage#c.ses [pw=wwgt54] || CNT: ses || SCHOOLID: , pw(W_FSCHWT)
est store m4_`var'
mixed `var' $controls c.ses c.HST#c.ses i.n_CNT [pw=wwgt54] || unique_schoolid:, pw(W_FSCHWT)
est store mfix_`var'
}
foreach var in S_OSLmath S_OSLlang S_PT S_CC {
esttab m0_`var' m1_`var' m2_`var' m4_`var' mfix_`var', b(%5.2f) se(%5.2f) obslast label scalars("ll Log likelihood") sfmt(%10.1f) nogap nobase nomtitle transform(ln*: exp(2*@) 2*exp(2*@)) star(+ 0.10 * 0.05 ** 0.01 *** 0.001) indicate(country FE = *.n_CNT)
}
use "$posted/workingdata.dta", clear
global controls gender age igrade i.immig
foreach var in D_OSLmath D_OSLlang D_PT D_CC {
mixed `var' $controls paredu HST [pw=wwgt54] || CNT: || SCHOOLID: , pweight(W_FSCHWT)
mixed `var' $controls i.paredu HST [pw=wwgt54] || CNT: || SCHOOLID: , pweight(W_FSCHWT)
mixed `var' $controls paroccu HST [pw=wwgt54] || CNT: || SCHOOLID: , pweight(W_FSCHWT)
mixed `var' $controls homepos HST [pw=wwgt54] || CNT: || SCHOOLID: , pweight(W_FSCHWT)
mixed `var' $controls c.paredu##c.HST [pw=wwgt54] || CNT: paredu || SCHOOLID: , pw(W_FSCHWT)
mixed `var' $controls c.paroccu##c.HST [pw=wwgt54] || CNT: paroccu || SCHOOLID: , pw(W_FSCHWT)
mixed `var' $controls c.homepos##c.HST [pw=wwgt54] || CNT: homepos || SCHOOLID: , pw(W_FSCHWT)
}
use "$posted/workingdata.dta", clear
global controls gender age igrade i.immig
encode CNT, gen(s_CNT)
foreach var in D_OSLmath D_OSLlang D_PT D_CC {
dis "`var'"
mixed `var' $controls c.HST##c.ses [pw=wgt54] || CNT: ses, coeflegend
gen beta_`var' = _b[c.ses#c.HST]
gen coef_`var' = .
gen DFbeta_`var' = .
}
local cntname: value label s_CNT
preserve
bys CNT: keep if _n == 1
keep CNT beta* coef* DFbeta*
save "$posted/DFbetas.dta", replace
restore
exit
