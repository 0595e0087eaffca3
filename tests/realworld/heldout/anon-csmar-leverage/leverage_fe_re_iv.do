* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 5701494151 (a public GitHub .do file, an assignment of a 2014 course in advanced financial econometrics on Chinese listed firms' leverage: locals holding the outcome, regressors and controls with a wildcard, annual reports kept, duplicates counted with gsort, dates read with date() and year(), xtset on a daily date, firm age and size built, industries with fewer than ten firms dropped, winsor2 by industry and year, a latabstat LaTeX table, xi: regressions with industry and year dummies and est table, keep(), b se, fixed- and random-effects xtreg with i(), xtivreg fe/re with an instrument, hausman ..., sigmamore all inside sjlog, and three #delimit ; esttab tables to LaTeX with drop(_* *year) and coeflabels(); the index does not name the repository) (excerpt: the opening settings and the analysis section from use main.dta on; the data-building section -- Excel extracts imported, renamed, appended and merged one-to-one with the old merge syntax -- left out)
* author: unknown (a coursework repository, per the paths in the file)
* licence: none stated
* data: main.dta = csmar_leverage
clear all
set more off
cd "D:\GitHub\Coursework\Finance\course\Assignment II\WorkingData"
use main.dta, clear
local Y DARatio
local X CorpAge CorpAge2 Size ROE
local ControlVar LiquidityRatio HHI10 PBRatio SGAe CEO*
keep if Reptyp==4
capture drop dup
bysort Stkcd Accper: gen dup = _N
gsort -dup Stkcd Accper
bysort Stkcd Accper: keep if _n==1
gen year = year(date(Accper, "YMD"))
gen AccDate = date(Accper, "YMD")
xtset Stkcd AccDate
gen CorpAge = (date(Accper,"YMD")-date(Estbdt,"YMD"))/365
gen CorpAge2 = CorpAge^2
gen ListAge = (date(Accper,"YMD")-date(Listdt,"YMD"))/365
gen ListAge2 = ListAge^2
gen DARatio = Liability/Asset
gen Size = log(Asset)
gen lgMainBusiness = log(MainBusiness)
capture drop IndcdN
bysort Indcd year: gen IndcdN = _N
drop if IndcdN<10
capture drop IndcdN
drop if Asset<0
drop if Asset < Liability
winsor2 `Y' `X' `ControlVar' , replace by(Indcd year) cuts(1 99)
latabstat `Y' `X' `ControlVar', s(mean sd med min max ) cap(text) clabel(tab:latabstat1) columns(s) f(%9.2fc) hw(16) replace tf(..\TeX\SumofVar)
xi: reg `Y' `X' i.Indcd i.year
est table, keep(`X') b se
est store model11
xi: reg `Y' `X' `ControlVar' i.Indcd i.year
est store model12
xtreg `Y' `X' i.year, fe i(Stkcd)
est store model21
xtreg `Y' `X' `ControlVar' i.year, fe i(Stkcd)
est store model22
xtivreg `Y' CorpAge CorpAge2 Size (ROE=lgMainBusiness) `ControlVar' i.year, fe i(Stkcd)
est store model23
estimate store fe
xtreg `Y' `X' i.year, re
est store model31
xtreg `Y' `X' `ControlVar' i.year, re i(Stkcd)
est store model32
xtivreg `Y' CorpAge CorpAge2 Size (ROE=lgMainBusiness) `ControlVar' i.year, re i(Stkcd)
est store model33
estimate store re
sjlog using ..\TeX\HausmanTest, replace
hausman fe re, sigmamore all
sjlog close, replace nolog
#delimit ;
esttab model11 model12 model21 model22 model31 model32 using ..\TeX\regression.tex, drop(_* *year) replace
title("table one"\label{tab:regression})
mtitle("OLS" "OLS" "FE" "FE" "RE" "RE")
b(%6.4f) se(%6.4f) star(* 0.1 ** 0.05 *** 0.01) ar2 
coeflabels(mpg2 "mpg$?2$" _cons Constant);
#delimit cr
#delimit ;
esttab model21 model22 model23 using ..\TeX\regressionFE.tex, drop(_* *year) replace
title("table two"\label{tab:regressionFE})
mtitle("FE" "FE" "IV-FE")
b(%6.4f) se(%6.4f) star(* 0.1 ** 0.05 *** 0.01) ar2
coeflabels(mpg2 "mpg$?2$" _cons Constant);
#delimit cr
#delimit ;
esttab model31 model32 model33 using ..\TeX\regressionRE.tex, drop(_* *year) replace
title("table three"\label{tab:regressionRE})
mtitle("FE" "FE" "IV-FE")
b(%6.4f) se(%6.4f) star(* 0.1 ** 0.05 *** 0.01) ar2
coeflabels(mpg2 "mpg$?2$" _cons Constant);
#delimit cr
