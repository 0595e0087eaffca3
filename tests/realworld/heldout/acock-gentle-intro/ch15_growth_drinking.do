* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 58670785462 (a public GitHub .do file of chapter 15 (multilevel and longitudinal models) of A. C. Acock's A Gentle Introduction to Stata: a figure typed in with input and three twoway connected overlays joined by || with name() and graph combine, then the NLSY97 drinking panel: clonevar of six yearly measures to wave-numbered names, drop, reshape long, twoway connected ... connect(L), random-intercept linear and quadratic growth with mixed ... || id:, estimates store, margins, at(wave=(0(2)10)) and marginsplot, lrtest, time as categorical i.wave, random coefficients cov(unstructured), predict fitted with a twoway overlay of lfit and thirteen persons' lines, gender as a time-invariant covariate and its interaction with c.wave and c.wave##c.wave, margins male, at(wave=(0(2)8)); the index does not name the repository)
* author: Alan C. Acock (the book's do-file, per its figure numbers)
* licence: none stated
* data: longitudinal_mixed.dta = acock_longitudinal_mixed
set scheme s2mono
clear
input y x1 x2 x3 x4 x5
0  2  0  4  0  2
2  3  1  5  0  4
4  4  2  6  0  6
6  5  3  7  0  8
8  6  4  8  0  10
10 7  5  9  0  12
end
twoway connected x1 y, msymbol(circle) mcolor(black) xtitle(Text) ytitle(Text) title(Text) name(A, replace) legend(off)
twoway connected x1 y, msymbol(circle) mcolor(black) || connected x2 y, msymbol(circle) mcolor(black) || connected x3 y, msymbol(circle) mcolor(black) xtitle(Text) ytitle(Text) title(Text) name(B, replace) legend(off)
twoway connected x3 y, msymbol(circle) mcolor(black) || connected x4 y, msymbol(circle) mcolor(black) || connected x5 y, msymbol(circle) mcolor(black) xtitle(Text) ytitle(Text) title(Text) name(C, replace) legend(off)
graph combine A B C
use "longitudinal_mixed.dta", clear
clonevar drink0 = drink98
clonevar drink2 = drink00
clonevar drink4 = drink02
clonevar drink6 = drink04
clonevar drink8 = drink06
clonevar drink10 = drink08
drop drink98 drink00 drink02 drink04 drink06 drink08
reshape long drink, i(id) j(wave)
twoway connected drink wave if id < 100, connect(L)
mixed drink c.wave || id:
estimates store linear
margins, at(wave=(0(2)10))
marginsplot
mixed drink c.wave##c.wave || id:
estimates store quadratic
margins, at(wave=(0(2)10))
marginsplot
lrtest linear quadratic
mixed drink i.wave || id:
estimates store means
margins, at(wave=(0(2)10))
marginsplot
lrtest linear means
lrtest quadratic means
mixed drink c.wave || id: wave, cov(unstructured)
predict yhat_drink, fitted
twoway (lfit yhat_drink wave, lwidth(thick)) (line yhat_drink wave if id == 13) (line yhat_drink wave if id == 61) (line yhat_drink wave if id == 77) (line yhat_drink wave if id == 82) (line yhat_drink wave if id == 54) (line yhat_drink wave if id == 125) (line yhat_drink wave if id == 134) (line yhat_drink wave if id == 138) (line yhat_drink wave if id == 334) (line yhat_drink wave if id == 364) (line yhat_drink wave if id == 559) (line yhat_drink wave if id == 715) (line yhat_drink wave if id == 938), legend(off)
mixed drink c.wave i.male || id: wave
margins male, at(wave=(0(2)8))
marginsplot
mixed drink c.wave##i.male || id: wave
margins male, at(wave=(0(2)8))
marginsplot
mixed drink c.wave##c.wave##i.male || id: wave
margins male, at(wave=(0(2)8))
marginsplot
