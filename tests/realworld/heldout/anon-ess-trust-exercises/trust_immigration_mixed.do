* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 15395977133 (a public GitHub .do file of a group's exercises with the cumulative European Social Survey: graph bar over(cntry, sort(1)) nofill, corr with [aweight=dweight], egen total(1) by() as a frequency weight for scatter [fw=], jitter(), a random subsample by recode of runiform(), numlabel, recode with ranges, egen anycount(..., values(8/10)) and rowmean(), tabstat [aw] by(), collapse and corr of country means, bysort: corr, mixed ... || ccode: if year==2008, var, estat icc, country-mean centring with bysort ccode: egen mean(), a mixed model without random effects, est store and lrtest against the hand computation with chi2(), and a local built in a loop of lfit plots; the file starts from the data in memory; the index does not name the repository)
* author: unknown (names two classmates in comments)
* licence: none stated
* preload: ess_trust_exercises
graph bar imbleco, over(cntry, sort(1)) nofill
corr imbleco stfgov [aweight=dweight]
egen freq = total(1), by( imbleco imueclt)
scatter imbleco imueclt [fw=freq]
twoway (scatter imbleco imueclt [fw=freq])(lfit imbleco imueclt)
twoway (scatter imbleco imueclt, jitter(15) msize(tiny))(lfit imbleco imueclt)
gen subsamp = runiform()
recode subsamp (0/0.05=1)(0.050000001/1=0)
twoway (scatter imbleco imueclt if subsamp==1, jitter(15) msize(tiny))(lfit imbleco imueclt)
tab eisced
numlabel eisced, add
tab eisced
gen educ = eisced
recode educ (0 55=.)
tab eduyrs
gen edyear = eduyrs
recode edyear (26/56=26)
recode agea (.a =.), gen(age)
graph box age
recode age (80/123=80)
egen nqual=anycount(qfimchr qfimcmt qfimedu qfimlng qfimwht qfimwsk), values(8/10)
egen qualc=rowmean(qfimchr qfimcmt qfimedu qfimlng qfimwht qfimwsk)
lab var nqual "x"
tabstat ppltrst nqual [aw=dweight], by(cntry) statistics(mean median sd min max)
gen immig_crime=imwbcrm
label values immig_crime imwbcrm
label var immig_crime "x"
corr ppltrst qualc edyear
preserve
collapse ppltrst qualc edyear, by(cntry)
corr ppltrst qualc edyear
restore
bysort cntry: corr ppltrst qualc edyear
mixed ppltrst || ccode: if year==2008, var
mixed qualc || cntry:, var
estat icc
mixed immig_crime || ccode:, var
estat icc
mixed immig_crime ppltrst || ccode:, var
estat icc
mixed immig_crime imbleco || ccode:, var
bysort ccode: egen imblecoM = mean(imbleco)
gen imblecoC = imbleco-imblecoM
mixed immig_crime imblecoC || ccode:, var
estat icc
mixed ppltrst if year==2008, var
mixed ppltrst || cntry: if year==2008, var
recode edyear (.a .b .c=.)
mixed ppltrst || cntry: if year==2008 & edyear!=., var
est store m1
mixed ppltrst edyear || cntry: if year==2008 & edyear!=., var
est store m2
display 90856.749 -89682.829
display 1-chi2(1,1173.92)
lrtest m1 m2
local plot
foreach i in 40 56 203 208 233 246 250 276 300 348 372 528 578 616 620 703 705 724 752 756 792 826 {
local plot `plot' (lfit ppltrst edyear if ccode==`i', lpattern(dash) legend(off))
}
graph twoway `plot' (lfit ppltrst edyear, lwidth(thick) lcolor(gs2))
bysort ccode: corr ppltrst edyear
