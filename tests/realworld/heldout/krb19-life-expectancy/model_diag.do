* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:krb19-econ/Project_Life_Expectancy@2822076ca76cd80443e282fb6da49663ab052367 model_diag.do (code-index file id 21901409219: the same project's diagnostics of its fixed-effects models -- for each of four outcomes xtreg fe, year effects with testparm i.year, the community tests xtserial, xtcsd pesaran, xtcdf and xttest3, predict e and xb with twoway scatter of residuals on fitted values, regress of squared residuals, LSDV regress with estat vif, pwcorr and estat vce, correlation)
* author: repository krb19-econ
* licence: none stated
* data: C:\Users\x\Desktop\project\data_cleaned.dta = asia_life_expectancy
clear all
set more off
version 13.1

log using "C:\Users\x\Desktop\project\model_diag.smcl", replace

use "C:\Users\x\Desktop\project\data_cleaned.dta", clear

xtset id_country year

foreach var in life_exp ma_life_exp fe_life_exp mortality_rate	{
xtreg `var' urban_pop gni10000 unemployment ghe_per , fe

xtreg `var' urban_pop gni10000 unemployment ghe_per i.year , fe 
testparm i.year

xtserial `var' urban_pop gni10000 unemployment ghe_per 

xtreg `var' urban_pop gni10000 unemployment ghe_per , fe
xtcsd, pesaran 

xtcdf urban_pop gni10000 unemployment ghe_per 

xtreg `var' urban_pop gni10000 unemployment ghe_per , fe
predict error_`var', e
predict fit_`var', xb
generate error_sq_`var' = error_`var'^2

twoway (scatter error_`var' fit_`var')

twoway (scatter error_sq_`var' fit_`var')

xttest3

regress error_sq_`var' urban_pop gni10000 unemployment ghe_per 

regress `var' urban_pop gni10000 unemployment ghe_per i.id_country
estat vif

pwcorr urban_pop gni10000 unemployment ghe_per 

xtreg `var' urban_pop gni10000 unemployment ghe_per , fe
estat vce, correlation

}

log close
