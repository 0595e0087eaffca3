* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 30681634663 (a public GitHub .do file: multilevel growth-curve models of night-time sleep duration from infancy to adolescence in autistic and non-autistic ALSPAC participants -- xtset, xtdes, lowess, occasion means by egen, linear to quartic mixed ... || id: age_years, cov(uns) fits stored and compared with estat ic and lrtest, fitted trajectories by group, predictnl of the group curves with se(), grstyle, and covariate-adjusted models saved with estimates save; the author's interaction terms are used before they are generated, r(111), marked; the index does not name the repository) (excerpt: from the start to the end of the covariate-adjusted model comparison; the later sections -- growth curves by group with margins, and the night-awakenings models -- left out)
* author: unknown
* licence: none stated
* preload: alspac_sleep
xtset id occ
xtdes if sleep~=. 
bysort occ: sum sleep age_years
lowess sleep age_years, nograph gen(yhatlowess)
line yhatlowess age_years, sort 
egen mean_age = mean(age_years), by(occ)
egen tag = tag(occ)
egen time_asleep = mean(sleep), by(occ)
twoway (connected time_asleep mean_age if tag, sort msymbol(circle) msize(small) lcolor(dknavy)) , graphregion(fcolor(white)) xlabel(0(2)18, format(%5.0f)) ylabel(8(1)12) xtitle("x") ytitle("y") 
egen sleep_no_asd = mean(sleep) if asd==0, by(occ)
egen sleep_asd = mean(sleep) if asd==1, by(occ)
twoway (connected sleep_no_asd mean_age, sort msymbol(circle) msize(small) lcolor(dknavy)) (connected sleep_asd mean_age, sort msymbol(circle) msize(small) lcolor(dkorange)) , graphregion(fcolor(white)) xlabel(0(2)16) ylabel(8(1)12) xtitle("x") ytitle("y") legend(order(1 "a" 2 "b"))
mixed sleep age_years || id: age_years, cov(uns)  
estimates store m1
estat ic
predict sleep_lin
twoway (line sleep_lin age_years, sort lcolor(dknavy)) , graphregion(fcolor(white)) xlabel(0(2)18, format(%5.0f)) ylabel(8(1)12) xtitle("x") ytitle("y") 
twoway (line sleep_lin age_years, sort lcolor(dknavy) lpattern(solid)) (connected time_asleep mean_age if tag, sort lcolor(midblue) lpattern(dash) msize(small) mcolor(navy)) , graphregion(fcolor(white)) xlabel(0(2)18, format(%5.0f)) ylabel(8(1)12) xtitle("x") ytitle("y") legend(order(1 "a" 2 "b") size (small))
gen age_years2 = age_years^2
mixed sleep age_years age_years2 || id: age_years, cov(uns)
estimates store m2
estat ic
predict sleep_quad
twoway (line sleep_quad age_years, sort lcolor(dknavy)) , graphregion(fcolor(white)) xlabel(0(2)18, format(%5.0f)) ylabel(8(1)12) xtitle("x") ytitle("y")
twoway (line sleep_quad age_years, sort lcolor(dknavy) lpattern(solid)) (connected time_asleep mean_age if tag, sort lcolor(midblue) lpattern(dash) msymbol(circle) msize(small) mcolor(navy)) , graphregion(fcolor(white)) xlabel(0(2)18, format(%5.0f)) ylabel(8(1)12) xtitle("x") ytitle("y") legend(order(1 "a" 2 "b") size (small))
lrtest m1 m2 
gen age_years3 = age_years^3
mixed sleep age_years age_years2 age_years3 || id: age_years, cov(uns)
estimates store m3
estat ic
predict sleep_cubic
twoway (line sleep_cubic age_years, sort lcolor(dknavy)) , graphregion(fcolor(white)) xlabel(0(2)18, format(%5.0f)) ylabel(8(1)12) xtitle("x") ytitle("y")
twoway (line sleep_cubic age_years, sort lcolor(dknavy) lpattern(solid)) (connected time_asleep mean_age if tag, sort lcolor(midblue) lpattern(dash) mcolor(navy) msize(small)) , graphregion(fcolor(white)) xlabel(0(2)18, format(%5.0f)) ylabel(8(1)12) xtitle("x") ytitle("y") legend(order(1 "a" 2 "b") size (small))
lrtest m2 m3 
gen age_years4 = age_years^4
mixed sleep age_years age_years2 age_years3 age_years4 || id: age_years, cov(uns)
estimates store m4
estat ic
predict sleep_quart
twoway (line sleep_quart age_years, sort lcolor(dknavy)) , graphregion(fcolor(white)) xlabel(0(2)18, format(%5.0f)) ylabel(8(1)12) xtitle("x") ytitle("y")
twoway (line sleep_quart age_years, sort lcolor(dknavy) lpattern(solid)) (connected time_asleep mean_age if tag, sort lcolor(midblue) lpattern(dash) mcolor(navy) msize(small)) , graphregion(fcolor(white)) xlabel(0(2)18, format(%5.0f)) ylabel(8(1)12) xtitle("x") ytitle("y") legend(order(1 "a" 2 "b") size (small))
lrtest m3 m4 
mixed sleep age_years age_years2 age_years3 asd || id: age_years, cov(uns)
predict fitted_full if asd == 1
predict fitted_full_noasd if asd == 0 
twoway (line fitted_full age_years if asd == 1, sort lcolor(maroon)) (connected sleep_asd mean_age, sort lcolor(dkorange) lpattern(dash) msize(small)) , graphregion(fcolor(white)) xlabel(0(2)18, format(%5.0f)) ylabel(8(1)12) xtitle("x") ytitle("y") legend(order(1 "a" 2 "b") size (small))
twoway (line fitted_full_noasd age_years if asd == 0, sort lcolor(dknavy)) (connected sleep_no_asd mean_age, sort lcolor(midblue) lpattern(dash) msize(small) mcolor(dknavy)) , graphregion(fcolor(white)) xlabel(0(2)18, format(%5.0f)) ylabel(8(1)12) xtitle("x") ytitle("y") legend(order(1 "a" 2 "b") size (small))
* mlm-expect: r(111)
mixed sleep age_years age_years2 age_years3 asd asdxage_years asdxage_years2 asdxage_years3 || id: age_years, cov(uns)
predict fitted_full2 if asd == 1
predict fitted_full_noasd2 if asd == 0 
twoway (line fitted_full2 age_years if asd == 1, sort lcolor(maroon)) (connected sleep_asd mean_age, sort lcolor(dkorange) lpattern(dash) msize(small)) , graphregion(fcolor(white)) xlabel(0(2)18, format(%5.0f)) ylabel(8(1)12) xtitle("x") ytitle("y") legend(order(1 "a" 2 "b") size (small))
twoway (line fitted_full_noasd2 age_years if asd == 0, sort lcolor(dknavy)) (connected sleep_no_asd mean_age, sort lcolor(midblue) lpattern(dash) msize(small) mcolor(dknavy)) , graphregion(fcolor(white)) xlabel(0(2)18, format(%5.0f)) ylabel(8(1)12) xtitle("x") ytitle("y") legend(order(1 "a" 2 "b") size (small))
* mlm-expect: r(111)
mixed sleep age_years age_years2 age_years3 asd asdxage_years asdxage_years2 asdxage_years3 || id: age_years, cov(uns)
* mlm-expect: r(111)
predictnl nonasd_nonadj = _b[sleep:_cons] + _b[sleep: age_years]*age_years + _b[sleep: age_years2]*age_years2 + _b[sleep: age_years3]*age_years3 + _b[sleep: asd]*0 + _b[sleep: asdxage_years]*0*age_years + _b[sleep: asdxage_years2]*0*age_years2 + _b[sleep: asdxage_years2]*0*age_years3 , se(nonasd_nonadj_se)
* mlm-expect: r(111)
predictnl asd_nonadj = _b[sleep:_cons] + _b[sleep: age_years]*age_years + _b[sleep: age_years2]*age_years2 + _b[sleep: age_years3]*age_years3 + _b[sleep: asd]*1 + _b[sleep: asdxage_years]*1*age_years + _b[sleep: asdxage_years2]*1*age_years2 + _b[sleep: asdxage_years3]*1*age_years3 , se(asd_nonadj_se)
* mlm-expect: r(111)
gen nonasd_nonadj_lo = nonasd_nonadj - 1.96*nonasd_nonadj_se
* mlm-expect: r(111)
gen nonasd_nonadj_hi = nonasd_nonadj + 1.96*nonasd_nonadj_se  
* mlm-expect: r(111)
gen asd_nonadj_lo = asd_nonadj - 1.96*asd_nonadj_se
* mlm-expect: r(111)
gen asd_nonadj_hi = asd_nonadj + 1.96*asd_nonadj_se  
ssc install grstyle, replace
ssc install palettes, replace
set scheme s2color 
grstyle init
grstyle set nogrid 
* mlm-expect: r(111)
twoway (rarea nonasd_nonadj_lo nonasd_nonadj_hi age_years, sort color(gs12)) (rarea asd_nonadj_lo asd_nonadj_hi age_years, sort color(gs12)) (line nonasd_nonadj age_years, sort lcolor(dknavy) lpattern(solid)) (line asd_nonadj age_years, sort lcolor(dkorange) lpattern(dash)) , graphregion(fcolor(white)) xtitle("x") ytitle("y") xlabel(0(2)18, format(%5.0f)) ylabel(8(1)12) graphregion(fcolor(white)) legend(order(3 "a" 4 "b") size (small) row(1) position (bottom))
sum mean_age, detail
* mlm-expect: r(111)
twoway (connected sleep_no_asd mean_age, sort lcolor(midblue) lpattern(dash) mcolor(dknavy) msize(small)) (connected sleep_asd mean_age, sort lcolor(dkorange) lpattern(dash) mcolor(maroon) msize(small)) (line nonasd_nonadj age_years if inrange(mean_age, 0.12, 15.48), sort lcolor(dknavy) lpattern(solid)) (line asd_nonadj age_years if inrange(mean_age, 0.12, 15.48), sort lcolor(maroon) lpattern(solid)) , graphregion(fcolor(white)) xlabel(0(2)18, format(%5.0f)) ylabel(8(1)12) xtitle("x") ytitle("y") legend(order(1 "a" 2 "b" 3 "c" 4 "d") size (small))
gen asdxage_years = asd*age_years
gen asdxage_years2 = asd*age_years2
gen asdxage_years3 = asd*age_years3
mixed sleep age_years age_years2 age_years3 asd asdxage_years asdxage_years2 asdxage_years3 postndep cceianx2 i.epilepsy i.mat_class i.mat_edu i.sex fin_probs || id: age_years, cov(uns)
estimates save "sleep_cubic_adj"
estimates store sleep_cubic_adj
estat ic
mixed sleep age_years asd asdxage_years postndep cceianx2 i.epilepsy i.mat_class i.mat_edu i.sex fin_probs || id: age_years, cov(uns)
estimates store sleep_lin_adj
estat ic
mixed sleep age_years age_years2 asd asdxage_years asdxage_years2 postndep cceianx2 i.epilepsy i.mat_class i.mat_edu i.sex fin_probs || id: age_years, cov(uns)
estimates store sleep_quad_adj
estat ic
lrtest sleep_lin_adj sleep_quad_adj 
lrtest sleep_quad_adj sleep_cubic_adj 
gen asdxage_years4 = asd*age_years4
mixed sleep age_years age_years2 age_years3 age_years4 asd asdxage_years asdxage_years2 asdxage_years3 asdxage_years4 postndep cceianx2 i.epilepsy i.mat_class i.mat_edu i.sex fin_probs || id: age_years, cov(uns)
estimates store sleep_quart_adj
estat ic
lrtest sleep_cubic_adj sleep_quart_adj
