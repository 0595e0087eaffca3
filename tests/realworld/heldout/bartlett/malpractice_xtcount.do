* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 6038313706 (a public GitHub .do file, Stata 14: hypothesis tests for a study of medical malpractice claims, deaths from medical complications and state damage caps, state-by-sex panels 2003-2008: import delimited ..., numericcols(_all), a state-by-sex panel id, eststo: xtgls ..., panels(hetero) corr(psar1) with esttab, xtset of the state alone, xtmixed ... || statecode: || year:, cov(un) and a random year slope, xtpoisson and xtnbreg re, fe and pa robust (some under xi:), regress with i.statecode i.year, xtreg fe, within-between (hybrid) means and deviations by egen, tsset, d. operators, centile, egen cut(), at() label, c.#i. piecewise terms, xtmixed with eststo, nbreg; the index does not name the repository)
* author: Bryce Bartlett (file header)
* licence: none stated
* data: H:/projects/malpractice/output/private~/analysis_dat.csv = malpractice_state_panel
clear
import delimited using H:/projects/malpractice/output/private~/analysis_dat.csv, numericcols(_all)
drop if (year<2003 | year>2008 | statecode == 0)
gen stategender = statecode
replace stategender = statecode + 100 if female == 1
xtset stategender year
reg freq lagcompdeaths female cap switchcap year
eststo: xtgls freq female oldcap switchcap year, panels(hetero) corr(psar1)
eststo: xtgls freq lagcompdeaths female oldcap switchcap year, panels(hetero) corr(psar1)
esttab
xtset statecode
xtmixed freq lagcompdeaths year oldcap switchcap female || statecode: || year:, cov(un)
xtmixed freq lagcompdeaths year oldcap switchcap female || statecode: year, cov(un)
xtpoisson freq lagcompdeaths year oldcap switchcap female, re
xtnbreg freq lagcompdeaths year oldcap switchcap female, re
reg freq lagcompdeaths oldcap switchcap female i.statecode i.year
xtreg freq lagcompdeaths female i.year, fe
xtreg freq lagcompdeaths cap female i.year, fe
eststo clear
eststo: xtpoisson freq lagcompdeaths female i.year, fe
eststo: xtpoisson freq lagcompdeaths cap female i.year, fe
esttab
xtset statecode
eststo clear
eststo: xtnbreg freq cap i.year, fe
eststo: xtnbreg freq lagcompdeaths cap i.year, fe
esttab
reg compdeaths lagmp female cap switchcap year
eststo clear
xtset stategender year
eststo: xtgls compdeaths female cap switchcap year, panels(hetero) corr(psar1)
eststo: xtgls compdeaths lagmp female cap switchcap year, panels(hetero) corr(psar1)
eststo: xtgls compdeaths freq female cap switchcap year, panels(hetero) corr(psar1)
esttab
xtset statecode
xtmixed compdeaths lagmp year oldcap switchcap female || statecode: || year:, cov(un)
xtmixed compdeaths lagmp year oldcap switchcap female || statecode: year, cov(un)
xtpoisson compdeaths lagmp year oldcap switchcap female, re
xtnbreg compdeaths lagmp year oldcap switchcap female, re
reg compdeaths lagmp oldcap switchcap female i.statecode i.year
xtreg compdeaths lagmp female i.year, fe
xtreg compdeaths lagmp cap female i.year, fe
xtreg  compdeaths freq cap female i.year,fe
eststo clear
eststo: xtpoisson compdeaths lagmp female i.year, fe
eststo: xtpoisson compdeaths lagmp cap female i.year, fe
eststo: xtpoisson compdeaths freq cap female i.year, fe
esttab
xtset stategender
eststo clear
eststo: xtnbreg compdeaths cap i.year, fe
eststo: xtnbreg compdeaths lagmp cap i.year, fe
esttab
egen mcompdeaths = mean(compdeaths), by(stategender)
egen mcap = mean(cap), by(stategender)
egen mlagmp = mean(lagmp), by(stategender)
gen dcompdeaths = compdeaths - mcompdeaths
gen dcap = cap - mcap
gen dlagmp = lagmp - mlagmp
eststo clear
xtset stategender
eststo: xi: xtnbreg compdeaths  mcap mlagmp dcap dlagmp i.year, re
eststo: xi: xtnbreg compdeaths  mcap mlagmp dcap dlagmp i.year, pa robust
esttab
tsset stategender year
gen dmp = d.lagmp
centile(dmp), centile(50 75 90 95)
egen dmp_high = cut(dmp), at(-100,0,3,8,13,40) label
gen dmp90 = 0
replace dmp90=1 if dmp>13
centile(lagmp), centile(50 75 90 95)
egen lagmp_high = cut(lagmp), at (15,35.75,79.7,133.35) label
eststo clear
xtset stategender year
eststo: xtgls compdeaths female cap switchcap year, panels(hetero) corr(psar1)
eststo: xtgls compdeaths dmp female cap switchcap year, panels(hetero) corr(psar1)
* mlm-expect: r(452)
eststo: xtgls compdeaths dmp#i.dmp_high female cap switchcap year, panels(hetero) corr(psar1)
esttab
xtset statecode
eststo clear
eststo: xtpoisson compdeaths lagmp female i.year, fe
eststo: xtpoisson compdeaths lagmp cap female i.year, fe
eststo: xtpoisson compdeaths freq cap female i.year, fe
esttab
egen mdmp = mean(dmp), by(stategender)
egen mdmp90 = mean(dmp90), by(stategender)
gen ddmp = dmp - mdmp
gen ddmp90 = dmp90-mdmp90
xtset stategender
eststo clear
eststo: xi: xtnbreg compdeaths female oldcap switchcap mcap mlagmp mdmp90 dcap dlagmp ddmp90 i.year, re
eststo: xi: xtnbreg compdeaths female oldcap switchcap  mcap mlagmp mdmp90 dcap dlagmp ddmp90 i.year, pa robust
esttab
eststo clear
* mlm-expect: r(111)
eststo: xtreg d.compdeaths i.year
* mlm-expect: r(111)
eststo: xtreg d.compdeaths d.lagmp i.year
* mlm-expect: r(111)
eststo: xtreg d.compdeaths d.cap i.year
* mlm-expect: r(111)
eststo: xtreg d.compdeaths d.lagmp d.cap i.year
esttab
eststo clear
* mlm-expect: r(111)
eststo: xtreg d.compdeaths d.cap i.year
* mlm-expect: r(111)
eststo: xtreg d.compdeaths dmp c.dmp#i.dmp_high i.year d.cap
esttab
eststo clear
eststo: xtnbreg compdeaths cap i.year, fe
eststo: xtnbreg compdeaths lagmp i.lagmp_high c.lagmp#i.lagmp_high cap i.year, fe
esttab
eststo clear
eststo: xtpoisson compdeaths cap i.year, fe
eststo: xtpoisson compdeaths lagmp i.lagmp_high c.lagmp#i.lagmp_high cap i.year, fe
esttab
eststo clear
eststo: xtmixed compdeaths cap i.year || stategender:
eststo: xtmixed compdeaths lagmp i.lagmp_high c.lagmp#i.lagmp_high cap i.year || stategender:
esttab
eststo clear
eststo: nbreg compdeaths cap i.year
eststo: nbreg compdeaths lagmp i.lagmp_high c.lagmp#i.lagmp_high cap i.year
esttab
