* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:shauns11/Learning@5048ce4a479e8305548f0345a8df5c5d874d0380 Longitudinal/Continuous outcomes/Code/Stata/01. Mixed models.do (code-index file id 4182668508: learning notes on mixed models for continuous outcomes -- peak-flow data typed in and reshaped, mixed with an interaction and margins/marginsplot, xtreg mle against mixed, BLUPs and a caterpillar plot, MLMUS's birth-weight panel with lrtest, margins of an interaction, between and within effects by hand and with xthybrid, hybrid models, Hausman, standardized residuals, vce(robust), and the GCSE school data with random slopes, estat recovariance, lrtest, predictions, histograms and graph combine of saved graphs) (excerpt: from the start to the end of the GCSE section; the later sections on the wage panel, residual correlation structures and growth models left out)
* author: repository shauns11 (a UCL researcher's learning notes, per the paths in the file)
* licence: none stated
* data: pefr.dta = shared:stata/pefr.dta
* data: smoking.dta = smoking_mlmus
* data: gcse.dta = gcse_school
global progsinstall "xthybrid xtmixed_corr"
foreach y of global progsinstall {
ssc install "`y'"
}
adopath + "C:/project/ado files"
adopath + "C:/project/StataMP17/"
adopath + "C:/project/StataMP18/"
global projdir "C:/project/"
global data "${projdir}/data"
global outputs "${projdir}/outputs/Temp"
clear
input id	wp1	wp2	wm1	wm2
1	494	490	512	525
2	395	397	430	415
3	516	512	520	508
4	434	401	428	444
5	476	470	500	500
6	557	611	600	625
7	413	415	364	460
8	442	431	380	390
9	650	638	658	642
10	433	429	445	432
11	417	420	432	420
12	656	633	626	605
13	267	275	260	227
14	478	492	477	467
15	178	165	259	268
16	423	372	350	370
17	427	421	451	443
end
keep id wm*
reshape long wm, i(id) j(occasion)
rename occasion time
recode time (1=0) (2=1)
gen x =  runiformint(1,10)
mixed wm c.x c.time c.x#c.time || id: time, mle  stddeviations  nolog
margins, at(time=(0 1) x=(0 1 2 3 4 5 6))
marginsplot, noci
mixed wm c.x c.time  || id: time, mle  stddeviations  nolog
margins, at(time=(0 1) x=(0 1 2 3 4 5 6))
marginsplot, noci
mixed wm c.x c.time  || id:, mle  stddeviations  nolog
margins, at(time=(0 1) x=(0 1 2 3 4 5 6))
marginsplot, noci
global Git_projdir "https://github.com/shauns11/Learning/raw/refs/heads/main/Longitudinal/Continuous%20outcomes"
global Git_data "${Git_projdir}/Data/"
use "${Git_data}/pefr.dta", clear
keep id wm*
reshape long wm, i(id) j(occasion)
summ wm
xtset id occasion
xtreg wm, mle nolog
mixed wm || id:, mle  stddeviations  nolog
estat icc
predict yhat, xb
predict b*, reffects
predict b_SE*, reses
predict e, residuals
label var yhat "text"
label var b1 "text"
label var b_SE1 "text"
label var e "text"
local u0SD = 107.0464
local b0 = 453.9118
di `b0' - (1.96*`u0SD')
di `b0' + (1.96*`u0SD')
preserve
collapse (mean) u0 = b1 (mean) u0se = b_SE1,by(id)
sort u0
gen u0rank = _n
serrbar u0 u0se u0rank, scale(1.96) yline(0) xtitle("") ytitle("")
restore
summ wm
mixed wm || id:, mle  nolog
use "${Git_data}/smoking.dta", clear
generate educ=(hsgrad*1) + (somecoll*2) + (collgrad*3)
rename momid id
rename idx birth
sort id birth
egen first = tag(id)
xtset id birth
qui: xtsum birwt smoke black
tab1 black
tab1 black if first==1
by id: egen n_births = count(birwt)
tab n_births if first==1
qui: xtreg birwt smoke male, mle
mixed birwt smoke male || id:, mle
estat icc
qui: mixed birwt smoke male mage i.educ married black kessner2 kessner3 novisit pretri2 pretri3 || id:, mle
estimates store m1
qui: mixed birwt smoke male mage i.educ married black novisit pretri2 pretri3 || id:, mle
estimates store m2
lrtest m1 m2
qui: mixed birwt i.smoke male mage i.educ married black novisit pretri2 pretri3 || id:, mle
margins i.smoke#i.educ
qui: marginsplot, xdimension(educ)
mixed birwt i.smoke || id:, mle
xtreg birwt i.smoke, be
preserve
collapse (mean) birwt smoke,by(id)
regress birwt smoke
restore
xtreg birwt i.smoke, fe
by id: egen smokBP = mean(smoke)
gen smokWP = (smoke) - (smokBP)
xtreg birwt smokBP smokWP, mle
mixed birwt smokBP smokWP || id:, mle
lincom smokBP - smokWP
xthybrid birwt smoke, clusterid(id) family(gaussian) link(identity)
egen maleBP = mean(male), by(id)
egen mageBP = mean(mage), by(id)
egen kessner2BP = mean(kessner2), by(id)
egen kessner3BP = mean(kessner3), by(id)
egen novisitBP = mean(novisit), by(id)
egen pretri2BP = mean(pretri2), by(id)
egen pretri3BP = mean(pretri3), by(id)
xtreg birwt smoke smokBP male maleBP mage mageBP i.educ married black kessner2 kessner2BP kessner3 kessner3BP novisit novisitBP pretri2 pretri2BP pretri3 pretri3BP,mle
testparm smokBP maleBP mageBP kessner2BP kessner3BP novisitBP pretri2BP pretri3BP
xtreg birwt smoke male mage i.educ married black kessner2 kessner3 novisit pretri2 pretri3,fe
est store m1
xtreg birwt smoke male mage i.educ married black kessner2 kessner3 novisit pretri2 pretri3,re
est store m2
hausman m1 m2
mixed birwt smoke male mage i.educ married black kessner2 kessner3 novisit pretri2 pretri3 || id:, mle
predict a, reffects
predict resid1, rstandard
predict a_se, reses
generate diag_se = sqrt(exp(2*[lns1_1_1]_cons) - a_se^2)
generate resid2 = a/diag_se
histogram resid1, normal xtitle("text")
histogram resid2 if first==1, normal xtitle("text")
mixed birwt smoke male mage i.educ married black kessner2 kessner3 novisit pretri2 pretri3 || id:, vce(robust) mle
clear
local cons_var = 0.439
local slope_var = 0.021
local covar = 0.034
local x = 0
local x = 1.5
di `cons_var' + (2*`covar')*`x' + (`slope_var'*`x'^2)
use "${Git_data}/gcse.dta", clear
preserve
mixed gcse i.girl || school: girl, mle  covariance(unstructured)
local cons_var = 14.8531
local slope_var = 0.0853893
local covar = 1.126186
local male = 0
local female = 1
di `cons_var' + (2*`covar')*`male' + (`slope_var'*`male'^2)
di `cons_var' + (2*`covar')*`female' + (`slope_var'*`female'^2)
restore
preserve
mixed gcse i.girl || school:, mle
est store a
mixed gcse i.girl || school: girl, mle  covariance(unstructured)
est store b
restore
use "${Git_data}/gcse.dta", clear
egen first = tag(school)
mixed gcse lrt || school:, mle
estat icc
estimates store m1
mixed gcse lrt || school: lrt, covariance(unstructured) mle
estat icc
estimates store m2
estat recovariance, correlation
lrtest m1 m2
qui: mixed gcse lrt || school: lrt, covariance(unstructured) mle
local b0 = -0.115
local l2_cons = 3.007
di round(`b0' - (1.96*`l2_cons'),.01)
di round(`b0' + (1.96*`l2_cons'),.01)
qui: mixed gcse lrt || school: lrt, covariance(unstructured) mle
local b1 = 0.557
local l2_slope = 0.121
di round(`b1' - (1.96*`l2_slope'),.01)
di round(`b1' + (1.96*`l2_slope'),.01)
predict l2_slope l2_cons, reffects
predict yhat1, xb
predict yhat2, fitted
predict resid1, rstandard
histogram l2_cons if first==1,normal xtitle(text)
histogram l2_slope if first==1,normal xtitle(text)
histogram resid1,normal xtitle(text)
drop l2_cons l2_slope yhat1 yhat2
preserve
qui: mixed gcse lrt || school:, mle
predict yhat, fitted
sort school lrt
twoway (line yhat lrt,connect(ascending)),xtitle(lrt) ytitle(text)
graph save "${outputs}/Figure1.gph", replace
drop yhat
qui: mixed gcse lrt || school: lrt, covariance(unstructured) mle
predict yhat, fitted
sort school lrt
twoway (line yhat lrt,connect(ascending)),xtitle(lrt) ytitle(text)
graph save "${outputs}/Figure2.gph", replace
drop yhat
graph combine "${outputs}/Figure1.gph" "${outputs}/Figure2.gph", ycommon xcommon
restore
erase "${outputs}/Figure1.gph"
erase "${outputs}/Figure2.gph"
mixed gcse c.lrt i.schgend c.lrt#i.schgend || school: lrt, covariance(unstructured) mle
mixed gcse c.lrt || school: lrt, covariance(unstructured) mle difficult
