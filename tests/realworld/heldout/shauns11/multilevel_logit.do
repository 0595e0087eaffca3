* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:shauns11/Learning@00451efa1d36cbf8db644ce6e58ffde256bf5de1 Longitudinal/Binary outcomes/Code/Stata/01. Multilevel logit.do (code-index file id 3594515097: learning notes on multilevel logistic regression -- Bangladesh contraception with a district-level urban indicator drawn at random, empty and random-slope melogit, caterpillar plots of the BLUPs with serrbar, estat ic, histograms of the random effects, a calibration table by deciles of predicted probability)
* author: repository shauns11 (a UCL researcher's learning notes, per the paths in the file)
* licence: none stated
* data: Bangladesh.dta = shared:glmm/bangladesh.dta
global projdir "C:/project/"
global data "${projdir}/data"
global outputs "${projdir}/outputs/Temp"
global Git_projdir "https://github.com/shauns11/Learning/raw/refs/heads/main/Longitudinal/Binary%20outcomes"
global Git_data "${Git_projdir}/Data/"
use "${Git_data}/Bangladesh.dta", clear
drop urban
gen double u = .
bysort district (district): replace u = runiform() if _n == 1
bysort district (district): replace u = u[1]
gen urban = u < 0.5
tab1 urban
tab1 c_use
tab1 urban
preserve
collapse (mean) rate = c_use (mean) urban = urban, by(district)
graph box rate, over(urban) ytitle("text") b1title("text")
table urban, statistic(mean rate) nototals
restore
melogit c_use || district:, intmethod(laplace)
predict u0, reffects reses(u0se)
preserve
collapse (mean) u0 = u0 (mean) u0se = u0se, by(district)
sort u0
gen u0rank = _n
serrbar u0 u0se u0rank, scale(1.96) yline(0) xtitle("text") ytitle("text")
restore
summarize age
melogit c_use age urban || district: , or
melogit c_use age urban || district: age, or cov(unstructured)
predict r_slope r_int, reffects reses(slope_se int_se)
preserve
collapse (mean) r_int = r_int (mean) int_se = int_se (mean) r_slope = r_slope (mean) slope_se = slope_se, by(district)
sort r_int
gen intrank = _n
serrbar r_int int_se intrank, scale(1.96) yline(0) xtitle("text") ytitle("text")
sort r_slope
gen sloperank = _n
serrbar r_slope slope_se sloperank, scale(1.96) yline(0) xtitle("text") ytitle("text")
restore
melogit c_use age urban || district: , or
estat ic
melogit c_use age urban || district: age, or cov(unstructured)
estat ic
preserve
collapse (mean) r_slope = r_slope (mean) r_int = r_int, by(district)
hist r_int, normal frequency xtitle("text")
hist r_slope, normal frequency xtitle("text")
restore
melogit c_use age urban || district: age, or cov(unstructured)
predict yhat, fitted
gen pred_prob = exp(yhat) / (1 + exp(yhat))
egen prob_dec = cut(pred_prob), group(10) label
lab var prob_dec "text"
table (prob_dec), statistic(frequency) statistic(mean pred_prob c_use) nototals
preserve
collapse (mean) observed = c_use (mean) predicted = pred_prob, by(prob_dec)
graph twoway (scatter observed predicted) (function y = x), xtitle("text") ytitle("text") legend(off)
restore
display ("text")
