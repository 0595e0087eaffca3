* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:josherrickson/stata-mixed@861795ddca1c67acd7f7bc32453565942260734a 02-fitting-mixed-models.qmd and 03-random-slopes.qmd (the Stata chunks the pages run, in order; the chunks shown as "not run" or as generic syntax left out)
* author: Josh Errickson (repository josherrickson; workshop notes on mixed models in Stata)
* licence: none stated
* data: ICPSR_37105/DS0001/37105-0001-Data = tilda_w2
use ICPSR_37105/DS0001/37105-0001-Data
quietly do ICPSR_37105/DS0001/37105-0001-Supplemental_syntax
rename _all, lower
rename mhcasp19_total qol
histogram qol
histogram age
label list AGE
generate agebelow52 = age == 51
replace agebelow52 = . if missing(age)
generate ageabove82 = age == 81
replace ageabove82 = . if missing(age)
rename w2socialclass socialclass
tab socialclass
tab gd002
generate female = gd002 == 2
replace female = . if missing(gd002)
display _N
quietly levelsof household
display r(r)
regress qol age agebelow52 ageabove82 i.socialclass female
margins socialclass
margins socialclass, pwcompare(pv)
mixed qol age agebelow52 ageabove82 i.socialclass female
mixed qol age agebelow52 ageabove82 i.socialclass female || household:
margins socialclass
margins socialclass, pwcompare(pv)
predict fitted, xb
predict residuals, res
twoway scatter residuals fitted
twoway (scatter residuals fitted if female == 1 & socialclass == 1) (scatter residuals fitted if female == 0 & socialclass == 1) (scatter residuals fitted if female == 1 & socialclass == 2) (scatter residuals fitted if female == 0 & socialclass == 2) (scatter residuals fitted if female == 1 & socialclass == 3) (scatter residuals fitted if female == 0 & socialclass == 3) (scatter residuals fitted if female == 1 & socialclass == 4) (scatter residuals fitted if female == 0 & socialclass == 4) (scatter residuals fitted if female == 1 & socialclass == 5) (scatter residuals fitted if female == 0 & socialclass == 5) (scatter residuals fitted if female == 1 & socialclass == 6) (scatter residuals fitted if female == 0 & socialclass == 6), legend(off)
predict rintercept, reffects
predict rintse, reses
preserve
drop if missing(qol)
collapse (first) rintercept rintse (count) age, by(household)
sort rintercept
gen n = _n
gen lb = rintercept - 1.96*rintse
gen ub = rintercept + 1.96*rintse
gen significant = (lb > 0 & ub > 0) | (lb < 0 & ub < 0)
twoway (rcap ub lb n if significant) (scatter rintercept n if significant), legend(off) yline(0)
count if ub < 0 & lb < 0
restore
mixed qol age agebelow52 ageabove82 i.socialclass female || cluster: || household:
mixed qol age agebelow52 ageabove82 i.socialclass female || household: female
