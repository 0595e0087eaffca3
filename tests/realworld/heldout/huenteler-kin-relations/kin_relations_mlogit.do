* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:huentelb/RelTypEur@264cb1724cca0ada72800d9322a6f101d0100c88 07_reg_weighted.do (the regression step of "Younger adults' nuclear and extended family relationships in Europe: A latent class analysis" -- KINMATRIX anchor-kin dyads in nine countries: globals of paths and class labels with compound quotes, set scheme/showbaselevels, graph set window fontface, version 19.5, recode and label define of the latent classes, bys anc_id kin_cat: gen _N, two foreach numlist loops carrying kin counts within anchor by 74 bysort replace x[_n-1]/x[_n+1] lines each, recode num_*(.=0), tab gen(), egen mean() if by country-sex-education cells filling missing design weights, recode with value labels in the rules and gen() l(), drop cntry_*, save/use, estpost sum [aweight] det with eststo, esttab cells(mean(fmt() l())) using .rtf, levelsof/foreach tables by country, reg/logit i.cntry [pweight] with margins cntry [pweight], pwcompare(groups), mlogit class i.kin_cat_l##ib3.cntry [pweight] vce(cluster anc_id), outreg2 adds(Pseudo R2, e(r2_p)), grstyle (SSC) settings, margins [pweight], dydx(i.cntry) predict(outcome(#)) post pwcompare(groups) after est restore, coefplot of five models joined by || with bylabel() byopts(row(1)) keep()/drop() omitted baselevels, gr export/gr save)
* author: Bettina Hünteler (file header)
* licence: none stated
* data: EU_lc.dta = kinmatrix_eu_dyads
global WD "/Users/author/analyses"
global IN "data"
global OUT "data"
global DO "$WD/code"
global LOG "$WD/log"
global GR "$WD/graphs"
global M "$WD/graphs/251104/M11_median/lc5_output/ame_weighted"
set more off, perm
set scheme white_tableau, perm
set showbaselevels on
graph set window fontface "Arial"
version 19.5
use $WD/data/EU_lc.dta, clear
lab var anc_age "label"
global cl1 "label one"
global cl2 "label two"
global cl3 "label three"
global cl4 "label four"
global cl5 "label five"
global cl1b "label one"
global cl2b "label-""two"
global cl3b "label-""three"
global cl4b "label-""four"
global cl5b "label five"
recode class (5=1)(3=2)(2=3)(4=4)(1=5)
	lab def class 1"$cl1" 2"$cl2" 3"$cl3" 4"$cl4" 5"$cl5", replace
	lab val class class
bys anc_id kin_cat_l: gen kin_n = _N
bys anc_id: gen total_kin = _N
foreach kin of numlist 1/16 {
	gen num_`kin' = kin_n if inlist(kin_cat_l, `kin')
	sort anc_id
	bysort anc_id: replace num_`kin' = num_`kin'[_n-1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
	bysort anc_id: replace num_`kin' = num_`kin'[_n+1] if missing(num_`kin')
}
recode num_*(.=0)
bys anc_id kin_cat_m: gen kin_n_m = _N
foreach kin of numlist 1/10 {
	gen num_m_`kin' = kin_n_m if inlist(kin_cat_m, `kin')
	sort anc_id
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n-1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
	bysort anc_id: replace num_m_`kin' = num_m_`kin'[_n+1] if missing(num_m_`kin')
}
recode num_m_*(.=0)
order anc_id kin_cat_l kin_n num_*
tab edu, gen(edu_)
tab cntry, gen(cntry_)
recode female(1=0)(2=1), gen(fem)
	lab var fem "label"
bys anc_id: gen help = _n
egen w_1fm = mean(dwe) if cntry == 1 & fem == 1 & edu == 2
egen w_1mm = mean(dwe) if cntry == 1 & fem == 0 & edu == 2
egen w_2mm = mean(dwe) if cntry == 2 & fem == 0 & edu == 2
egen w_3fm = mean(dwe) if cntry == 3 & fem == 1 & edu == 2
egen w_3mm = mean(dwe) if cntry == 3 & fem == 0 & edu == 2
egen w_4fm = mean(dwe) if cntry == 4 & fem == 1 & edu == 2
egen w_4mm = mean(dwe) if cntry == 4 & fem == 0 & edu == 2
egen w_5fm = mean(dwe) if cntry == 5 & fem == 1 & edu == 2
egen w_6fm = mean(dwe) if cntry == 6 & fem == 1 & edu == 2
egen w_6mm = mean(dwe) if cntry == 6 & fem == 0 & edu == 2
replace dwe = w_1fm if cntry == 1 & fem == 1 & edu == 2 & dwe == .
replace dwe = w_1mm if cntry == 1 & fem == 0 & edu == 2 & dwe == .
replace dwe = w_2mm if cntry == 2 & fem == 0 & edu == 2 & dwe == .
replace dwe = w_3fm if cntry == 3 & fem == 1 & edu == 2 & dwe == .
replace dwe = w_3mm if cntry == 3 & fem == 0 & edu == 2 & dwe == .
replace dwe = w_4fm if cntry == 4 & fem == 1 & edu == 2 & dwe == .
replace dwe = w_4mm if cntry == 4 & fem == 0 & edu == 2 & dwe == .
replace dwe = w_5fm if cntry == 5 & fem == 1 & edu == 2 & dwe == .
replace dwe = w_6fm if cntry == 6 & fem == 1 & edu == 2 & dwe == .
replace dwe = w_6mm if cntry == 6 & fem == 0 & edu == 2 & dwe == .
rename cntry cntryorig
recode cntryorig (4=1 "IT") (9=2 "NL") (2=3 "DE") (3=4 "PL") (1=5 "UK") (5=6 "SE") (6=7 "DK") (8=8 "FI") (7=9 "NO"), gen(cntry) l(cntry_new)
drop cntry_*
tab cntry, gen(cntry_)
save $WD/data/lc_analytical.dta, replace
use $WD/data/lc_analytical.dta, clear
global sociodemo anc_age fem edu_*
global kin num_*
global rel tra cnt_ clo sup mon cnf
preserve
keep if help == 1
estpost sum cntry_* $sociodemo $kin total_kin [aweight = dwe], det
	eststo tab1
restore
estpost sum $rel [aweight = dwe], det
	eststo tab1b
	cd $M
	esttab tab1 using des_Nordic.rtf, cells(mean(fmt(%12.2fc) l(Mean))) replace label title(title)
	esttab tab1b using des_Nordic.rtf, cells(mean(fmt(%12.2fc) l(Mean))) append label
preserve
keep if help == 1
levelsof cntry, local(cntry)
foreach x of local cntry {
estpost sum $sociodemo $kin total_kin if cntry == `x' [aweight = dwe], det
	eststo tab1cntry_`x'
	}
restore
foreach x of local cntry {
estpost sum $rel if cntry == `x' [aweight = dwe], det
	eststo tab1bcntry_`x'
	}
	cd $M
	esttab tab1cntry_* using des_cntry_Nordic.rtf, cells(mean(fmt(%12.2fc) l(Mean))) replace label title(title)
	esttab tab1bcntry_* using des_cntry_Nordic.rtf, cells(mean(fmt(%12.2fc) l(Mean))) append label
preserve
	keep if help == 1
	foreach x of varlist anc_age num_1 num_2 num_3 num_4 num_5 num_6 num_7 num_8 num_9 num_1* total_kin {
	di "`x'"
	qui: reg `x' i.cntry [pweight = dwe]
	margins cntry [pweight = dwe], pwcompare(groups)
	}
	foreach x of varlist fem {
	di "`x'"
	qui: logit `x' i.cntry [pweight = dwe]
	margins cntry [pweight = dwe], pwcompare(groups)
	}
restore
	foreach x of varlist $rel {
	di "`x'"
	qui: logit `x' i.cntry [pweight = dwe]
	margins cntry [pweight = dwe], pwcompare(groups)
	}
global controls "i.fem"
mlogit class i.kin_cat_l [pweight = dwe], vce(cluster anc_id)
est store mlogit_l
outreg2 using $M/mlogit_l.doc, label stats(coef ci) adds(Pseudo R2, e(r2_p)) dec(2) replace nocons
mlogit class i.kin_cat_l##ib3.cntry $controls [pweight = dwe], vce(cluster anc_id)
est store mlogit_l_cntry
outreg2 using $M/mlogit_l.doc, label stats(coef ci) adds(Pseudo R2, e(r2_p)) dec(2) append nocons
grstyle init
grstyle set plain, grid
grstyle set lpattern solid: bygraph
grstyle set margin "5pt 15pt 50pt 5pt": graph
grstyle set color Okabe, select(2/6)
grstyle set color Okabe, select(2/6): p#markline
grstyle set symbol o t s + sh
est restore mlogit_l_cntry
margins [pweight = dwe], dydx(i.cntry) predict(outcome(1)) post pwcompare(groups)
est store m1
est restore mlogit_l_cntry
margins [pweight = dwe], dydx(i.cntry) predict(outcome(2)) post pwcompare(groups)
est store m2
est restore mlogit_l_cntry
margins [pweight = dwe], dydx(i.cntry) predict(outcome(3)) post pwcompare(groups)
est store m3
est restore mlogit_l_cntry
margins [pweight = dwe], dydx(i.cntry) predict(outcome(4)) post pwcompare(groups)
est store m4
est restore mlogit_l_cntry
margins [pweight = dwe], dydx(i.cntry) predict(outcome(5)) post pwcompare(groups)
est store m5
grstyle init
grstyle set plain, grid
grstyle set lpattern solid: major_grid
grstyle set color Okabe, select(2/6)
grstyle set color Okabe, select(2/6): p#markline
grstyle set symbol o t s + sh
coefplot m1, bylabel("$cl1b") nokey msymbol(o) || m2, bylabel("$cl2b") nokey msymbol(t) || m3, bylabel("$cl3b") nokey msymbol(s) || m4, bylabel("$cl4b") nokey msymbol(+) || m5, bylabel("$cl5b") nokey msymbol(sh) ||, recast(scatter) norecycle drop(_cons *kin_cat_l) keep(*cntry) omitted baselevels xtitle("x") xline(0, lwidth(thin) lcolor(gs10) lpattern(solid)) byopts(row(1)) msize(medlarge) name(covariates_base_nokin_sep, replace)
	gr export $M/ame_cov_l_cntry_sep.png, replace
	gr export $M/ame_cov_l_cntry_sep.pdf, replace
	gr save $M/ame_cov_l_cntry_sep, replace
