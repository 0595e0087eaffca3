* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 8798474413 (a public GitHub .do file, a microeconometrics TA session's tips for a problem set, each section one `quietly { }` block: xtset with string and egen group() ids, lag/lead operators and l(1/2)., factor variables and interactions, first differences, areg, xtreg fe i(), reghdfe, pre-trend plots, TWFE and event-study dummies with reghdfe/coefplot/eventstudyinteract/bacondecomp/twowayfeweights, and extra material on xtdescribe, xtsum, xttab, xttrans, xtline, xtreg fe/be, and logit/xtlogit re/fe with an estimates table and hausman, eq(1:1); a later copy of the file is code-index id 32206457280; the index does not name the repository) (excerpt: sections 1-5, 8 and the two extra sections; sections 6 and 7 on Card and Krueger's minimum-wage data, loaded from the web, left out)
* author: unknown (a TA of a Bocconi microeconometrics course, per the header)
* licence: none stated
* data: nlswork = shared:stata/nlswork.dta
* data: union = union_nlsw
* mlm-expect: r(109)
quietly {
webuse nlswork, clear
describe
tab year
codebook idcode
bysort year: distinct idcode
help xtset
xtset idcode year
tostring idcode, gen(str_idcode)
xtset str_idcode year
destring str_idcode, gen(dstr_idcode)
xtset dstr_idcode year
egen cross_id = group(str_idcode)
xtset cross_id year
}
quietly {
webuse nlswork, clear
xtset idcode year, delta(1)
xtdes
reg ln_wage l.ln_wage
reg ln_wage l2.ln_wage
reg ln_wage l.l.ln_wage
reg f.ln_wage ln_wage
reg f.f.ln_wage f.ln_wage ln_wage
reg ln_wage l.ln_wage l.l.ln_wage
reg ln_wage l(1/2).ln_wage
}
quietly {
tab race
reg ln_wage i.race
tab race
dummies race
reg ln_wage race2 race3
reg ln_wage race1 race2 race3, noc
sum ln_wage if race1==1
sum ln_wage if race2==1
sum ln_wage if race3==1
tab race south
tab race south, cell
reg ln_wage i.race#i.south
tab south union
reg ln_wage i.south##i.union
reg ln_wage i.south i.union i.south#i.union
tab south
sum hours
reg ln_wage south#c.hours
reg ln_wage i.south##c.hours
}
quietly {
reg d.ln_wage d.wks_work
areg ln_wage wks_work, absorb(idcode)
xtreg ln_wage wks_work, fe i(idcode)
ssc install reghdfe
help reghdfe
reghdfe ln_wage wks_work, absorb(idcode)
}
quietly {
tab race
codebook race
gen TREATED = (race==2)
gen Y_C=wks_ue if TREATED==1
gen Y_T=wks_ue if TREATED==0
preserve
	collapse Y_C Y_T, by(year)
	twoway  (line Y_T year) (line Y_C year, lpattern(dash)),  xline(80) title(text) ytitle(text) legend(order(1 "a" 2 "b"))
restore
}
quietly {
webuse nlswork, clear
set matsize 800
reghdfe ln_wage union south, absorb(idcode year) vce(cluster idcode)
xtset idcode year
xtreg ln_wage union south i.year, fe vce(cluster idcode)
estimates store reg1
coefplot reg1, keep(union south) yline(0) xtitle("text") ytitle("text") title("text") vertical
gen union_year = year if union == 1
bysort idcode: egen first_union = min(union_year)
drop union_year
gen relative_uy = year - first_union
gen never_union = (first_union == .)
tab relative_uy
forvalues k = 18(-1)2 {
gen g_`k' = relative_uy == -`k'
}
forvalues k = 0/18 {
gen g`k' = relative_uy == `k'
}
reghdfe ln_wage g_* g0-g18 south, absorb(i.idcode i.year) vce(cluster idcode)
estimates store reg1
gen g_1 = relative_uy == -1
reghdfe ln_wage g_* g0-g18 south, absorb(i.idcode i.year) vce(cluster idcode)
drop g_1
coefplot reg1, keep(g*) yline(0) xtitle("text") ytitle("text") title("text")
forvalues k = 18(-1)2 {
label var g_`k' "-`k'"
}
forvalues k = 0/18 {
label var g`k' "+`k'"
}
coefplot reg1, keep(g*) vertical yline(0) xtitle("text") ytitle("text") title("text")
grstyle init
grstyle set plain
coefplot reg1, keep(g*) vertical yline(0) xtitle("text") ytitle("text") title("text")
coefplot reg1, keep(g*) vertical yline(0) xtitle("text") ytitle("text") title("text") xlabel(, angle(45))
coefplot reg1, keep(g*) vertical yline(0) xtitle("text") ytitle("text") title("text") xlabel(, angle(45) alternate)
set matsize 800
eventstudyinteract ln_wage g_* g0-g18, cohort(first_union) control_cohort(never_union) covariates(south) absorb(i.idcode i.year) vce(cluster idcode)
matrix C = e(b_iw)
mata st_matrix("A",sqrt(diagonal(st_matrix("e(V_iw)"))))
matrix C = C \ A'
matrix list C
coefplot matrix(C[1]), se(C[2]) keep(g*) vertical yline(0) xtitle("text") ytitle("text") title("text") xlabel(, alternate)
bysort idcode: gen n_obs = _N
sum n_obs
display r(max)
keep if n_obs == r(max)
gen entered_union = year >= first_union
reghdfe ln_wage entered_union, absorb(idcode year) vce(cluster idcode)
ssc install bacondecomp
bacondecomp ln_wage entered_union
ssc install twowayfeweights
twowayfeweights ln_wage idcode year entered_union, type(feTR)
}
quietly {
webuse nlswork, clear
describe
xtset idcode year
xtdescribe
summ ln_wage
xtsum ln_wage
xtsum birth_yr
xttab south
xttrans south, freq
xttab occ
xttrans occ
quietly xtline ttl_exp if idcode<=10, overlay
xtsum ln_wage age birth_yr year
xtreg ln_wage age birth_yr year, fe
xtreg ln_wage age birth_yr year, be
xtreg ln_wage age birth_yr, fe
xtreg ln_wage age birth_yr, be
}
quietly {
clear
webuse union
de
xtdes
xtsum union age grade south
logit union age grade not_smsa south , vce (cluster id)
estimates store LT
xtlogit union age grade not_smsa south  , i(id) re nolog
estimates store randomeff
xtlogit union age grade not_smsa south  , i(id) fe nolog
estimates store fixedeff
estimates table LT randomeff fixedeff, b(%10.4f) se stats(N)
hausman fixedeff randomeff, eq(1:1)
}
