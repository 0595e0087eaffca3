* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 20854490489 (a public GitHub .do file, "linear models checks" of a panel-econometrics package cross-checked against Stata on Munnell's productivity data: FE, BE and RE with e(b), _se[] and ereturn list, xttest0, hausman, a Mundlak test with by-group means, a Wooldridge-type serial-correlation regression on L.res, xttest1, Pesaran's xtcsd, and the robust versions; the index does not name the repository; code-index id 20499520429 is a shorter earlier version)
* author: unknown
* licence: none stated
* data: productivity = shared:stata/productivity.dta
clear all
set more off
webuse productivity
gen lpcap = log(public)
xtset state year
xtreg gsp lpcap private emp unemp, fe
estimates store fixed
matrix list e(b)
disp _se[lpcap]  _se[private] _se[emp] _se[unemp] _se[_cons]
ereturn list
xtreg gsp lpcap private emp unemp, be
matrix list e(b)
disp _se[lpcap]  _se[private] _se[emp] _se[unemp] _se[_cons]
ereturn list
xtreg gsp lpcap private emp unemp, re
estimates store random
matrix list e(b)
disp _se[lpcap]  _se[private] _se[emp] _se[unemp] _se[_cons]
ereturn list
xttest0
return list
hausman fixed random
return list
sort state
by state: egen mlpcap = mean(lpcap)
by state: egen mprivate = mean(private)
by state: egen memp = mean(emp)
by state: egen munemp = mean(unemp)
xtreg gsp lpcap private emp unemp mlpcap mprivate memp munemp, re
test mlpcap mprivate memp munemp
return list
xtreg gsp lpcap private emp unemp, fe
predict res, e
sort state year
reg res l.res, cluster(state)
test l.res = -0.062500
return list
xtreg gsp lpcap private emp unemp, re
xttest1, unadjust
return list
xtreg gsp lpcap private emp unemp, fe
xtcsd, pesaran
return list
xtreg gsp lpcap private emp unemp, re
xtcsd, pesaran
return list
xtreg gsp lpcap private emp unemp, fe robust
matrix list e(b)
disp _se[lpcap]  _se[private] _se[emp] _se[unemp] _se[_cons]
ereturn list
xtreg gsp lpcap private emp unemp, re robust
matrix list e(b)
disp _se[lpcap]  _se[private] _se[emp] _se[unemp] _se[_cons]
ereturn list
xtreg gsp lpcap private emp unemp mlpcap mprivate memp munemp, re robust
test mlpcap mprivate memp munemp
return list
