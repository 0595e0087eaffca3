* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 31203658094 (a public GitHub .do file, an age-period-cohort analysis of protest in East and West Germany on ESS data; the index does not name the repository)
* author: Philippe Joly (file header), Humboldt-Universität zu Berlin, 2018
* licence: none stated
* data: ess.dta = ess_protest
version 14
capture log close
capture log using "${logfiles}4_an1.smcl", replace
set more off
use "${data}ess.dta", clear
meqrlogit petition i.female c.age##c.age i.edu3 /*i.incquart*/ i.unemp i.union i.city i.class5 i.land || _all: R.period || cohorteast:
predict b*, reffects relevel(cohorteast)
predict se*,  reses relevel(cohorteast)
gen ll = b1 - 1.96*se1
gen ul = b1 + 1.96*se1
twoway (rarea ll ul cohort, sort fcolor(gs12) lcolor(gs12)) (connected b1 cohort, sort mcolor(black) lcolor(black)), xline(1934,lcolor(black) lpattern(dash)) xline(1975,lcolor(black) lpattern(dash)) by(, note("")) by(, legend(off)) by(eastsoc)
twoway (rarea ll ul cohort, sort fcolor(gs12) lcolor(gs12)) (connected b1 cohort, sort mcolor(black) lcolor(black)), by(, note("")) by(, legend(off)) by(eastsoc)
meqrlogit demonstration i.female c.age##c.age i.edu3 i.incquart i.unemp i.union i.city i.class5 i.land promigrant || _all: R.period || cohorteast: promigrant
* mlm-expect: r(110)
predict b*, reffects relevel(cohorteast)
* mlm-expect: r(110)
predict se*,  reses relevel(cohorteast)
* mlm-expect: r(110)
gen ll = b1 - 1.96*se1
* mlm-expect: r(110)
gen ul = b1 + 1.96*se1
twoway (rarea ll ul cohort, sort fcolor(gs12) lcolor(gs12)) (connected b1 cohort, sort mcolor(black) lcolor(black)), xline(1934,lcolor(black) lpattern(dash)) xline(1975,lcolor(black) lpattern(dash)) by(, note("")) by(, legend(off)) by(eastsoc)
