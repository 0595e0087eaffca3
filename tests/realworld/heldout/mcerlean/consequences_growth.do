* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 8900492371 (a public GitHub .do file of a breadwinner project, two-wave growth models; the index does not name the repository) (excerpt: up to the first topcoded model of the second section)
* author: Kim McErlean (file header)
* licence: none stated
* data: $tempdir/bw_consequences_long.dta = bw_consequences
di "$S_DATE"
use "$tempdir/bw_consequences_long.dta", clear
gen percentile_chg_real = percentile_chg
replace percentile_chg_real = . if time==1
spagplot percentile_ time, id(id) nofit
spagplot percentile_ time if id>100 & id <200, id(id) nofit
gen time2 = time-1
sum percentile_chg
mixed percentile_ || id: , mle var
estimates store m0a
mixed percentile_ time2 || id: time2, cov(un) mle var
mixed percentile_ time2 || id: time2, mle var
estimates store m0
mixed percentile_ time2 i.educ_gp || id: time2, mle var
mixed percentile_ time2 i.race_gp || id: time2, mle var
mixed percentile_ time2 i.pathway || id: time2, mle var
mixed percentile_ i.time2##i.educ_gp|| id: time2, mle var
estimates store m1
mixed percentile_ i.time2##i.race_gp|| id: time2, mle var
estimates store m2
mixed percentile_ i.time2##ib3.pathway|| id: time2, mle var
estimates store m3
lrtest m1 m2
lrtest m1 m3
lrtest m2 m3
lrtest m0 m1
lrtest m0 m2
lrtest m0 m3
estimates stats m0 m1 m2 m3
mixed thearn_ i.time2##i.educ_gp|| id: time2, mle var
mixed thearn_ i.time2##i.race_gp|| id: time2, mle var
mixed thearn_ i.time2##ib3.pathway|| id: time2, mle var
mixed percentile_ i.time2 i.educ_gp i.race_gp ib3.pathway i.time2#i.educ_gp i.time2#i.race_gp i.time2#ib3.pathway || id: time2, mle var
mixed percentile_ i.time2 i.educ_gp ib3.pathway i.time2##i.educ_gp##ib3.pathway || id: time2, mle var
estimates store m4
outreg2 using "$results/multilevel_interactions.xls", sideway stats(coef) label ctitle(Educ) dec(2) alpha(0.001, 0.01, 0.05, 0.10) symbol(***, **, *, +) replace
lrtest m1 m4
lrtest m3 m4
estimates stats m1 m3 m4
mixed percentile_ i.time2 i.race_gp ib3.pathway i.time2##i.race_gp##ib3.pathway || id: time2, mle var
estimates store m5
outreg2 using "$results/multilevel_interactions.xls", sideway stats(coef) label ctitle(Race) dec(2) alpha(0.001, 0.01, 0.05, 0.10) symbol(***, **, *, +) append
lrtest m2 m5
lrtest m3 m5
estimates stats m2 m3 m5
estimates stats m1 m2 m3 m4 m5
mixed percentile_ i.time2##ib3.pathway if educ_gp==1 || id: time2, mle var
mixed percentile_ i.time2##ib3.pathway if educ_gp==2 || id: time2, mle var
mixed percentile_ i.time2##ib3.pathway if educ_gp==3 || id: time2, mle var
mixed percentile_ i.time2##ib3.pathway if race_gp==1 || id: time2, mle var
mixed percentile_ i.time2##ib3.pathway if race_gp==2 || id: time2, mle var
mixed percentile_ i.time2##ib3.pathway if race_gp==3 || id: time2, mle var
mixed percentile_ i.time2 i.educ_gp ib3.pathway i.time2#i.educ_gp i.time2#ib3.pathway || id: time2, mle var
estimates store m6
outreg2 using "$results/multilevel_interactions.xls", sideway stats(coef) label ctitle(Educ_Path) dec(2) alpha(0.001, 0.01, 0.05, 0.10) symbol(***, **, *, +) append
mixed percentile_ i.time2 i.race_gp ib3.pathway i.time2#i.race_gp i.time2#ib3.pathway || id: time2, mle var
estimates store m7
outreg2 using "$results/multilevel_interactions.xls", sideway stats(coef) label ctitle(Race_Path) dec(2) alpha(0.001, 0.01, 0.05, 0.10) symbol(***, **, *, +) append
estimates stats m1 m2 m6 m7
mixed thearn_ i.time2##ib2.rel_status_detail || id: time2, mle var
mixed thearn_ i.time2 i.educ_gp i.race_gp ib2.rel_status_detail i.time2#i.educ_gp i.time2#i.race_gp i.time2#ib2.rel_status_detail || id: time2, mle var
sum thearn_, detail
gen thearn_topcode=thearn_
replace thearn_topcode = `r(p99)' if thearn_>`r(p99)'
sum thearn_topcode, detail
mixed thearn_topcode i.time2##ib2.rel_status_detail || id: time2, mle var
