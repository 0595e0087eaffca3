* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:agrogan1/multilevel@dc928d315113011665a1e20e4f7e6f3a56ec6088 tables/tables.qmd (its Stata chunks) and lmer-demo/gutten-w-Stata.do
* author: Andrew Grogan-Kaylor (University of Michigan)
* licence: GPL-3.0 (repository LICENSE)
* data: gutten.dta = gutten
* data: gutten = gutten
clear all
use "gutten.dta", clear
describe
mixed height age_base i.site || tree_ID:
est store M1
estimates table M1, b(%9.3f) star
mixed height age_base i.site || tree_ID:
estat sd, variance post
est store M2
estimates table M1 M2, b(%9.3f) star title("T")
etable, estimates(M1) novarlabel cstat(_r_b) showstars showstarsnote column(estimate)
mixed height age_base i.site i.location || tree_ID:
estat sd, variance post
est store M3
est table M2 M3, b(%9.3f) star
mixed height age_base i.site i.location || tree_ID:
est store M4
etable, estimates(M1 M4) novarlabel cstat(_r_b) showstars showstarsnote column(estimate)
use gutten.dta
mixed height age_base || tree_ID: age_base, cov(uns) reml
