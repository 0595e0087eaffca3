* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:RedDoorAnalytics/stdmest-r@32035c0a111e5e9bd80ffd006cce8b98f9ce889c data-raw/data3Lsim.do (code-index file id 32226238322), then data-raw/data3CIA.do at commit a07f329dd0d0817e78783a53b53fcf89dd5d513f (code-index file id 32310070953), one after the other: the example data of an R package standardising survival from multilevel models -- stset, a three-level Weibull mestreg of patients in providers in hospitals, e(b)/e(V) written with putexcel set/putexcel A1 = matrix(), names, predict reffects reses() of two levels, compress and save; then an IPD meta-analysis of COPD cohorts: a Weibull and a log-logistic AFT mestreg with ib0. factors and nohr/time, the authors' own modexpt export program, tabulate ..., generate(), and Royston-Parmar stmixed fits (SSC) with df(3) and noorthog
* author: RedDoor Analytics (repository owner)
* licence: none stated in the files (the repository is an R package)
* data: data-raw/data3Lsim = stdmest_3lsim
* data: data-raw/data3CIA = stdmest_cia
cd "~/R-dev/project"
use "data-raw/data3Lsim", clear
stset t, failure(d)
mestreg c.X1 c.X2 i.X3 || hospital_id: || provider_id:, dist(weibull)
matrix eb = e(b)
putexcel set "data-raw/out-eb.xlsx", replace
putexcel A1 = matrix(eb), names
matrix eV = e(V)
putexcel set "data-raw/out-eV.xlsx", replace
putexcel A1 = matrix(eV)
predict b_h b_h_s, reffects reses(bse_h bse_h_s)
compress
save "data-raw/out-pp.dta", replace
cd "~/R-dev/project"
adopath ++ "~/Stata-dev/project/modexpt"
use "data-raw/data3CIA", clear
stset months, failure(status == 1)
mestreg c.age c.fev1pp ib0.mmrc || cohort: , dist(weibull) nohr
modexpt, filename("data-raw/out-weibull.xlsx") replace
predict b_wei, reffects reses(bse_wei)
mestreg c.age c.fev1pp ib0.mmrc || cohort: , dist(loglogistic) time
modexpt, filename("data-raw/out-logl.xlsx") replace
predict b_logl, reffects reses(bse_logl)
tabulate mmrc, generate(immrc)
stmixed age fev1pp immrc2 immrc3 immrc4 immrc5 || cohort: , dist(rp) df(3)
modexpt, filename("data-raw/out-rp3-orthog.xlsx") replace
predict b_rp3orthog, reffects
generate bse_rp3orthog = 0.0
drop _rcs*
stmixed age fev1pp immrc2 immrc3 immrc4 immrc5 || cohort: , dist(rp) df(3) noorthog
modexpt, filename("data-raw/out-rp3-noorthog.xlsx") replace
predict b_rp3noorthog, reffects
generate bse_rp3noorthog = 0.0
drop _rcs*
compress
save "data-raw/out-pp.dta", replace
