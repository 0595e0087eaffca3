* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 43612292618 (a public GitHub .do file, a case study of multilevel survival models on an individual-patient meta-analysis of ovarian cancer trials: codebook, stset of progression-free survival, exponential and Weibull random-intercept mestreg fits compared with estimates stats, a random treatment effect with cov(unstr) and lrtest, mestreg replayed with nohr, notable and noheader, survival predictions conditional, conditional(fixedonly) and marginal, stcurve hazards and survivor functions at1() at2() fixedonly/marginal with outfile(), predict reffects reses() ranked and drawn as rcap/scatter caterpillars coloured by significance, predictnl with ci() of a two-year baseline survival from _b[_t:_cons] and _b[/:ln_p], the median hazard ratio with nlcom of _b[/:var(_cons[trialID])], a normal density over the BLUP histogram, and the stcurve files appended and drawn; the index does not name the repository)
* author: unknown (a tutorial case study, per the file)
* licence: none stated
* data: dataOvarian.dta = ovarian_ipd
capture log close
log using "case-study-log", replace text
use dataOvarian.dta, clear
codebook
describe
list if patientID <= 5
stset timeS, failure(statusS == 1)
mestreg trt || trialID:, dist(exp)
estimates store me_rint_exp
mestreg trt || trialID:, dist(wei)
estimates store me_rint_wei
estimates stats *
mestreg trt || trialID: trt, dist(wei) nohr cov(unstr)
estimates store me_rboth_wei
estimates stats me_rint_wei me_rboth_wei
lrtest me_rboth_wei me_rint_wei
estimates restore me_rint_wei
mestreg
mestreg, nohr
mestreg, notable
mestreg, noheader nohr
mestreg, noheader
preserve
replace _t = 2
predict S_cond, surv conditional
predict S_fixed, surv conditional(fixedonly)
predict S_marg, surv marginal
list patientID trialID trt S_* if patientID == 1 | patientID == 4 | patientID == 129 | patientID == 130
restore
stcurve, hazard at1(trt=0) at2(trt=1) fixedonly name("h_fixed", replace) outfile(h_fixed, replace) title("") legend(rows(1) position(12)) xsize(16in) ysize(10in) scale(1.2)
graph export "h-fixed.pdf", replace
stcurve, hazard at1(trt=0) at2(trt=1) marginal name("h_marginal", replace) outfile(h_marginal, replace) title("") legend(rows(1) position(12)) xsize(16in) ysize(10in) scale(1.2)
graph export "h-marginal.pdf", replace
stcurve, survival at1(trt=0) at2(trt=1) fixedonly name("S_fixed", replace) outfile(S_fixed, replace) title("") legend(rows(1) position(12)) xsize(16in) ysize(10in) scale(1.2)
graph export "S-fixed.pdf", replace
stcurve, survival at1(trt=0) at2(trt=1) marginal name("S_marginal", replace) outfile(S_marginal, replace) title("") legend(rows(1) position(12)) xsize(16in) ysize(10in) scale(1.2)
graph export "S-marginal.pdf", replace
predict b_trialID, reffects reses(se_b_trialID)
bysort trialID: gen plot_tag = _n == 1
egen trialID_rank = rank(b_trialID) if plot_tag == 1
gen b_trialID_lci = b_trialID - invnormal(1 - 0.05 / 2) * se_b_trialID
gen b_trialID_uci = b_trialID + invnormal(1 - 0.05 / 2) * se_b_trialID
gen col = 0
replace col = -1 if b_trialID_uci < 0
replace col = 1 if b_trialID_lci > 0
twoway (rcap b_trialID_lci b_trialID_uci trialID_rank if col == 0, color(black)) (rcap b_trialID_lci b_trialID_uci trialID_rank if col == 1, color(stred)) (rcap b_trialID_lci b_trialID_uci trialID_rank if col == -1, color(stgreen)) (scatter b_trialID trialID_rank if col == 0, color(black)) (scatter b_trialID trialID_rank if col == 1, color(stred)) (scatter b_trialID trialID_rank if col == -1, color(stgreen)) , legend(off) yline(0, lpattern(dash) lcolor(gray)) name("b_trialID_ranks", replace) xtitle("x axis") ytitle("y axis") xsize(16in) ysize(10in) scale(1.2)
graph export "rank-BLUPs.pdf", replace
predictnl eta = log(-log(1 - exp(-exp(_b[_t:_cons] + b_trialID) * (2^(exp(_b[/:ln_p])))))), ci(eta_lci eta_uci)
gen S_2Y_trialID = 1 - exp(-exp(eta))
gen S_2Y_trialID_lci = 1 - exp(-exp(eta_lci))
gen S_2Y_trialID_uci = 1 - exp(-exp(eta_uci))
local etaref = exp(-exp(_b[_t:_cons]) * (2^(exp(_b[/:ln_p]))))
twoway (rcap S_2Y_trialID_lci S_2Y_trialID_uci trialID_rank if col == 0, color(black)) (rcap S_2Y_trialID_lci S_2Y_trialID_uci trialID_rank if col == 1, color(stred)) (rcap S_2Y_trialID_lci S_2Y_trialID_uci trialID_rank if col == -1, color(stgreen)) (scatter S_2Y_trialID trialID_rank if col == 0, color(black)) (scatter S_2Y_trialID trialID_rank if col == 1, color(stred)) (scatter S_2Y_trialID trialID_rank if col == -1, color(stgreen)) , legend(off) yline(`etaref', lcolor(gray) lpattern(dash)) name("S_2Y_trialID_ranks", replace) xtitle("x axis") ytitle("y axis") xsize(16in) ysize(10in) scale(1.2)
graph export "rank-S-2Y.pdf", replace
matrix list e(b)
display _b[/:var(_cons[trialID])]
twoway (histogram b_trialID) (function y=normalden(x, sqrt(_b[/:var(_cons[trialID])])), range(-1 1)) , xtitle(x axis) ytitle(y axis) legend(order(1 "one" 2 "two") rows(1) position(12)) name("BLUPs_distribution", replace) xsize(16in) ysize(10in) scale(1.2)
graph export "BLUPs-distribution.pdf", replace
nlcom exp(sqrt(2 * _b[/:var(_cons[trialID])]) * invnormal(0.75))
mestreg ib1.trt || trialID:, dist(wei) cov(unstr)
estimates restore me_rint_wei
nlcom exp(sqrt(_b[/:var(_cons[trialID])]) * (invnormal(0.875) - invnormal(0.125)))
use h_fixed, clear
gen type = "fixedonly"
append using h_marginal
replace type = "marginal" if type == ""
twoway (line haz1 _t if type == "fixedonly", sort lcolor(stblue) lpattern(solid)) (line haz2 _t if type == "fixedonly", sort lcolor(stred) lpattern(solid)) (line haz1 _t if type == "marginal", sort lcolor(stblue) lpattern(dash)) (line haz2 _t if type == "marginal", sort lcolor(stred) lpattern(dash)) , legend(position(12) rows(1) order(1 "a" 2 "b" 3 "c" 4 "d")) xtitle("x axis") ytitle("y axis") xsize(16in) ysize(10in) scale(1.2)
graph export "h-comp.pdf", replace
gen hr = haz2 / haz1
twoway (line hr _t if type == "fixedonly", sort lcolor(stblue) lpattern(solid)) (line hr _t if type == "marginal", sort lcolor(stblue) lpattern(dash)) , legend(position(12) rows(1) order(1 "a" 2 "b")) xtitle("x axis") ytitle("y axis") xsize(16in) ysize(10in) scale(1.2)
graph export "hr-comp.pdf", replace
use S_fixed, clear
gen type = "fixedonly"
append using S_marginal
replace type = "marginal" if type == ""
twoway (line surv1 _t if type == "fixedonly", sort lcolor(stblue) lpattern(solid)) (line surv2 _t if type == "fixedonly", sort lcolor(stred) lpattern(solid)) (line surv1 _t if type == "marginal", sort lcolor(stblue) lpattern(dash)) (line surv2 _t if type == "marginal", sort lcolor(stred) lpattern(dash)) , legend(position(12) rows(1) order(1 "a" 2 "b" 3 "c" 4 "d")) xtitle("x axis") ytitle("y axis") xsize(16in) ysize(10in) scale(1.2)
graph export "S-comp.pdf", replace
log close
