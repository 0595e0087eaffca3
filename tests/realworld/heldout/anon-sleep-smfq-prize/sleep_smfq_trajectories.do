* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 16073317257 (a public GitHub .do file, a Wellcome Mental Health Data Prize analysis of parent-reported SMFQ depression trajectories by childhood sleep problems on a simulated ALSPAC-like file: import delimited of a wide csv, reshape long, age by replace per occasion, list ... if inlist(), noobs sepby(), xtset/xtdes, egen mean/tag and twoway connected, linear, quadratic and cubic growth curves mixed ... || subject: agemc agemc_2, cov(uns) with predict and lrtest, hand-made age-by-sleep interactions, predictnl of the two group trajectories (with se()), residuals(ind, by(sleep_bin)), matrix list e(b), nlcom on _b[lnsig_e:_cons] and _b[r_lns2ose:_cons], estimates save/use, nlcom ..., post and est tab, nlcom in foreach over varlists, predict ..., reffects relevel() reses(), person trajectories from _b[] and the BLUPs -- the author's `+ u0*1///` has no blank before `///`, so Stata ends the command there (r(198)) and reads the next line as a command (r(199)); the two plots of the trajectories then find no variable (r(111)), all marked --, twoway rarea/line with by(); the index does not name the repository)
* author: unknown (the Data Prize team's file; no name in the file)
* licence: none stated
* data: WHEREVER YOU HAVE SAVED THE FILE/simulated data/sleep_use_dep_simulated.csv = sleep_smfq_simulated
cd "TO YOUR WORKING DIRECTORY"
import delimited "WHEREVER YOU HAVE SAVED THE FILE/simulated data/sleep_use_dep_simulated.csv", clear
reshape long mfq_t, i(subject) j(timepoint)
order subject timepoint mfq_t
generate age = .
replace age = age_t1 if timepoint==1
replace age = age_t2 if timepoint==2
replace age = age_t3 if timepoint==3
replace age = age_t4 if timepoint==4
format %9.2f age
order age, after(mfq_t)
list subject timepoint mfq_t age if inlist(subject,5,7,30,34), noobs sepby(subject)
rename timepoint occ
rename mfq_t dep
list subject occ dep age if inlist(subject,5,7,30,34), noobs sepby(subject)
sort subject occ
by subject: egen numocc =count(dep)
order subject occ age dep sleep_bin
xtset subject occ
xtdes if dep~=.
bysort occ: sum dep age
egen mean_age = mean(age), by(occ)
egen tag = tag(occ)
egen depression = mean(dep), by(occ)
twoway connected depression mean_age if tag, sort
sum age
gen agemc = age-r(mean)
mixed dep agemc || subject: agemc, cov(uns)
estimates store m1
predict yhat_linear
twoway line yhat_linear age, sort
twoway (line yhat_linear age, sort lcolor(dkorange)) (connected depression mean_age if tag, sort lcolor(dknavy) mcolor(dknavy)) , ytitle(a) xtitle(a) graphregion(fcolor(white)) legend(order(1 "a" 2 "a") size(medium) row(1))
gen agemc_2 = agemc^2
mixed dep agemc agemc_2 || subject: agemc agemc_2, cov(uns)
estimates store m2
predict yhat_quad
twoway line yhat_quad age, sort
twoway (line yhat_quad age, sort lcolor(dkorange)) (connected depression mean_age if tag, sort lcolor(dknavy) mcolor(dknavy)) , ytitle(a) xtitle(a) graphregion(fcolor(white)) legend(order(1 "a" 2 "a") size(medium) row(1))
lrtest m1 m2
gen agemc_3 = agemc^3
mixed dep agemc agemc_2 agemc_3 || subject: agemc agemc_2, cov(uns)
estimates store m3
predict yhat_cubic
twoway line yhat_cubic age, sort
twoway (line yhat_cubic age, sort lcolor(dkorange)) (connected depression mean_age if tag, sort lcolor(dknavy) mcolor(dknavy)) , ytitle(a) xtitle(a) graphregion(fcolor(white)) legend(order(1 "a" 2 "a") size(medium) row(1))
lrtest m2 m3
gen agemcxsleep = agemc*sleep_bin
gen agemc_2xsleep = agemc_2*sleep_bin
gen agemc_3xsleep = agemc_3*sleep_bin
mixed dep agemc agemc_2 agemc_3 sleep_bin agemcxsleep agemc_2xsleep agemc_3xsleep || subject: agemc agemc_2,  cov(uns)
predictnl no_sleep_traj = _b[dep:_cons] + _b[dep:sleep_bin]*0 + _b[dep:agemc]*agemc + _b[dep:agemc_2]*agemc_2 + _b[dep:agemc_3]*agemc_3 + _b[dep:agemcxsleep]*0*agemc + _b[dep:agemc_2xsleep]*0*agemc_2 + _b[dep:agemc_3xsleep]*0*agemc_3
predictnl yes_sleep_traj = _b[dep:_cons] + _b[dep:sleep_bin]*1 + _b[dep:agemc]*agemc + _b[dep:agemc_2]*agemc_2 + _b[dep:agemc_3]*agemc_3 + _b[dep:agemcxsleep]*1*agemc + _b[dep:agemc_2xsleep]*1*agemc_2 + _b[dep:agemc_3xsleep]*1*agemc_3
twoway (line no_sleep_traj age, sort lcolor(dkorange) lpattern(solid)) (line yes_sleep_traj age, sort lcolor(dknavy) lpattern(solid)) , ytitle(a) xtitle(a) graphregion(fcolor(white)) legend(order(1 "a" 2 "a") size(medium) row(1))
mixed dep agemc agemc_2 agemc_3 sleep_bin agemcxsleep agemc_2xsleep agemc_3xsleep || subject: agemc agemc_2,  cov(uns) residuals(ind, by(sleep_bin))
matrix list e(b)
nlcom (exp(_b[lnsig_e:_cons])^2) - (exp(_b[lnsig_e:_cons] + _b[r_lns2ose:_cons])^2)
estimates save "mixed_cubic_sleep", replace
drop no_sleep_traj yes_sleep_traj
estimate use "mixed_cubic_sleep"
predictnl no_sleep_traj = _b[dep:_cons] + _b[dep:sleep_bin]*0 + _b[dep:agemc]*agemc + _b[dep:agemc_2]*agemc_2 + _b[dep:agemc_3]*agemc_3 + _b[dep:agemcxsleep]*0*agemc + _b[dep:agemc_2xsleep]*0*agemc_2 + _b[dep:agemc_3xsleep]*0*agemc_3 , se(no_sleep_se)
predictnl yes_sleep_traj = _b[dep:_cons] + _b[dep:sleep_bin]*1 + _b[dep:agemc]*agemc + _b[dep:agemc_2]*agemc_2 + _b[dep:agemc_3]*agemc_3 + _b[dep:agemcxsleep]*1*agemc + _b[dep:agemc_2xsleep]*1*agemc_2 + _b[dep:agemc_3xsleep]*1*agemc_3 , se(yes_sleep_se)
gen no_sleep_lo = no_sleep_traj - 1.96*no_sleep_se
gen no_sleep_hi = no_sleep_traj + 1.96*no_sleep_se
gen yes_sleep_lo = yes_sleep_traj - 1.96*yes_sleep_se
gen yes_sleep_hi = yes_sleep_traj + 1.96*yes_sleep_se
twoway (rarea no_sleep_lo no_sleep_hi age, sort color(gs10)) (rarea yes_sleep_lo yes_sleep_hi age , sort color(gs10)) (line no_sleep_traj age, sort lcolor(dkorange) lpattern(solid)) (line yes_sleep_traj age, sort lcolor(dknavy) lpattern(solid)) , ytitle(a) xtitle(a) graphregion(fcolor(white)) legend(order(3 "a" 4 "a") size(medium) row(1))
sum age
di 14 - 12.51664
sum age
di 14 - r(mean)
estimates use "mixed_cubic_sleep"
nlcom (no_sleep_age14: _b[dep:_cons] + _b[dep:sleep_bin]*0 + _b[dep:agemc]*1.4833627 + _b[dep:agemc_2]*1.4833627^2 + _b[dep:agemc_3]*1.4833627^3 + _b[dep:agemcxsleep]*0*1.4833627 + _b[dep:agemc_2xsleep]*0*1.4833627^2 + _b[dep:agemc_3xsleep]*0*1.4833627^3 ) (yes_sleep_age14: _b[dep:_cons] + _b[dep:sleep_bin]*1 + _b[dep:agemc]*1.4833627 + _b[dep:agemc_2]*1.4833627^2 + _b[dep:agemc_3]*1.4833627^3 + _b[dep:agemcxsleep]*1*1.4833627 + _b[dep:agemc_2xsleep]*1*1.4833627^2 + _b[dep:agemc_3xsleep]*1*1.4833627^3 ) , cformat(%9.3f) post
nlcom (difference: _b[no_sleep_age14] - _b[yes_sleep_age14]), cformat(%9.2f) post
est tab, p(%12.10g)
sum age
gen sc10 = 10 -r(mean)
gen sc12 = 12 -r(mean)
gen sc14 = 14 -r(mean)
gen sc16 = 16 -r(mean)
gen sc18 = 18 -r(mean)
estimates use "mixed_cubic_sleep.ster"
foreach var of varlist sc10 sc12 sc14 sc16 sc18 {
nlcom (no_sleep_`var': _b[dep:_cons] + _b[dep:sleep_bin]*0 + _b[dep:agemc]*`var' + _b[dep:agemc_2]*`var'^2 + _b[dep:agemc_3]*`var'^3 + _b[dep:agemcxsleep]*0*`var' + _b[dep:agemc_2xsleep]*0*`var'^2 + _b[dep:agemc_3xsleep]*0*`var'^3 ) (yes_sleep_`var': _b[dep:_cons] + _b[dep:sleep_bin]*1 + _b[dep:agemc]*`var' + _b[dep:agemc_2]*`var'^2 + _b[dep:agemc_3]*`var'^3 + _b[dep:agemcxsleep]*1*`var' + _b[dep:agemc_2xsleep]*1*`var'^2 + _b[dep:agemc_3xsleep]*1*`var'^3 )
}
foreach var of varlist sc10 sc12 sc14 sc16 sc18 {
nlcom (diff_`var': (_b[dep:_cons] + _b[dep:sleep_bin]*0 + _b[dep:agemc]*`var' + _b[dep:agemc_2]*`var'^2 + _b[dep:agemc_3]*`var'^3 + _b[dep:agemcxsleep]*0*`var' + _b[dep:agemc_2xsleep]*0*`var'^2 + _b[dep:agemc_3xsleep]*0*`var'^3 ) - (_b[dep:_cons] + _b[dep:sleep_bin]*1 + _b[dep:agemc]*`var' + _b[dep:agemc_2]*`var'^2 + _b[dep:agemc_3]*`var'^3 + _b[dep:agemcxsleep]*1*`var' + _b[dep:agemc_2xsleep]*1*`var'^2 + _b[dep:agemc_3xsleep]*1*`var'^3 ) )
}
mixed dep agemc agemc_2 agemc_3 sleep_bin agemcxsleep agemc_2xsleep agemc_3xsleep || subject: agemc agemc_2,  cov(uns) residuals(ind, by(sleep_bin))
predict u1 u2 u0, reffects relevel(subject) reses(u1_se u2_se u0_se)
estimates use "mixed_cubic_sleep"
gen overall_traj = _b[dep:_cons]*1 + _b[dep:sleep_bin]*sleep_bin + _b[dep:agemc]*agemc + _b[dep:agemc_2]*agemc_2 + _b[dep:agemc_3]*agemc_3 + _b[dep:agemcxsleep]*agemcxsleep + _b[dep:agemc_2xsleep]*agemc_2xsleep + _b[dep:agemc_3xsleep]*agemc_3xsleep
* mlm-expect: r(198)
generate individual_traj = overall_traj + u0*1///
* mlm-expect: r(199)
+ u1*agemc + u2*agemc_2
* mlm-expect: r(111)
twoway (line individual_traj age, lcolor(gs7) lwidth(vthin) lpattern(solid) connect(ascending) cmissing(n)) (line no_sleep_traj age if sleep_bin==0, sort lcolor(dkorange) lpattern(solid)) (line yes_sleep_traj age if sleep_bin==1, sort lcolor(dknavy) lpattern(solid)) , ytitle(a) xtitle(a) graphregion(fcolor(white)) by(, graphregion(fcolor(white))) by(sleep_bin) subtitle(, size(zero) nobox fcolor() lcolor()) legend(order(2 "a" 3 "a") size(medium) row(1))
* mlm-expect: r(111)
twoway (line individual_traj age if inlist(subject,3,5,6,7), lcolor(gs7) lwidth(vthin) lpattern(dash) connect(ascending) cmissing(n)) (line individual_traj age if inlist(subject,51,104,185,221), lcolor(dkgreen) lwidth(vthin) lpattern(dash) connect(ascending) cmissing(n)) (line no_sleep_traj age, sort lcolor(dkorange) lpattern(solid)) (line yes_sleep_traj age, sort lcolor(dknavy) lpattern(solid)) , ytitle(a) xtitle(a) graphregion(fcolor(white)) legend(order(1 "a" 2 "a" 3 "a" 4 "a") size(medium) row(4))
