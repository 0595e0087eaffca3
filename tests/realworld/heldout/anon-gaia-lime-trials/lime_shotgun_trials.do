* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 21223746987 (a public GitHub .do file of an agronomy project, year 1 of on-farm "shotgun" lime trials in Ethiopia (GAIA): plots of five crops in kebeles within districts, zones and countries, yield (t/ha) against lime rate (t/ha) and soil properties (pH, organic carbon, clay, total N, Mehlich-3 nutrients): the csv imported, six string identifiers renamed and encoded in a foreach with order ..., before(), codebook, quadratic lime response c.lime_tha##c.lime_tha with district fixed effects for maize, margins, predict() at(lime=(0(1)7)) naming lime_tha by an abbreviation, marginsplot, predict and tw scatter; the index does not name the repository)
* author: unknown
* licence: none stated
* data: gaia-trials-year1.csv = gaia_trials_year1
set more off
cd "C:\folder\shotgun"
ls
import delimited "gaia-trials-year1.csv"
foreach v in country zone district kebele trial_type crop {
    rename `v' `v'name
    encode `v'name, gen(`v')
    order `v', before(`v'name)
}
save "gaia-trials-year1.dta", replace
codebook crop
reg yield_tha c.lime_tha##c.lime_tha i.district if crop==3
reg yield_tha c.lime_tha##c.lime_tha ph soc clay tn m3al m3b m3ca m3fe m3k m3s m3mg m3mn m3na i.district if crop==3
margins, predict() at(lime=(0(1)7))
marginsplot
cap drop yhat
predict yhat
tw scatter yhat lime
