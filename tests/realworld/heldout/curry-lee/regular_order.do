* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 36939333350 (a public GitHub .do file, replication file of "What Is Regular Order Worth? Partisan Lawmaking and Congressional Processes" (Journal of Politics): significant laws cross-classified by Congress and policy area -- egen means by Congress drawn with line ... saving() and gr combine of the saved .gph files, eststo: mixed and meqrlogit with crossed random effects || _all: R.cong || major:, esttab, margins at() ... predict(mu fixedonly) post after each fit with est store and coefplot ..., at connect(l) plotlabels(); the index does not name the repository) (excerpt: Figure 1, Table 1, the House half of Figure 2 and Tables A1 and A14; the Senate half of Figure 2, Table 2 and Tables A2-A13 and A15-A17 repeat the same forms on other outcomes and are left out)
* author: James M. Curry and Frances E. Lee (file header)
* licence: none stated
* data: currylee-JOP-data.dta = currylee_laws
use "currylee-JOP-data.dta", clear
egen hcommmean = mean(hcomm_index), by(cong)
egen scommmean = mean(scomm_index), by(cong)
egen allcommmean = mean(allcomm_index), by(cong)
line allcommmean hcommmean scommmean cong, title("Plot") xtitle("x") yscale(range(0 .8)) ylabel(0(.2).8) xscale(range(100 114)) xlabel(100(2)114) legend(position(6) rows(1) order(1 "a" 2 "b" 3 "c")) saving(commmeans, replace)
egen hfloormean = mean(hfloor_index), by(cong)
egen sfloormean = mean(sfloor_index), by(cong)
egen allfloormean = mean(allfloor_index), by(cong)
line allfloormean hfloormean sfloormean cong, title("Plot") xtitle("x") yscale(range(0 .8)) ylabel(0(.2).8) xscale(range(100 114)) xlabel(100(2)114) legend(position(6) rows(1) order(1 "a" 2 "b" 3 "c")) saving(floormeans, replace)
gr combine commmeans.gph floormeans.gph
eststo: mixed house1_percmin hcomm_index hfloor_index approps || _all: R.cong || major:
eststo: meqrlogit house1_pv50 hcomm_index hfloor_index approps || _all: R.cong || major:
eststo: meqrlogit house1_pv90 hcomm_index hfloor_index approps || _all: R.cong || major:
eststo: mixed housef_percmin allcomm_index allfloor_index approps || _all: R.cong || major:
eststo: meqrlogit housef_pv50 allcomm_index allfloor_index approps || _all: R.cong || major:
eststo: meqrlogit housef_pv90 allcomm_index allfloor_index approps || _all: R.cong || major:
esttab, se star(* 0.05 ** 0.01)
eststo clear 
mixed house1_percmin hcomm_index hfloor_index approps || _all: R.cong || major:
margins, at(hcomm_index=(0(.1)1)) post
est store hcomm1rice
mixed house1_percmin hcomm_index hfloor_index approps || _all: R.cong || major:
margins, at(hfloor_index=(0(.1)1)) post
est store hfloor1rice
coefplot hcomm1rice hfloor1rice, at xtitle("x") title("Plot") yscale(range(0 1)) ylabel(0(.5)1) lwidth(*1) connect(l) legend(position(6) rows(2)) plotlabels("a" "b") saving(h1rice, replace)
meqrlogit house1_pv50 hcomm_index hfloor_index approps || _all: R.cong || major:
margins, at(hcomm_index=(0(.1)1)) predict(mu fixedonly) post
est store hcomm1pv50
meqrlogit house1_pv50 hcomm_index hfloor_index approps || _all: R.cong || major:
margins, at(hfloor_index=(0(.1)1)) predict(mu fixedonly) post
est store hfloor1pv50
coefplot hcomm1pv50 hfloor1pv50, at xtitle("x") title("Plot") yscale(range(0 1)) ylabel(0(.5)1) lwidth(*1) connect(l) legend(position(6) rows(2)) plotlabels("a" "b") saving(h1pv50, replace)
meqrlogit house1_pv90 hcomm_index hfloor_index approps || _all: R.cong || major:
margins, at(hcomm_index=(0(.1)1)) predict(mu fixedonly) post
est store hcomm1pv90
meqrlogit house1_pv90 hcomm_index hfloor_index approps || _all: R.cong || major:
margins, at(hfloor_index=(0(.1)1)) predict(mu fixedonly) post
est store hfloor1pv90
coefplot hcomm1pv90 hfloor1pv90, at xtitle("x") title("Plot") yscale(range(0 1)) ylabel(0(.5)1) lwidth(*1) connect(l) legend(position(6) rows(2)) plotlabels("a" "b") saving(h1pv90, replace)
mixed housef_percmin allcomm_index allfloor_index approps || _all: R.cong || major:
margins, at(allcomm_index=(0(.1)1)) post
est store hcommfrice
mixed housef_percmin allcomm_index allfloor_index approps || _all: R.cong || major:
margins, at(allfloor_index=(0(.1)1)) post
est store hfloorfrice
coefplot hcommfrice hfloorfrice, at xtitle("x") title("Plot") yscale(range(0 1)) ylabel(0(.5)1) lwidth(*1) connect(l) legend(position(6) rows(2)) plotlabels("a" "b") saving(hfrice, replace)
meqrlogit housef_pv50 allcomm_index allfloor_index approps || _all: R.cong || major:
margins, at(allcomm_index=(0(.1)1)) predict(mu fixedonly) post
est store hcommfpv50
meqrlogit housef_pv50 allcomm_index allfloor_index approps || _all: R.cong || major:
margins, at(allfloor_index=(0(.1)1)) predict(mu fixedonly) post
est store hfloorfpv50
coefplot hcommfpv50 hfloorfpv50, at xtitle("x") title("Plot") yscale(range(0 1)) ylabel(0(.5)1) lwidth(*1) connect(l) legend(position(6) rows(2)) plotlabels("a" "b") saving(hfpv50, replace)
meqrlogit housef_pv90 allcomm_index allfloor_index approps || _all: R.cong || major:
margins, at(allcomm_index=(0(.1)1)) predict(mu fixedonly) post
est store hcommfpv90
meqrlogit housef_pv90 allcomm_index allfloor_index approps || _all: R.cong || major:
margins, at(allfloor_index=(0(.1)1)) predict(mu fixedonly) post
est store hfloorfpv90
coefplot hcommfpv90 hfloorfpv90, at xtitle("x") title("Plot") yscale(range(0 1)) ylabel(0(.5)1) lwidth(*1) connect(l) legend(position(6) rows(2)) plotlabels("a" "b") saving(hfpv90, replace)
gr combine h1rice.gph h1pv50.gph h1pv90.gph hfrice.gph hfpv50.gph hfpv90.gph 
eststo: reg house1_percmin hcomm_index hfloor_index approps i.cong i.major
eststo: logit house1_pv50 hcomm_index hfloor_index approps i.cong, cluster(major)
eststo: logit house1_pv90 hcomm_index hfloor_index approps, cluster(major)
eststo: reg housef_percmin allcomm_index allfloor_index approps i.cong i.major
eststo: logit housef_pv50 allcomm_index allfloor_index approps i.cong, cluster(major)
eststo: logit housef_pv90 allcomm_index allfloor_index approps, cluster(major)
esttab, se star(* 0.05 ** 0.01)
eststo clear 
eststo: mixed house1_percmin hcomm_index hfloor_index approps || _all: R.cong
eststo: meqrlogit house1_pv50 hcomm_index hfloor_index approps || _all: R.cong
eststo: meqrlogit house1_pv90 hcomm_index hfloor_index approps || _all: R.cong
eststo: mixed housef_percmin allcomm_index allfloor_index approps || _all: R.cong
eststo: meqrlogit housef_pv50 allcomm_index allfloor_index approps || _all: R.cong
eststo: meqrlogit housef_pv90 allcomm_index allfloor_index approps || _all: R.cong
esttab, se star(* 0.05 ** 0.01)
eststo clear 
