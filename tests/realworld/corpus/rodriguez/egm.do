* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:grodri/grodri.github.io@645d26aa56bb629b863ea6baec8c559674b4ac0d multilevel/egm.html (https://grodri.github.io/multilevel/egm)
* author: Germán Rodríguez (Princeton, POP 510 Multilevel Models)
* licence: none stated
* data: https://grodri.github.io/datasets/egm = shared:grodri/egm.dta
use https://grodri.github.io/datasets/egm, clear
mixed math || schoolid: || childid:  , mle
mat list e(b)
scalar v3 = exp(2 * _b[lns1_1_1:_cons])
scalar v2 = exp(2 * _b[lns2_1_1:_cons])
scalar v1 = exp(2 * _b[lnsig_e:_cons])
display v3/(v3 + v2 + v1), (v2 + v3)/(v3 + v2 + v1)
predict r3 r2, reffects
egen m3 = mean(math), by(schoolid)
gen eb3 = _b[_cons] + r3
egen lev3 = tag(schoolid)
twoway (scatter eb3 m3 if lev3) (function y=x, range(-2.5 .8)), legend(off) title(A) name(school, replace)
egen m2 = mean(math), by (childid)
egen n2 = count(math), by(childid)
gen eb2 = eb3 + r2
egen lev2 = tag(childid)
twoway (scatter eb2 m2 if lev2 & n2 > 2) (function y=x, range(-3.6 3.1)), legend(off) title(B) name(child, replace)
graph combine school child, xsize(6) ysize(3)
graph export g1.png, width(700) replace
tab year grade
mixed math year || schoolid: year, covariance(unstructured) || childid:  year, covariance(unstructured) mle
estat recov, corr
predict r3b r3a r2b r2a, reffects
local labels xtitle(X) ytitle(Y)
gen a3 = _b[_cons] + r3a
gen b3 = _b[year]  + r3b
twoway scatter b3 a3 if lev3, `labels' title(A) name(school, replace)
gen a2 = a3 + r2a
gen b2 = b3 + r2b
twoway (scatter b2 a2 if lev2, `labels') (scatter b2 a2 if lev2 & b3 < .55), legend(off) title(B) name(child, replace)
graph combine school child, xsize(6) ysize(3) title(T)
graph export g2.png, width(700) replace
gen yearBlack = year * black
gen yearHispanic = year * hispanic
gen yearLowinc = year * lowinc
mixed math year black hispanic lowinc yearBlack yearHispanic yearLowinc || schoolid: year, covariance(unstructured) || childid:  year, covariance(unstructured) mle
local k = 1
foreach lowinc in 50 100 {
foreach eth in "white" "black" "hispanic" {
foreach year in -2.5 2.5 {
quietly replace lowinc   = `lowinc' in `k'
quietly replace black    = "`eth'" == "black" in `k'
quietly replace hispanic = "`eth'" == "hispanic" in `k'
quietly replace year     = `year' in `k'
local k = `k' + 1
}
}
}
keep in 1/12
quietly replace yearBlack    = year * black
quietly replace yearHispanic = year * hispanic
quietly replace yearLowinc   = year * lowinc
predict xb, xb
expand 4
bysort lowinc  black hispanic year: gen rep=_n
gen schoolz = -1 + 2 * (rep > 2)
gen childz  = -1 + 2 * (rep == 2 | rep ==4)
scalar sa3 = exp(_b[lns1_1_2:_cons])
scalar sa2 = exp(_b[lns2_1_2:_cons])
scalar sb3 = exp(_b[lns1_1_1:_cons])
scalar sb2 = exp(_b[lns2_1_1:_cons])
gen fv = xb + (schoolz * sa3 + childz * sa2) + (schoolz * sb3 + childz * sb2) * year
label define schoolz -1 "minus" 1 "plus"
label values schoolz schoolz
label define lowinc 50 "half" 100 "all"
label values lowinc lowinc
gen eth = 1 + black + 2*hispanic
sort schoolz lowinc childz eth year
twoway line fv year if eth == 1, c(asc) lpat(solid) ||  line fv year if eth == 2, c(asc) lpat(shortdash) lc(red) ||  line fv year if eth == 3, c(asc) lpat(dash) lc(blue) , by(lowinc schoolz, legend(off) note("N") title("T")) xtitle(X) ytitle(Y)
graph export g3.png, width(700) replace
