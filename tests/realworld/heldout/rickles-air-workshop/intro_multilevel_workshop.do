* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 9515899556 (a public GitHub .do file, a workshop introduction to multilevel modelling in Stata: clear all, cd to a network folder, log using text replace; High School and Beyond from UCLA's site (Singer's hsb12) with mixed ..., || school:, reml stddev and estat icc, random slope cov(un), est store / lrtest, cross-level products; a STAR class-size extract with mixed mtest trt, || schid: trt, reml cov(un), estat recovariance, correlation, predict reffects and reses, _b[] + u, preserve / duplicates drop schid, force / egen rank() / serrbar ..., scale(1.96) yline(); a three-level STAR extract with mixed || schid: || tchid:, mat list e(b), exp(_b[lns1_1_1:_cons])^2 displays and scalars, estat icc, random slope at the top level, predict reffects/reses relevel(schid); a three-level logit with melogit || schid: trt, cov(un), predict reffects reses(), probabilities and hist; the index does not name the repository; two commented-out "extra credit" blocks not transcribed)
* author: Jordan Rickles (file header), 2014
* licence: none stated
* data: http://www.ats.ucla.edu/stat/paperexamples/singer/hsb12 = hsb12_singer
* data: starexample2.dta = star_schools
* data: starexample3.dta = star_schools
* data: starexample4.dta = star_schools
clear all
cd "\\server\share\courses\multilevel"
log using "workshop_log.txt", text replace
use http://www.ats.ucla.edu/stat/paperexamples/singer/hsb12, clear
summarize
mixed mathach, || school:, reml stddev
estat icc
mixed mathach meanses, || school:, reml
estat icc
mixed mathach cses, || school: cses, reml cov(un)
estimates store ris
mixed mathach cses, || school:, reml cov(un)
estimates store ri
lrtest ris ri
mixed mathach cses meanses sector meansesBYcses sectorBYcses, || school: cses, reml cov(un)
estat icc
use "starexample2.dta", clear
summarize
mixed mtest, || schid:, reml
estat icc
mixed mtest trt, || schid:, reml
estimates store ri
gen trtXfem=trt*female
mixed mtest trt female trtXfem, || schid:, reml
mixed mtest trt, || schid: trt, reml cov(un)
estimates store ris
estat recovariance, correlation
lrtest ris ri
predict u1 u0, reffects
predict u1se u0se, reses
gen b1 = _b[trt] + u1
gen b0 = _b[_cons] + u0
summarize b1 u1 u1se b0 u0 u0se
preserve
duplicates drop schid, force
scatter b1 b0
restore
preserve
duplicates drop schid, force
egen rank1 = rank(b1)
serrbar b1 u1se rank1, scale(1.96) yline(6.8) yline(0)
restore
gen trtXurban = trt*urban
mixed mtest trt urban trtXurban, || schid: trt, reml cov(un)
use "starexample3.dta", clear
summarize
mixed mtest, || schid: || tchid:, reml
mat list e(b)
display exp(_b[lns1_1_1:_cons])^2
display exp(_b[lns2_1_1:_cons])^2
display exp(_b[lnsig_e:_cons])^2
scalar t3 = exp(_b[lns1_1_1:_cons])^2
scalar t2 = exp(_b[lns2_1_1:_cons])^2
scalar s = exp(_b[lnsig_e:_cons])^2
display t3/(t3+t2+s)
display t2/(t3+t2+s)
estat icc
mixed mtest trt, || schid: || tchid:, reml
estimates store ri3
estat icc
mixed mtest trt, || schid: trt, cov(un) || tchid:, reml
estimates store ris3
lrtest ris3 ri3
predict u1 u0, reffects relevel(schid)
predict u1se u0se, reses relevel(schid)
preserve
duplicates drop schid, force
egen rank1 = rank(u1)
serrbar u1 u1se rank1, scale(1.96) yline(0)
restore
gen trtXttrain=trt*ttrain
mixed mtest trt ttrain trtXttrain, || schid: || tchid:, reml
use "starexample4.dta", clear
summarize
tab hsgrad trt, missing col
melogit hsgrad, || schid:
melogit hsgrad trt, || schid:,
estimates store ri
melogit hsgrad trt, || schid: trt, cov(un)
estimates store ris
lrtest ris ri
predict u1 u0, reffects reses(u1se u0se)
preserve
duplicates drop schid, force
scatter u1 u0
restore
preserve
duplicates drop schid, force
egen rank1 = rank(u1)
serrbar u1 u1se rank1, scale(1.96) yline(0)
restore
gen b1 = _b[trt] + u1
gen b0 = _b[_cons] + u0
gen trtprob=exp(b0+b1)/(1+exp(b0+b1))
gen ctrprob=exp(b0)/(1+exp(b0))
gen trtdif=trtprob-ctrprob
preserve
duplicates drop schid, force
summarize b1 b0 trtprob ctrprob trtdif
hist trtdif
restore
preserve
duplicates drop schid, force
scatter trtdif ctrprob
restore
log close
