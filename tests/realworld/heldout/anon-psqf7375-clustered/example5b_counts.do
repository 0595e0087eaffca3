* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 49807697946 (a public GitHub .do file of the same clustered-data course, PSQF 7375, example 5b: melanoma deaths in counties in regions of nine nations -- region means and counts by egen, region-level descriptives and histograms under preserve/collapse, a random-intercept model of UV exposure, then single-level and random-intercept mepoisson and menbreg count models with intpoints(15), each followed on lines ending in commas by estat ic with n(), nlcom of the exponentiated intercept, estimates store and lrtest, margins at() with predict(xb), between- and within-region UV with a random slope, contrast of nation and its interactions, and lincom of the slopes per nation; the index does not name the repository)
* author: unknown (course PSQF 7375, University of Iowa, per the paths in the file)
* licence: none stated
* data: skincancer_v11.dta = skincancer_ec
set more off
set linesize 150
global filesave "C:\Dropbox\19_PSQF7375_Clustered\PSQF7375_Clustered_Example5b"
use "$filesave\skincancer_v11.dta", clear
log using $filesave\PSQF7375_Clustered_Example5b_STATA_Output.log, replace name(STATA_Example5b)
label variable region "x"
label variable deaths "x"
label variable uv "x"
egen nmiss=rowmiss(region deaths uv nation)
drop if nmiss>0
drop if nation==8
egen RMdeaths = mean(deaths), by(region)
egen RMuv = mean(uv), by(region)
label variable RMdeaths "x"
label variable RMuv "x"
egen Nperregion = count(deaths), by(region)
label variable Nperregion "x"
gen RMuv0 = RMuv
label variable RMuv0 "x"
gen WRdeaths = deaths - RMdeaths
gen WRuv = uv - RMuv
label variable WRdeaths "x"
label variable WRuv "x"
display as result "x"
preserve
collapse Nperregion RMdeaths RMuv, by(region)
format Nperregion RMdeaths RMuv %4.2f
summarize Nperregion RMdeaths RMuv, format
histogram RMdeaths, percent discrete width(10) start(0)
histogram RMuv, percent discrete width(1) start(-8)
restore
display as result "x"
format deaths WRdeaths uv WRuv %4.2f
summarize deaths WRdeaths uv WRuv, format
tabulate nation
histogram deaths, percent discrete width(20) start(0)
histogram WRdeaths, percent discrete width(20) start(-90)
histogram uv, percent discrete width(1) start(-9)
histogram WRuv, percent discrete width(0.5) start(-2.50)
display as result "x"
mixed uv , || region: , variance reml covariance(unstructured) dfmethod(satterthwaite),
estat ic, n(77),
estat icc
display as result "x"
display as result "x"
mepoisson deaths ,
estat ic, n(77),
nlcom exp(_b[_cons])
display as result "x"
display as result "x"
menbreg deaths ,
estat ic, n(77),
nlcom exp(_b[_cons])
display as result "x"
display as result "x"
mepoisson deaths , || region: , covariance(unstructured) intpoints(15),
estat ic, n(77),
nlcom exp(_b[_cons])
estimates store Poisson2
display as result "x"
display as result "x"
menbreg deaths , || region: , covariance(unstructured) intpoints(15),
estat ic, n(77),
nlcom exp(_b[_cons])
estimates store NegBin2
lrtest NegBin2 Poisson2
display as result "x"
menbreg deaths c.RMuv0, || region: , covariance(unstructured) intpoints(15),
estat ic, n(77),
margins , at(c.RMuv0=(-1(1)1)) predict(xb)
margins , at(c.RMuv0=(-1(1)1))
display as result "x"
menbreg deaths c.RMuv0 c.WRuv, || region: , covariance(unstructured) intpoints(15),
estat ic, n(77),
lincom c.WRuv*-1 + c.RMuv0*1
margins , at(c.WRuv=(-1(1)1)) predict(xb)
margins , at(c.WRuv=(-1(1)1))
estimates store Fixed
display as result "x"
menbreg deaths c.RMuv0 c.WRuv, || region: c.WRuv, covariance(unstructured) intpoints(15),
estat ic, n(77),
lincom c.WRuv*-1 + c.RMuv0*1
estimates store Random
lrtest Random Fixed
display as result "x"
display as result "x"
menbreg deaths c.RMuv0 c.WRuv i.nation, || region: c.WRuv, covariance(unstructured) intpoints(15),
estat ic, n(77),
contrast i.nation
display as result "x"
display as result "x"
menbreg deaths c.RMuv0 c.WRuv i.nation i.nation i.nation#c.RMuv0 i.nation#c.WRuv, || region: c.WRuv, covariance(unstructured) intpoints(15),
estat ic, n(77),
contrast i.nation
contrast i.nation#c.RMuv0
lincom c.RMuv0*1 + i1.nation#c.RMuv0*1
lincom c.RMuv0*1 + i2.nation#c.RMuv0*1
lincom c.RMuv0*1 + i3.nation#c.RMuv0*1
lincom c.RMuv0*1 + i4.nation#c.RMuv0*1
lincom c.RMuv0*1 + i5.nation#c.RMuv0*1
lincom c.RMuv0*1 + i6.nation#c.RMuv0*1
lincom c.RMuv0*1 + i7.nation#c.RMuv0*1
lincom c.RMuv0*1 + i9.nation#c.RMuv0*1
contrast i.nation#c.WRuv
lincom c.WRuv*1 + i1.nation#c.WRuv*1
lincom c.WRuv*1 + i2.nation#c.WRuv*1
lincom c.WRuv*1 + i3.nation#c.WRuv*1
lincom c.WRuv*1 + i4.nation#c.WRuv*1
lincom c.WRuv*1 + i5.nation#c.WRuv*1
lincom c.WRuv*1 + i6.nation#c.WRuv*1
lincom c.WRuv*1 + i7.nation#c.WRuv*1
lincom c.WRuv*1 + i9.nation#c.WRuv*1
log close STATA_Example5b
