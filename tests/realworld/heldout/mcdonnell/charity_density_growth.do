* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:SGSSSonline/modelling-trajectories-summer-school-2025@a7516ae756f291221c1817304d44c42e74c10f48 code/sgsss-modelling-trajectories-practical-1-2025-06-25.do (code-index file id 23726420495; practical 1 of a summer-school short course on modelling trajectories, 2025: growth-curve models of charity density in local authorities over six censuses)
* author: Diarmuid McDonnell (University of the West of Scotland; repository README)
* licence: GPL-3.0 (repository LICENSE)
* data: la-stats-1971-2021-analysis.dta = la_charity_density
use data\clean\la-stats-1971-2021-analysis.dta, clear
xtdes
tabstat charpop town qual nonbw cunum popest, s(n p50 mean sd min max)
tab1 region pph_cat
sort la_id year
tabstat charpop, by(year) s(n p50 min max p10 p90)
bys la_id: egen mncharpop = mean(charpop)
qui sum charpop
local mn = round(`r(mean)', .01)
di "`mn'"
scatter mncharpop la_id, yline(`mn') title("x") subtitle("x") ytitle("x") note("x", size(small)) msize(large) xtitle("x") xlab(, nolab)
graph export figures\fig1a-la-mean-density.png, replace width(4096)
sort la_id period
twoway connect charpop period, connect(ascending) msize(large) mcolor(%10) lcolor(%50) connect(l) title("x") subtitle("x") xtitle("x") xlab(0 "x" 1 "x" 2 "x" 3 "x" 4 "x" 5 "x")
graph export figures\fig1b-la-density-over-time.png, replace width(4096)
egen pickone = tag(la_id)
set seed 20230906
randomtag if pickone, count(50) gen(samp50)
sort la_id samp50
bys la_id: replace samp50 = samp50[6]
sort la_id period
twoway connect charpop period if samp50, connect(ascending) msize(large) mcolor(%50) lcolor(%70) connect(l) title("x") subtitle("x") xtitle("x") xlab(0 "x" 1 "x" 2 "x" 3 "x" 4 "x" 5 "x")
graph export figures\fig1b-la-density-over-time-sample50.png, replace width(4096)
twoway connect charpop period, connect(ascending)
foreach var in qual nonbw {
qui sum `var'
gen `var'_c = `var' - `r(mean)'
}
collect clear
mixed charpop || la_id:
display -2*e(ll)
scalar m1sigma2u = exp([lns1_1_1]_cons)^2
scalar m1sigma2e = exp(_b[lnsig_e:_cons])^2
est store m1
estat icc
estat ic
qui etable
mixed charpop period period2 || la_id: period, covariance(unstructured)
display %9.0f -2*e(ll)
scalar m2sigma2u = exp([lns1_1_2]_cons)^2
scalar m2sigma2e = exp(_b[lnsig_e:_cons])^2
display %9.2f (m1sigma2u - m2sigma2u)/m1sigma2u
display %9.2f (m1sigma2e - m2sigma2e)/m1sigma2e
estat recovariance, correlation format(%9.3f)
estat icc
estat ic
est store m2
lrtest m1 m2
qui etable, append
mixed charpop period period2 town town2 || la_id: period, covariance(unstructured)
display %9.0f -2*e(ll)
scalar m3sigma2u = exp([lns1_1_2]_cons)^2
scalar m3sigma2e = exp(_b[lnsig_e:_cons])^2
display %9.2f (m2sigma2u - m3sigma2u)/m2sigma2u
display %9.2f (m2sigma2e - m3sigma2e)/m2sigma2e
estat recovariance, correlation format(%9.3f)
estat icc
estat ic
est store m3
lrtest m2 m3
qui etable, append
mixed charpop period period2 town town2 qual_c nonbw_c || la_id: period, covariance(unstructured)
display %9.0f -2*e(ll)
scalar m4sigma2u = exp([lns1_1_2]_cons)^2
scalar m4sigma2e = exp(_b[lnsig_e:_cons])^2
display %9.2f (m3sigma2u - m4sigma2u)/m3sigma2u
display %9.2f (m3sigma2e - m4sigma2e)/m3sigma2e
estat recovariance, correlation format(%9.3f)
estat icc
estat ic
est store m4
lrtest m3 m4
qui etable, append
mixed charpop period period2 town town2 qual_c nonbw_c ib7.region ib1.pph_cat || la_id: period, covariance(unstructured)
display %9.0f -2*e(ll)
mixed, estmetric
scalar m5sigma2u = exp([lns1_1_2]_cons)^2
scalar m5sigma2e = exp(_b[lnsig_e:_cons])^2
display %9.2f (m4sigma2u - m5sigma2u)/m4sigma2u
display %9.2f (m4sigma2e - m5sigma2e)/m4sigma2e
estat recovariance, correlation format(%9.3f)
estat icc
estat ic
est store m5
lrtest m4 m5
qui etable, append
est restore m5
predict xb
predict xbu, fitted
bys period: egen mnxbu = mean(xbu)
predict u1 u0, reffects
predict u1se u0se, reses
predict res, residuals
predict res_std, rstandard
scatter charpop xbu
scatter charpop xb
twoway (scatter u1 u0) (lfit u1 u0)
corr u1 u0
hist u0, percent norm
hist res, percent norm
hist res_std, percent norm
scatter res_std la_id, yline(0) mlab(la_id)
scatter u0 la_id, yline(0) mlab(la_id)
scatter u1 la_id, yline(0) mlab(la_id)
qui sum u0
gen u0_std = u0 / `r(sd)'
hist u0_std, percent norm
scatter u0_std la_id, yline(0) mlab(la_id)
scatter res period
scatter res town
scatter res qual
scatter res nonbw
scatter res pph_cat
scatter u0 region
graph box u0, ascategory by(region)
graph box u1, ascategory by(region)
egen tag = tag(la_id)
egen u0rank = rank(u0) if tag==1
serrbar u0 u0se u0rank if tag==1, scale(1.96) yline(0) ytitle("x") title("x") xtitle("x")
egen u1rank = rank(u1) if tag==1
serrbar u1 u1se u1rank if tag==1, scale(1.96) yline(0) ytitle("x") title("x") xtitle("x")
sort la_id period
twoway (line xbu period, connect(ascending)) (line mnxbu period, connect(ascending) lwidth(thick)) , legend(pos(6) size(small) rows(1) label(1 "x") label(2 "x")) title("x") ytitle("x") xtitle("x") xlab(0 "x" 1 "x" 2 "x" 3 "x" 4 "x" 5 "x")
graph export figures\fig2-predicted-trajectories.png, replace width(4096)
drop mnxbu
bys period region: egen mnxbu = mean(xbu)
twoway (line mnxbu period, connect(ascending) by(region, noiy title("x") subtitle("x") note("")) xlab(0 "x" 1 "x" 2 "x" 3 "x" 4 "x" 5 "x")) , xtitle("x") ytitle("x")
graph export figures\fig3-predicted-trajectories-region.png, replace width(4096)
drop mnxbu
bys period pph_cat: egen mnxbu = mean(xbu)
twoway (line mnxbu period, connect(ascending) by(pph_cat, noiy title("x") subtitle("x") note("")) xlab(0 "x" 1 "x" 2 "x" 3 "x" 4 "x" 5 "x")) , xtitle("x") ytitle("x")
graph export figures\fig4-predicted-trajectories-pphcat.png, replace width(4096)
exit
