* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:krb19-econ/Project_Life_Expectancy@1bfd0d1cd46c993ac41059086333027911dfb282 model_selection.do (code-index file id 22102964562: a student project on life expectancy in Asian countries, a country-year panel of World Bank indicators -- version 13.1, log using, xtset, then for each of four outcomes (life expectancy, male and female life expectancy, mortality) LSDV by regress with i.id_country, xtreg fe and re, xttest0, estimates store and hausman, and xtreg re vce(cluster) with the SSC xtoverid)
* author: repository krb19-econ
* licence: none stated
* data: C:\Users\x\Desktop\project\data_cleaned.dta = asia_life_expectancy
clear all
set more off 
version 13.1

log using "C:\Users\x\Desktop\project\model_selection.smcl", replace

use "C:\Users\x\Desktop\project\data_cleaned.dta", clear

xtset id_country year

foreach var in life_exp ma_life_exp fe_life_exp mortality_rate	{
regress `var' urban_pop unemployment gni10000 ghe_per i.id_country

xtreg `var' urban_pop gni10000 unemployment ghe_per  , fe

xtreg `var' urban_pop gni10000 unemployment ghe_per , re
xttest0 

xtreg `var' urban_pop gni10000 unemployment ghe_per , fe
estimates store fixed
xtreg `var' urban_pop gni10000 unemployment ghe_per , re
estimates store random
hausman fixed random

xtreg `var' urban_pop gni10000 unemployment ghe_per , re vce(cluster id_country)
xtoverid

}

log close
