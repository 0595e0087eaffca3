* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 11039295004 (a public GitHub .do file; the index does not name the repository)
* author: Paul Johnson (file header), 2016, exercise 12.1 of Rabe-Hesketh & Skrondal MLMUS3 (cracker brand choice)
* licence: none stated
* data: crackers.dta12 = crackers
capture log close
set more off, permanently
log using Ex-12.1.log, replace text
use crackers.dta12, clear
egen resp = group(id occ)
tabulate brand, generate(br)
rename br1 Sunshine
rename br2 Keebler
rename br3 Nabisco
clogit choice Sunshine Keebler Nabisco display feature price, group(resp)
gllamm brand Sunshine Keebler Nabisco display feature price, i(resp) noconstant link(mlogit) expanded(resp choice o) init
estimates store mod0
eq pr: price
gllamm brand Sunshine Keebler Nabisco display feature price, i(id) eqs(pr) noconstant link(mlogit) expanded(resp choice o) adapt
lrtest mod0 .
eq f: feature
gllamm brand Sunshine Keebler Nabisco display feature price, i(id) eqs(f) noconstant link(mlogit) expanded(resp choice o) adapt
lrtest mod0 .
eq d: display
gllamm brand Sunshine Keebler Nabisco display feature price, i(id) eqs(d) noconstant link(mlogit) expanded(resp choice o) adapt
lrtest mod0 .
