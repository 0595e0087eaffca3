* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 502605606 (a public GitHub .do file of a study of home language and achievement in PISA 2015 for six Spanish regions with a co-official language: keep if inlist(region, ...), misstable summarize/patterns, a missingness flag in a foreach, tabstat of a variable range by() group, weight quintiles by bys: egen xtile(), nq(), egen rowmean() of pv1math-pv10math, collapse (mean) ... (first) ... by(cntschid) to a school file, the ten plausible values of each domain brought in as imputations with mi import wide, imputed(pvmath = pv1math-pv10math ...) clear, mi set wide, mi register imputed/regular, mi impute chained (pmm, knn(7)) ... (logit) ... = ..., add(10) augment chaindots savetrace(..., replace) burnin(50) for the schools and with by(region) for the students, the trace file reshaped long @_mean @_sd and plotted, mi unregister, mi merge m:1 of the school and plausible-value files, within-school scaled weights, mi passive: gen/replace and mi passive: by cntschid: egen mean(), mi estimate: mean/prop ..., over(region) with mi estimate, vartable nocitable and dftable replays, then in foreach loops over subjects and regions eststo name: mi estimate, dots [post] variance: mixed pv [pw=w_fstuwt] if region == ... || cntschid:, pweight(w_schgrnrabwt) pwscale(size) mle, estimates save ..., append, the level-1 and level-2 R-squared from e(b_mi) with colnumb(b, "lns1_1_1:_cons"), mi estimate ..., imputations(1 2 ...), a global of esttab options with transform(ln*: exp(@) exp(@)) and stats(F_mi df_avg_mi M_mi N), esttab ... using .tex, $tablas title(), label define ..., replace, label value, and mi convert flong with misum (SSC) under preserve; excerpt: the file fits 112 multiply-imputed two-level models of ten imputations each, hours of work, so the loop lists are shortened to the first subject and region (global regions 72409, global dep_vars "pvmath" -- the author's lists name six regions and three subjects), the second loop (reading by test language, 5 regions x 2) is left out, of the eighteen esttab lines the one whose models the shortened loop stores is kept, and the three coefplot ... || ... blocks with their graph export lines (they plot all regions' models) are left out; the index does not name the repository)
* author: unknown
* licence: none stated
* data: data\ML_analysis.dta = pisa2015_spain_bilingual
clear all
cd "E:\Rproj\BilingPISA"
version 15
use "data\ML_analysis.dta", clear
fre region
keep if inlist(region, 72409, 72416, 72415, 72404, 72411, 72417)
preserve
drop w_*
sum
restore 
misstable sum
misstable patterns
gen miss = 0
foreach v in immig escs repeat age langn_r schsize lead schaut stratio schltype clsize {
replace miss = 1 if `v' == .	
}
fre miss
foreach v in region gender langn_r {
tab `v' miss, row 
}
tabstat escs pv1math-schaut, by(miss) stat(mean sd) 
sort region w_fstuwt
by region: egen wt_quint = xtile(w_fstuwt), nq(5) 
by region: fre wt_quint 
egen pvmath_imp = rowmean(pv1math-pv10math) 
egen pvread_imp = rowmean(pv1read-pv10read)
egen pvscie_imp = rowmean(pv1scie-pv10scie)
tab schltype, gen(schltypecat)
save "data\ML_to_imp_student.dta", replace
preserve
quietly: tab immig, gen(immig_)
quietly: tab gender, gen(gender_)
quietly: tab langn_r, gen(langn_)
collapse (mean) gender_* immig_* scchange repeat age escs pvmath_imp pvread_imp pvscie_imp langtest_coof langn_*  (first) schsize lead clsize stratio schltype region w_schgrnrabwt, by(cntschid)
sort region w_schgrnrabwt
by region: egen wt_sch_quint = xtile(w_schgrnrabwt), nq(5) 
by region: fre wt_sch_quint 
save "data\ML_to_imp_school.dta", replace
restore
gen pvmath = .
gen pvread = .
gen pvscie = .
mi import wide, imputed(pvmath = pv1math-pv10math pvread = pv1read-pv10read pvscie = pv1scie-pv10scie) clear
keep cntstuid pvmath pvread pvscie _*
mi describe
save "data\ML_imp_pv.dta", replace
use "data\ML_to_imp_school.dta", clear 
set seed 12589
mi set wide
mi register imputed schsize lead clsize stratio schltype  
mi register regular region gender_1 immig_1 immig_2 scchange repeat escs pvmath_imp pvread_imp pvscie_imp langtest_coof langn_1 langn_2
mi impute chained (pmm, knn(7)) schsize lead stratio clsize (logit) schltype  = c.gender_1 c.immig_1 c.immig_2 c.escs c.pvread_imp c.pvmath_imp c.pvscie_imp c.repeat c.age i.region c.langtest_coof c.langn_1 c.langn_2 c.scchange  i.wt_sch_quint, add(10) augment chaindots savetrace("data\MIconvergence_school.dta", replace) burnin(50) 
preserve
use "data\MIconvergence_school.dta", replace
reshape long @_mean @_sd, i(iter m) j(var) string
renpfix _ est
bys iter var: egen mean_mean = mean(estmean)
bys iter var: egen mean_sd = mean(estsd)
tw || line mean_mean iter, lcol(red) sort || line mean_sd iter, yaxis(2) lcol(blue) sort ||, by(var, yrescale) name(conver_school, replace)
restore
mi unregister region gender_1 immig_1 immig_2 scchange escs pvmath_imp pvread_imp pvscie_imp langtest_coof langn_1 langn_2 age repeat
keep cntschid schsize lead clsize stratio schltype _* 
save "data\ML_imp_school.dta", replace
use "data\ML_to_imp_student.dta", clear 
set seed 64782
recode region (72415 72416 = 72415) , gen(region2)
mi set wide
mi register imputed schsize lead clsize stratio schltype immig escs age repeat  langn_r scchange 
mi register regular gender pvmath_imp pvread_imp pvscie_imp langtest_coof wt_quint 
mi impute chained (pmm, knn(7)) escs schsize lead stratio (mlogit) immig langn_r (logit) repeat schltype  scchange = i.gender c.pvread_imp c.pvmath_imp age c.pvscie_imp i.wt_quint i.langtest_coof, add(10) augment chaindots  burnin(50) by(region)
mi unregister lead schsize lead clsize stratio schltype pvread_imp pvmath_imp pvscie_imp wt_quint 
keep cntstuid cntschid region immig escs gender langn_r scchange langtest_coof age repeat *scchange *langn_r *immig *escs *age *repeat *gender w_fstu* w_schgrnrabwt stratum _mi_miss
save "data\ML_imp_student.dta", replace		
use "data\ML_imp_student.dta", clear
mi merge m:1 cntschid using "data\ML_imp_school.dta"
mi merge m:1 cntstuid using "data\ML_imp_pv.dta"
sort cntschid
by cntschid: egen sum_wt = sum(w_fstuwt)
by cntschid: egen sum_n = sum(_n/_n)
gen scale_ind_wt = w_fstuwt/(sum_wt/sum_n)
list cntschid w_fstuwt w_schgrnrabwt sum_wt sum_n scale_ind_wt in 1/100
mi register regular cntschid w_fstuwt langtest_coof
mi describe 
mi passive: gen immig_dummy = 0
mi passive: replace immig_dummy = 1 if immig > 1
mi passive: gen langn_dummy = 0
mi passive: replace langn_dummy = 1 if langn_r == 2
mi passive: by cntschid: egen sch_escs = mean(escs)
mi passive: by cntschid: egen sch_immig = mean(immig_dummy)
mi passive: by cntschid: egen sch_langn = mean(langn_dummy) 
list cntschid _1_sch_immig _1_immig in 1/60
mi estimate: mean escs gender scchange repeat age schltype lead stratio clsize, over(region)
mi estimate, vartable nocitable
mi estimate, dftable
mi estimate: prop langn_r, over(region)
mi estimate, vartable nocitable	 
mi estimate: prop immig, over(region)
mi estimate, vartable nocitable	
log using "logs\2 ML modelling.smcl", replace smcl
global regions 72409
global dep_vars "pvmath"
gen reg_labs = 1
label define reg_labs 72409 "CAT" 72416 "PV" 72415 "NAV" 72417 "VAL" 72404 "BAL" 72411 "GAL"
label values reg_labs reg_labs
foreach dep_var of global dep_vars {
foreach region of global regions {  
local reg_lab : label (reg_labs) `region'
eststo `dep_var'_`reg_lab'_NULL: mi estimate, dots variance: mixed `dep_var' [pw=w_fstuwt] if region == `region' ||cntschid: , pweight(w_schgrnrabwt) pwscale(size)  mle
matrix b = e(b_mi)
global id_var_col = colnumb(b, "lns1_1_1:_cons")
global l2_variance0 = exp(b[1, ${id_var_col}])^2
global res_var_col = colnumb(b, "lnsig_e:_cons") 
global Res_variance0 = exp(b[1, ${res_var_col}])^2
eststo `dep_var'_`reg_lab'_langn: mi estimate, dots post variance: mixed `dep_var' i.langn_r    [pw=w_fstuwt] if region == `region' ||cntschid: , pweight(w_schgrnrabwt) pwscale(size)   mle
estimates save models, append
eststo `dep_var'_`reg_lab'_escs: mi estimate, dots post variance: mixed `dep_var' i.langn_r c.escs  [pw=w_fstuwt] if region == `region' ||cntschid: , pweight(w_schgrnrabwt) pwscale(size)   mle
estimates save models, append
eststo `dep_var'_`reg_lab'_all: mi estimate, dots post variance: mixed `dep_var' i.langn_r c.escs i.immig i.gender i.scchange c.age i.repeat i.langtest_coof  i.schltype c.schsize c.lead c.stratio c.clsize   c.sch_escs c.sch_immi c.sch_langn  [pw=w_fstuwt] if region == `region' ||cntschid: , pweight(w_schgrnrabwt) pwscale(size)   mle
estimates save models, append
mi estimate, vartable nocitable
mi estimate, dftable
matrix b = e(b_mi)
global id_var_col = colnumb(b, "lns1_1_1:_cons")
global l2_var = exp(b[1, ${id_var_col}])^2
global res_var_col = colnumb(b, "lnsig_e:_cons") 
global Res_var = exp(b[1, ${res_var_col}])^2
di "R2_level1 = " (${Res_variance0} - ${Res_var}) / ${Res_variance0}
di "R2_level2 = " (${l2_variance0} - ${l2_var}) / ${l2_variance0}
di "R2_overall = " ((${l2_variance0} + ${Res_variance0}) - (${l2_var} + ${Res_var})) / (${l2_variance0} + ${Res_variance0})
}
}
eststo pvscie_VAL_all: mi estimate, dots post variance imputations(1 2 3 4 5 6 7 8 9) : mixed pvscie i.langn_r  c.escs i.immig i.gender i.scchange c.age i.repeat i.langtest_coof  i.schltype c.schsize c.lead c.stratio c.clsize   c.sch_escs c.sch_immi c.sch_langn  [pw=w_fstuwt] if region == 72417  ||cntschid: , pweight(w_schgrnrabwt) pwscale(size)   mle
eststo pvreadC_NAV_all: mi estimate, dots post variance imputations(1 2 3 4 5 7 8 10): mixed pvread i.langn_r c.escs i.immig i.gender i.scchange c.age i.repeat  i.schltype c.schsize c.lead c.stratio c.clsize   c.sch_escs c.sch_immi c.sch_langn  [pw=w_fstuwt] if region == 72415 & langtest_coof == 1  || cntschid: , pweight(w_schgrnrabwt) pwscale(size)   mle
eststo pvreadC_VAL_all: mi estimate, dots post variance: mixed pvread i.langn_r c.escs i.immig i.gender i.scchange c.age i.repeat  i.schltype c.schsize c.lead c.stratio c.clsize   c.sch_escs c.sch_immi c.sch_langn  [pw=w_fstuwt] if region == 72417 & langtest_coof == 1  || cntschid: , pweight(w_schgrnrabwt) pwscale(size)   mle
global tablas se wide transform(ln*: exp(@) exp(@))          eqlabels("" "a" "b", none)  booktabs    mlabels("a" "b" "c")  refcat(2.langn_r "a" 2.immig "b" 2.gender "c"  1.langtest_coof "d" 1.schltype "e", nolabel)  varlabels(_cons "a"  2.langn_r "b" 3.langn_r "c"  escs "d"  2.immig "e" 3.immig "f"   2.gender "g"  1.scchange "h" 1.langtest_coof "i"  age "j"  1.repeat "k"   1.schltype "l" schsize "m" clsize "n" lead "o" stratio "p"  sch_escs "q" sch_immig "r" sch_langn "s")   stats(F_mi df_avg_mi M_mi N, fmt(%9.2f %9.2f %9.0g %9.0g) labels(F "a" "b" "c"))  varwidth(35) nobaselevels replace legend label collabels(none) float 
esttab pvmath_CAT_langn pvmath_CAT_escs pvmath_CAT_all using outputs\CAT_pvmath.tex, $tablas title("a") 
label define lang 1 "a" 2"b" 3"c", replace		
label value langn_r lang
preserve   
mi convert flong, clear
misum pvmath pvread pvscie langn_r escs immig gender scchange age repeat langtest_coof  schltype schsize lead stratio clsize   sch_escs sch_immi sch_langn  [iweight = w_fstuwt], m(10)
restore
