* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file ids 8581374890, 8317131125, 8366122718, 8715139850 and 7871954029, one after the other (five public GitHub .do files, the Stata practicals P7.1, P7.2, P7.4, P7.5 and P7.6 of module 7, "Multilevel Models for Binary Responses", of the Centre for Multilevel Modelling's LEMMA course: antenatal care of Bangladeshi women in communities -- xtmelogit random-intercept models with variance, predict reffects and reses ranked and drawn with serrbar, predicted log-odds by maternal age, a comparison with single-level logit and estimates replay ..., variance, fixed-part predicted probabilities with fixedonly, an expand-1000 simulation of population-averaged probabilities with rnormal() and collapse, random slopes on wealth with covariance(unstructured) mle intpoints(4), estat recov, corr, predict u1 u0, reffects, lrtest of nested random parts, contextual and cross-level effects with recode to bands and graph bar over() over() asyvars; the index does not name the repository; P7.3 is not in the index)
* author: George Leckie (file headers), Centre for Multilevel Modelling, University of Bristol, 2010
* licence: none stated
* data: 7.1.dta = lemma_antenatal
* data: 7.2.dta = lemma_antenatal_72
* data: 7.4.dta = lemma_antenatal
* data: 7.5.dta = lemma_antenatal
* data: 7.6.dta = lemma_antenatal
use "7.1.dta", clear
describe
xtmelogit antemed || comm:, variance
predict u0, reffects
predict u0se, reses
egen pickone = tag(comm)
sort u0
generate u0rank = sum(pickone)
serrbar u0 u0se u0rank if pickone==1, scale(1.96) yline(0) saving(P712a, replace)
xtmelogit antemed magec || comm:, variance
predict predprob
generate predlogit = logit(predprob)
drop pickone
egen pickone = tag(comm mage)
twoway connected predlogit mage if pickone==1, connect(ascending) ytitle(y axis) xtitle(x axis) saving(P713a, replace)
xtmelogit antemed magec magecsq || comm:, variance
drop predprob predlogit
predict predprob
generate predlogit = logit(predprob)
twoway connected predlogit mage if pickone==1, connect(ascending) ytitle(y axis) xtitle(x axis) saving(P713b, replace)
use "7.2.dta", clear
summarize wealth
generate wealthc = wealth - 3.008
xtmelogit antemed magec magecsq meduc2 meduc3 wealthc || comm:, variance
bysort comm: egen wealthmean = mean(wealth)
egen pickone = tag(comm)
histogram wealthmean if pickone==1, width(0.2) start(0) frequency saving(P721a, replace)
estimates store multilevel
logit antemed magec magecsq meduc2 meduc3 wealthc
estimates replay multilevel, variance
use "7.4.dta", clear
xtmelogit antemed magec magecsq meduc2 meduc3 wealthc || comm:, variance
replace magec = 0
replace magecsq = 0
predict medianpredprob, fixedonly
egen pickone = tag(wealth meduc)
sort wealth meduc
list wealth meduc medianpredprob if pickone==1, abbreviate(14) sepby(wealth)
generate medianpredlogit = logit(medianpredprob)
keep if pickone==1
keep wealth meduc medianpredprob medianpredlogit
list, abbreviate(15) sepby(wealth)
expand 1000
generate u = rnormal(0,sqrt(0.889))
generate meanpredprob = invlogit(medianpredlogit + u)
collapse (mean) meanpredprob, by(wealth meduc medianpredprob)
list wealth meduc medianpredprob meanpredprob, abbreviate(14) sepby(wealth)
use "7.5.dta", clear
xtmelogit antemed magec magecsq meduc2 meduc3 wealthc || comm: wealthc, covariance(unstructured) mle variance
estat recov, corr
predict u1 u0, reffects
egen pickone = tag(comm)
scatter u1 u0 if pickone==1, yline(0) xline(0) saving(P752a, replace)
preserve
replace magec = 0
replace magecsq = 0
replace meduc2 = 0
replace meduc3 = 0
predict predprob, fixedonly
generate predlogit = logit(predprob)
replace predlogit = predlogit + u0 + u1*wealthc
drop pickone
egen pickone = tag(comm wealthc)
line predlogit wealth if pickone==1, connect(ascending) saving(P752b, replace)
generate multiplewealth = pickone
bysort comm (wealth): replace multiplewealth = 0 if wealth[_N]==wealth[1]
line predlogit wealth if multiplewealth==1, connect(ascending) saving(P752c, replace)
restore
twoway function 0.865 + -0.232*x + 0.025*x^2, range(1 5) saving(P752d, replace)
xtmelogit antemed magec magecsq meduc2 meduc3 wealth2 wealth3 wealth4 wealth5 || comm:, variance intpoints(4)
estimates store model1
preserve
replace magec = 0
replace magecsq = 0
summarize meduc2
replace meduc2 = 0.307
summarize meduc3
replace meduc3 = 0.345
predict predprob, fixedonly
graph bar (mean) predprob, over(wealth) saving(P753a, replace)
restore
xtmelogit antemed magec magecsq meduc2 meduc3 wealth2 wealth3 wealth4 wealth5 || comm: wealth5, covariance(unstructured) mle variance intpoints(4)
estimates store model2
lrtest model1 model2
xtmelogit antemed magec magecsq meduc2 meduc3 wealth2 wealth3 wealth4 wealth5 || comm: wealth4 wealth5, covariance(unstructured) mle variance intpoints(4)
estimates store model3
lrtest model2 model3
use "7.6.dta", clear
xtmelogit antemed magec magecsq meduc2 meduc3 wealth2 wealth3 wealth4 wealth5 urban || comm: wealth4 wealth5, covariance(unstructured) mle variance intpoints(4)
tabulate wealth urban, row
bysort comm: egen wealth5mean = mean(wealth5)
xtmelogit antemed magec magecsq meduc2 meduc3 wealth2 wealth3 wealth4 wealth5 urban wealth5mean || comm: wealth4 wealth5, covariance(unstructured) mle variance intpoints(4)
generate wealth2Xwealth5mean = wealth2*wealth5mean
generate wealth3Xwealth5mean = wealth3*wealth5mean
generate wealth4Xwealth5mean = wealth4*wealth5mean
generate wealth5Xwealth5mean = wealth5*wealth5mean
xtmelogit antemed magec magecsq meduc2 meduc3 wealth2 wealth3 wealth4 wealth5 urban wealth5mean wealth2Xwealth5mean wealth3Xwealth5mean wealth4Xwealth5mean wealth5Xwealth5mean || comm: wealth4 wealth5, covariance(unstructured) mle variance intpoints(4)
replace magec = 0
replace magecsq = 0
summarize meduc2
replace meduc2 = 0.307
summarize meduc3
replace meduc3 = 0.345
summarize urban
replace urban = 0.314
recode wealth5mean (0/0.1 = 0) (0.1/0.3 = 0.2) (0.3/1.0 = 0.4)
recode wealth2Xwealth5mean wealth3Xwealth5mean wealth4Xwealth5mean wealth5Xwealth5mean (0/0.1 = 0) (0.1/0.3 = 0.2) (0.3/1.0 = 0.4)
predict predprob, fixedonly
graph bar (mean) predprob, over(wealth5mean) over(wealth) saving(P762a, replace)
graph bar (mean) predprob, over(wealth5mean) over(wealth) asyvars ytitle(y axis) b1title(x axis) legend(rows(1) subtitle(legend title)) saving(P762b, replace)
