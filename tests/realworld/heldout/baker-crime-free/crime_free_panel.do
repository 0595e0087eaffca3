* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:bakeralexan/econometric_analysis_crime_free_multihousing_program_in_california@a1da72f1e812ec63bc459c92083e74039a58757d Crime_Free_Do_File.do (a capstone on California's Crime-Free Multi-Housing program: a county-by-year panel of property and violent crime rates, 1997-2018, with the program indicator, racial composition, housing types, poverty and income -- use with no space before the quoted path, log rates and housing shares by generate, 25 label variable lines, summarize/su ..., det, describe, kdensity, correlate, pwcorr ..., star(0.05) sig, graph twoway scatter ..., msize(small), pooled regress ..., r and county fixed-effects xtreg ..., fe after xtset FIPScounty Year, each followed by outreg (Gallup's SSC program) with ctitle() summtitle() se merge; four section titles written as bare lines, which Stata refuses with r(199), marked)
* author: Alex Baker (repository bakeralexan; paths in the file name a Pepperdine capstone)
* licence: none stated
* data: /Users/x/Capstone/AlexCapstonev1.dta = ca_crime_free_counties
use"/Users/x/Capstone/AlexCapstonev1.dta"

generate lnproperty = ln(PropertyRate)
generate lnviolent = ln(ViolentRate)
generate single = SingleFamily/TotHousing
generate multi = MultiFamily/TotHousing
generate mobile = MobileHomes/TotHousing

label variable PropertyRate "a"
label variable ViolentRate "a"
label variable lnproperty "a"
label variable lnviolent "a"
label variable Hispanic "a"
label variable AsianPI "a"
label variable White "a"
label variable Black "a"
label variable SingleFamily "a"
label variable MultiFamily "a"
label variable MobileHomes "a"
label variable FIPScounty "a"
label variable CrimeFree "a"
label variable AreaName "a"
label variable single "a"
label variable multi "a"
label variable mobile "a"
label variable TotHousing "a"
label variable PovEstAge017 "a"
label variable PovEstAge517 "a"
label variable PovEstAllAges "a"
label variable PovPerAge017 "a"
label variable PovPerAge517 "a"
label variable PovPerAllAges "a"
label variable MedianHouseholdIncome "a"

* mlm-expect: r(199)
Data Description
summarize Year FIPScounty CrimeFree PropertyRate ViolentRate AsianPI Black Hispanic White single multi mobile PovPerAge017 PovPerAge517 PovPerAllAges MedianHouseholdIncome
su Year FIPScounty CrimeFree PropertyRate ViolentRate AsianPI Black Hispanic White PovPerAge017 PovPerAge517 PovPerAllAges MedianHouseholdIncome, det
describe Year FIPScounty CrimeFree PropertyRate ViolentRate AsianPI Black Hispanic White PovPerAge017 PovPerAge517 PovPerAllAges MedianHouseholdIncome
kdensity PropertyRate
kdensity ViolentRate
kdensity lnviolent
kdensity lnproperty
correlate lnviolent lnproperty CrimeFree single multi mobile Year White Hispanic Black AsianPI  PovPerAge017 PovPerAge517 PovPerAllAges MedianHouseholdIncome
pwcorr lnviolent lnproperty CrimeFree, star(0.05) sig
pwcorr lnviolent lnproperty CrimeFree single multi mobile Year White Hispanic Black AsianPI  PovPerAge017 PovPerAge517 PovPerAllAges MedianHouseholdIncome, star(0.05) sig
graph twoway scatter lnviolent lnproperty, msize(small)
graph twoway scatter lnproperty Year, msize(small)
graph twoway scatter lnviolent  Year, msize(small)

* mlm-expect: r(199)
Property Crime
regress lnproperty CrimeFree, r
outreg, ctitle("a",OLS 1) summtitle("SER"\"R^2"\"Adjusted R^2"\"N") se
regress lnproperty CrimeFree Black White AsianPI Hispanic single multi MedianHouseholdIncome PovPerAge017 PovPerAllAges, r
outreg , ctitle("a",OLS 2) summtitle("SER"\"R^2"\"Adjusted R^2"\"N") se merge
xtset FIPScounty Year
xtreg lnproperty CrimeFree, fe
outreg , ctitle("a",FE 1) summtitle("SER"\"R^2"\"Adjusted R^2"\"N") se merge
xtreg lnproperty CrimeFree Black White AsianPI Hispanic single multi MedianHouseholdIncome PovPerAge017 PovPerAllAges, fe
outreg , ctitle("a",FE 2) summtitle("SER"\"R^2"\"Adjusted R^2"\"N") se merge

* mlm-expect: r(199)
Violent Crime
regress lnviolent CrimeFree, r
outreg, ctitle("a",OLS 1) summtitle("SER"\"R^2"\"Adjusted R^2"\"N") se
regress lnviolent CrimeFree Black White AsianPI Hispanic single multi MedianHouseholdIncome PovPerAge017 PovPerAllAges, r
outreg , ctitle("a",OLS 2) summtitle("SER"\"R^2"\"Adjusted R^2"\"N") se merge
xtset FIPScounty Year
xtreg lnviolent CrimeFree, fe
outreg , ctitle("a",FE 1) summtitle("SER"\"R^2"\"Adjusted R^2"\"N") se merge
xtreg lnviolent CrimeFree Black White AsianPI Hispanic single multi MedianHouseholdIncome PovPerAge017 PovPerAllAges, fe
outreg , ctitle("a",FE 2) summtitle("SER"\"R^2"\"Adjusted R^2"\"N") se merge

* mlm-expect: r(199)
Combined Crime
regress lnproperty CrimeFree Black White AsianPI Hispanic single multi MedianHouseholdIncome PovPerAge017 PovPerAllAges, r
outreg , ctitle("a",OLS P) summtitle("SER"\"R^2"\"Adjusted R^2"\"N") se
regress lnviolent CrimeFree Black White AsianPI Hispanic single multi MedianHouseholdIncome PovPerAge017 PovPerAllAges, r
outreg , ctitle("a",OLS V) summtitle("SER"\"R^2"\"Adjusted R^2"\"N") se merge
xtset FIPScounty Year
xtreg lnproperty CrimeFree Black White AsianPI Hispanic single multi MedianHouseholdIncome PovPerAge017 PovPerAllAges, fe
outreg , ctitle("a",FE P) summtitle("SER"\"R^2"\"Adjusted R^2"\"N") se merge
xtreg lnviolent CrimeFree Black White AsianPI Hispanic single multi MedianHouseholdIncome PovPerAge017 PovPerAllAges, fe
outreg , ctitle("a",FE V) summtitle("SER"\"R^2"\"Adjusted R^2"\"N") se merge
