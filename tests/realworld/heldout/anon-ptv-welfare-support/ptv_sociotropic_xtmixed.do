* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 37414685565 (a public GitHub .do file of a comparative study of party support in a stacked European Election Study file -- respondents' propensity to vote for each party, respondents in countries -- moderated by a country-level index of welfare-state support (sPSNS): the index made by gen/replace ... if cntry==#, four countries dropped, eststo: xtmixed ptv ... || cntry: || respid: || (a trailing ||) with the SSC program mlrsq and esttab, se aic bic r2 scalars() wide, predict b*, reffects, cross-level interactions c.sPSNS##c.(varlist) with cov(un) at both levels, predict rstandard and qnorm, seventeen margins, dydx() at() / margins, at() vsquish each followed by marginsplot, recast(line) recastci(rarea) ciopts(), pwcorr ..., sig, regress and estat vif, random slopes by country one at a time, predict fitted level(cntry), slopes from BLUPs plus _b[], list, table ..., contents(), scatter ..., by(cntry, total) and graph dot (mean) ..., over(cntry, sort()); the index does not name the repository)
* author: unknown
* licence: none stated
* preload: ees_ptv_stacked
gen sPSNS = 0.835 if cntry==18
replace sPSNS = 0.484 if cntry==1
replace sPSNS = 0.901 if cntry==2
replace sPSNS = 0.876 if cntry==3
replace sPSNS = 0.834 if cntry==5
replace sPSNS = 0.794 if cntry==23
replace sPSNS = 0.862 if cntry==8
replace sPSNS = 0.777 if cntry==4
replace sPSNS = 0.921 if cntry==6
replace sPSNS = 0.915 if cntry==15
replace sPSNS = 0.834 if cntry==9
replace sPSNS = 0.837 if cntry==10
replace sPSNS = 0.741 if cntry==12
replace sPSNS = 0.872 if cntry==17
replace sPSNS = 0.873 if cntry==19
replace sPSNS = 0.887 if cntry==20
replace sPSNS = 0.806 if cntry==22
replace sPSNS = 0.891 if cntry==21
replace sPSNS = 0.803 if cntry==7
replace sPSNS = 0.897 if cntry==24
replace sPSNS = 0.798 if cntry==25
replace sPSNS = 0.824 if cntry==26
replace sPSNS = 0.779 if cntry==14
replace sPSNS = 0.804 if cntry==28

drop if cntry== 16
drop if cntry== 14
drop if cntry== 11
drop if cntry== 13

eststo clear
eststo: xtmixed ptv || cntry: || respid: ||

mlrsq
esttab, se aic bic r2 scalars("cr2 R-squared (BLUPs)") b(3) wide label mtitles replace

eststo clear
eststo: xtmixed ptv  y_born  y_female y_married y_educ y_churchatt y_unemployed y_polint y_minority lrdist01 y_worker y_religiosity y_unionmemb y_faminc y_membgood  partysize_01 party_is_close || cntry: || respid: ||

predict b*, reffects

mlrsq
esttab, se aic bic r2 scalars("cr2 R-squared (BLUPs)") b(3) wide label mtitles replace

eststo: xtmixed ptv  y_born  y_female y_married y_educ y_churchatt y_unemployed y_polint y_faminc y_membgood  partysize_01 party_is_close y_religiosity c.sPSNS##c.(y_minority lrdist01 y_worker  y_unionmemb)  || cntry: , cov(un)|| respid: , cov(un)||

eststo: xtmixed ptv  y_born  y_female y_married y_educ y_churchatt y_unemployed y_polint y_faminc y_membgood  partysize_01 party_is_close c.sPSNS##c.(y_minority lrdist01 y_worker y_religiosity y_unionmemb)  || cntry: , cov(un)|| respid: , cov(un)||

predict rs2, rstandard
qnorm rs2

predict c*, reffects

margins, dydx (lrdist01) at (sPSNS= (0.5 (0.1) 0.9)) vsquish 
marginsplot, recast(line) recastci(rarea) ciopts(lpattern(dot))

margins, at (lrdist01= (0 (0.1) 1) sPSNS=(0.5 (0.1) 0.9)) vsquish
marginsplot, noci x(lrdist01) recast(line)

margins, at (lrdist01= (0(0.1)1) sPSNS=(0.5 0.9)) vsquish
marginsplot, x(lrdist01) recastci(rarea) recast(line)ciopts(lpattern(dot))

margins, dydx (y_minority) at (sPSNS= (0.5 (0.1) 0.9)) vsquish 
marginsplot, recast(line) recastci(rarea) ciopts(lpattern(dot))

margins, at (y_minority= (-3(1)5) sPSNS=(0.5 (0.1) 0.9)) vsquish
marginsplot, noci x(y_minority) recast(line)

margins, dydx (y_worker) at (sPSNS= (0.5 (0.1) 0.9)) vsquish 
marginsplot, recast(line) recastci(rarea) ciopts(lpattern(dot))

margins, at (y_worker= (-3(1)2) sPSNS=(0.5 (0.1) 0.9)) vsquish
marginsplot, noci x(y_worker) recast(line)

margins, dydx (y_unionmemb) at (sPSNS= (0.5 (0.1) 0.9)) vsquish 
marginsplot, recast(line) recastci(rarea) ciopts(lpattern(dot))

margins, at (y_unionmemb= (-2(1)1) sPSNS=(0.5 (0.1) 0.9)) vsquish
marginsplot, noci x(y_unionmemb) recast(line) 

margins, dydx (y_religiosity) at (sPSNS= (0.5 (0.1) 0.9)) vsquish 
marginsplot, recast(line) recastci(rarea) ciopts(lpattern(dot))

margins, at (y_religiosity= (-2(1)3) sPSNS=(0.5 (0.1) 0.9)) vsquish
marginsplot, noci x(y_religiosity) recast(line)

margins, at (y_faminc= (-4(1)3) sPSNS=(0.5  0.9)) vsquish
marginsplot, x(y_faminc) recastci(rarea) recast(line)ciopts(lpattern(dot))

margins, dydx (y_faminc) at (sPSNS= (0.484 0.741 0.803 0.862 0.921)) vsquish 
marginsplot, recast(line) recastci(rarea) ciopts(lpattern(dot))

margins, at (y_membgood= (-3(1)3) sPSNS=(0.5  0.9)) vsquish
marginsplot, x(y_membgood) recastci(rarea) recast(line)ciopts(lpattern(dot))

margins, dydx (y_membgood) at (sPSNS= (0.484 0.741 0.803 0.862 0.921)) vsquish 
marginsplot, recast(line) recastci(rarea) ciopts(lpattern(dot))

margins, at (partysize_01= (0.4(0.1)1) sPSNS=(0.5  0.9)) vsquish
marginsplot, x(partysize_01) recastci(rarea) recast(line)ciopts(lpattern(dot))

margins, dydx (partysize_01) at (sPSNS= (0.484 0.741 0.803 0.862 0.921)) vsquish 
marginsplot, recast(line) recastci(rarea) ciopts(lpattern(dot))

margins, dydx (party_is_close) at (sPSNS= (0.5 (0.1) 0.9)) vsquish 
marginsplot, recast(line) recastci(rarea) ciopts(lpattern(dot)) 

margins party_is_close,  at (sPSNS=(0.5 (0.1) 0.9)) vsquish
marginsplot, recast(line) recastci(rarea) ciopts(lpattern(dot))

esttab , se aic bic r2 scalars("cr2 R-squared (BLUPs)") b(3) wide label mtitles replace

pwcorr y_female y_born y_educ y_unionmemb y_churchatt y_polint y_minority y_married y_unemployed y_worker y_religiosity y_faminc y_membgood, sig

reg ptv  y_born  y_female y_married y_educ y_churchatt y_unemployed y_polint y_faminc y_membgood  partysize_01 party_is_close y_minority lrdist01 y_worker y_religiosity y_unionmemb
estat vif

set more off
eststo: xtmixed ptv  y_born  y_female y_married y_educ y_churchatt y_unemployed y_polint y_faminc y_membgood y_minority y_religiosity y_worker y_unionmemb partysize_01 party_is_close c.sPSNS##c.lrdist01  || cntry: lrdist01, cov(un) || respid: , cov(un)||

eststo: xtmixed ptv  y_born  y_female y_married y_educ y_churchatt y_unemployed y_polint y_faminc y_membgood y_minority y_religiosity lrdist01 y_unionmemb partysize_01 party_is_close c.sPSNS##c.y_worker  || cntry: y_worker, cov(un) || respid: , cov(un)||

eststo: xtmixed ptv  y_born  y_female y_married y_educ y_churchatt y_unemployed y_polint y_faminc y_membgood y_minority y_religiosity lrdist01 y_worker partysize_01 party_is_close c.sPSNS##c.y_unionmemb  || cntry: y_unionmemb, cov(un) || respid: , cov(un)||

eststo: xtmixed ptv  y_born  y_female y_married y_educ y_churchatt y_unemployed y_polint y_faminc y_membgood y_religiosity  lrdist01 y_worker y_unionmemb partysize_01 party_is_close c.sPSNS##c.y_minority  || cntry: y_minority, cov(un) || respid: , cov(un)||

eststo: xtmixed ptv  y_born  y_female y_married y_educ y_churchatt y_unemployed y_polint y_faminc y_membgood y_minority lrdist01 y_worker y_unionmemb  partysize_01 party_is_close c.sPSNS##c.y_religiosity  || cntry: y_religiosity, cov(un) || respid: , cov(un)||

esttab , se aic bic r2 scalars("cr2 R-squared (BLUPs)") b(3) wide label mtitles replace

margins, dydx (lrdist01) at (sPSNS= (0.5 (0.1) 0.9)) vsquish 
marginsplot, recast(line) recastci(rarea) ciopts(lpattern(dot))

margins, dydx (y_worker) at (sPSNS= (0.5 (0.1) 0.9)) vsquish 
marginsplot, recast(line) recastci(rarea) ciopts(lpattern(dot))

margins, dydx (y_unionmemb) at (sPSNS= (0.5 (0.1) 0.9)) vsquish 
marginsplot, recast(line) recastci(rarea) ciopts(lpattern(dot))

margins, dydx (y_minority) at (sPSNS= (0.5 (0.1) 0.9)) vsquish 
marginsplot, recast(line) recastci(rarea) ciopts(lpattern(dot))

margins, dydx (y_religiosity) at (sPSNS= (0.5 (0.1) 0.9)) vsquish 
marginsplot, recast(line) recastci(rarea) ciopts(lpattern(dot))

eststo: xtmixed ptv y_born  y_female y_married y_educ y_churchatt y_unemployed y_polint y_faminc y_membgood y_minority y_religiosity lrdist01 y_unionmemb partysize_01 party_is_close sPSNS y_worker  || cntry: y_unionmemb, cov(un) || respid: , cov(un)||

predict fitptv, fitted level(cntry)
* mlm-expect: r(111)
twoway connected fitptv y_unionmember if cntry<=23, connect(L)

* mlm-expect: r(110)
predict b*, reffects 
generate slopes = b1 + _b[y_unionmemb] 
generate intercepts = b2 + _b[_cons] 
list cntry slopes
table cntry, contents (mean slopes)
scatter slopes sPSNS, by(cntry, total)
scatter intercepts sPSNS, by(cntry, total)
scatter slopes sPSNS, by(cntry, total style(compact)) 
mean slopes
mean sPSNS
scatter slopes sPSNS, yline(0.6) xline(0.8) by(cntry, total) ytitle(a)
graph dot (mean) slopes, over(cntry, gap(cntry) sort(slopes)) cw linetype(line) ytitle (a)
scatter slopes sPSNS, yline(0.6) xline(0.8) ytitle(a)
scatter slopes sPSNS, yline(0.6) xline(0.8) mlabel(cntry) ytitle(a)

eststo: xtmixed ptv y_born  y_female y_married y_educ y_churchatt y_unemployed y_polint y_faminc y_membgood y_minority y_religiosity lrdist01 y_unionmemb partysize_01 party_is_close sPSNS y_worker  || cntry: y_worker, cov(un) || respid: , cov(un)||

* mlm-expect: r(110)
predict c*, reffects 
generate worker_slopes = c1 + _b[y_worker] 
mean worker_slopes
scatter worker_slopes sPSNS, yline(0.5) xline(0.8) by(cntry, total)
graph dot (mean) worker_slopes, over(cntry, gap(cntry) sort(worker_slopes)) cw linetype(line) ytitle (a)
scatter worker_slopes sPSNS, yline(0.5) xline(0.8) mlabel(cntry)
