* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 10669364466 (a public GitHub .do file of a study of momentary well-being in the American Time Use Survey's well-being module -- happiness, meaning, stress, tiredness and sadness rated for activity episodes of the diary day, nested in respondents -- by couples' work-family arrangement and sex: keep if on weights and complete ratings, episode numbers by bysort caseid (actline): gen _n, xtset caseid actnum, xtdescribe, weighted and unweighted tab ..., col, tabstat ..., by (wfa) with a space before the parenthesis, ttest ..., by(sex) in foreach and nested forvalues loops, globals of demographic and diary covariates, capture erase of earlier output, random-effects xtreg ..., i(caseid) robust re of each rating in three specifications with outreg2 ..., excel dec(2) alpha() addstat() of e(sigma_u), e(sigma_e) and e(rho), then margins i.wfa#i.sex, post from each stored model and esttab of the predicted means to .csv; a second, earlier version of the file is code-index file id 9899145543; the index does not name the repository)
* author: unknown (paths in the file: a Dropbox Repositories/ATUS_Wellbeing folder)
* licence: none stated
* data: wellbeing.dta = atus_wellbeing_episodes
clear
set more off
#delimit cr
cd "C:\Users\x\Dropbox\Repositories\ATUS_Wellbeing"
use wellbeing.dta
keep if awbwt>0 & awbwt!=.
keep if sphappy!=. & spmeaning!=. &  spstress!=. &  sptired!=. &  spsad!=.
bysort caseid (actline): gen actnum=_n
cd "C:\Users\x\Dropbox\Wellbeing\Stata Tables"
xtset caseid actnum
xtdescribe
tab wfa sex 					if actnum==1, col
tab wfa sex [aweight=wbwt] 		if actnum==1, col
tabstat sphappy spmeaning spstress sptired spsad if sex ==1, by (wfa)
tabstat sphappy spmeaning spstress sptired spsad if sex ==2, by (wfa)
foreach var in sphappy spmeaning spstress sptired spsad {
	ttest `var' if wfa!=., by(sex)
}
foreach var in sphappy spmeaning spstress sptired spsad {
	forvalues i = 1/7{
		ttest `var' if wfa==`i', by(sex)
}
}
tabstat sphappy spstress spmeaning sptired spsad if marr_cohab ==1, by (wfa)
tabstat sphappy spstress spmeaning sptired spsad if marr_cohab ==2, by (wfa)
global demo "marr_cohab age i.numkids kidu2 i.raceth collgrad inschool"
global diary "i.year weekend i.acttype i.tod duration i.location"
capture erase "wellbeing_rem_m1.txt"
capture erase "wellbeing_rem_m1.xml"
capture erase "wellbeing_rem_m2.txt"
capture erase "wellbeing_rem_m2.xml"
capture erase "wellbeing_rem_m3.txt"
capture erase "wellbeing_rem_m3.xml"
foreach var of varlist sphappy spmeaning spstress sptired spsad {
    xtreg `var' i.wfa i.sex , i(caseid) robust re
	outreg2 using "wellbeing_rem_m1", excel dec(2) alpha(0.001, 0.01, 0.05) addstat("sigma_u",e(sigma_u),"sigma_e",e(sigma_e),"rho",e(rho))
    xtreg `var' i.wfa##i.sex , i(caseid) robust re
	outreg2 using "wellbeing_rem_m2", excel dec(2) alpha(0.001, 0.01, 0.05) addstat("sigma_u",e(sigma_u),"sigma_e",e(sigma_e),"rho",e(rho))
    xtreg `var' i.wfa##i.sex $demo $diary, i(caseid) robust re
    estimates store `var'_m
    outreg2 using "wellbeing_rem_m3", excel dec(2) alpha(0.001, 0.01, 0.05) addstat("sigma_u",e(sigma_u),"sigma_e",e(sigma_e),"rho",e(rho))
}
foreach var in sphappy_m spmeaning_m spstress_m sptired_m spsad_m {
	estimates restore `var'
	margins i.wfa#i.sex, post
	est store pm_`var'
}
esttab pm_sphappy_m pm_spmeaning_m pm_spstress_m pm_sptired_m pm_spsad_m using "predictedmeans.csv", replace label mtitles not nostar noobs
