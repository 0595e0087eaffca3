* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 11953647286 (a public GitHub .do file of the Global Burden of Disease dengue incidence model: a boilerplate that sets maxvar, tests c(os) to pick the J: drive, set odbcmgr and adopath + of the institute's function library, tempfile names, log relative risks, mkspline ..., cubic knots(), a random-intercept negative binomial menbreg ... if ..., exp() intmethod(mvaghermite) || location_id: with predict reffects reses() nooffset, fixedonly fitted nooffset and stdp fixedonly nooffset, a metan pooling of the random effects read back from r(ES) r(seES), then 1000 draws made in a forvalues loop of quietly generate/replace with rnormal() and _continue dots; the index does not name the repository) (excerpt: from the start to the end of the draws; the age and sequela split after it, which calls the institute's fastcollapse, fastrowmean, fastpctile and save_results on its own age-pattern file, left out)
* author: Institute for Health Metrics and Evaluation GBD dengue modellers (paths in the file)
* licence: none stated
* data: modelingData.dta = gbd_dengue_model
clear all
set maxvar 10000
set more off
if c(os)=="Unix" {
local j = "/home/j"
set odbcmgr unixodbc
}
else {
local j = "J:"
}
adopath + `j'/WORK/10_gbd/00_library/functions
local outDir /ihme/scratch/users/strUser/dengue
tempfile dengue covariates pop deaths income
use `j'/WORK/04_epi/02_models/01_code/06_custom/dengue/data/modelingData.dta, clear
gen lnRr2010 = ln(rrMean2010)
gen lnRrMean = ln(rrMean)
gen lnMean = ln(meanM)
gen lnTrend = lnRr2010
replace lnTrend = lnRrMean if region_name=="Oceania"
mkspline scoreS = score, cubic knots(-2 0 3)
menbreg casesM scoreS* lnTrend if denguePr>0, exp(sampleM) intmethod(mvaghermite)  || location_id:
predict randomModel, reffects reses(randomModelSe) nooffset
predict fixed, fixedonly fitted nooffset
predict fixedSe, stdp fixedonly nooffset
gen efTemp = randomModel + ln(efTotal)
metan efTemp randomModelSe if modelled==0, nograph
generate random   = `r(ES)'
generate randomSe = `r(seES)'
forvalues i = 0/999 {
local fixedTemp  = rnormal(0,1)
local randomTemp = rnormal(0,1)
quietly {
generate draw_`i' = exp(rnormal(fixed, fixedSe) + rnormal(random, randomSe)) * ef_`i' * mean_pop
replace  draw_`i' = exp(rnormal(fixed, fixedSe) + rnormal(randomModel, randomModelSe)) * ef_`i' * mean_pop if inrange(randomModel, random, .) & !missing(mean)
replace  draw_`i' = 0 if denguePr==0
}
di "." _continue
}
