* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 14366998680 (a public GitHub .do file of a longitudinal-data course: teenagers' daily diaries cleaned and the slides of chapter 7 reproduced -- tabulations by number of diary days, cs odds ratios, random-intercept logistic models with xtmelogit, meqrlogit and melogit, lincom with or, estat ic and icc, a cluster bootstrap with idcluster(), a random slope with an unstructured covariance, a lagged cumulative proportion, lrtest, a three-level meqrlogit on a village file with intpoints(5), a Mantel-Haenszel cs by() and clogit; the index does not name the repository)
* author: Lucia Petito (file header), November 2016
* licence: none stated
* data: teensex.dta = teensex
* data: village.dta = village_diarrhea
cd "insert/working/directory/here"
use "teensex.dta"
sort eid day
by eid: gen ct = _n
by eid: egen maxct = max(ct)
gen cattot = .
replace cattot = 1 if maxct <= 10
replace cattot = 2 if maxct <= 20 & maxct >= 11
replace cattot = 3 if maxct <= 30 & maxct >=21
replace cattot = 4 if maxct >= 31
label define yesno 0 "no" 1 "yes"
label define obsct 1 "1-10" 2 "11-20" 3 "21-30" 4 ">30"
label values sx24hrs yesno
label values drgalcoh yesno
label values cattot obsct
tab cattot if ct==1
tab cattot sx24hrs, r
tab cattot drgalcoh, r
cs sx24hrs drgalcoh, or
xtmelogit sx24hrs drgalcoh || eid:, stddev
lincom drgalcoh, or
meqrlogit sx24hrs drgalcoh || eid:
melogit sx24hrs drgalcoh || eid:
estat ic
estat icc
set seed 123456
bootstrap, cluster(eid) idcluster(newid) group(eid) reps(50): meqrlogit sx24hrs drgalcoh || newid:,  stddeviations
meqrlogit sx24hrs drgalcoh || eid: drgalcoh,  stddeviations cov(unstruct)
estat ic
estat icc
disp "(" exp(.3287796-invnormal(0.75)*.7279197) " , " exp(.3287796+invnormal(0.75)*.7279197) " )"
sort eid day
capture drop cumsum cumprop cumlag
gen cumsum = 0
replace cumsum = sx24hrs if ct==1
by eid: replace cumsum = cumsum[_n-1]+sx24hrs if ct > 1
gen cumprop = cumsum/ct
by eid: gen cumlag = cumprop[_n-1] if ct > 1
meqrlogit sx24hrs drgalcoh cumlag || eid: drgalcoh, stddeviations cov(unstruct)
lincom drgalcoh, or
meqrlogit sx24hrs drgalcoh cumlag || eid: drgalcoh, stddeviations cov(unstruct)
est store A
meqrlogit sx24hrs drgalcoh || eid: drgalcoh, stddeviations cov(unstruct)
est store B
* mlm-expect: r(498)
lrtest A B
use "village.dta", clear
meqrlogit diarrhea || vilid: || hhid:,  intpoints(5)
* mlm-expect: r(111)
cs sx24hrs drgalcoh, by(eid) or
* mlm-expect: r(111)
clogit sx24hrs drgalcoh, or group(eid)
