* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:agrogan1/multilevel@dc928d315113011665a1e20e4f7e6f3a56ec6088 longitudinal-data-analysis/longitudinal-data-analysis.qmd (its Stata chunks)
* author: Andrew Grogan-Kaylor (University of Michigan)
* licence: GPL-3.0 (repository LICENSE)
clear all
set seed 3846
quietly set obs 10
generate id = _n
quietly expand 3
sort id
bysort id: generate t = _n
generate x = rnormal(10, 3)
generate w = rbinomial(1, .3)
generate e = rnormal(0, 1)
generate y = x + w + e
drop e
list
save long.dta, replace
use long.dta, clear
mixed y x i.w || id:
use long.dta, clear
xtreg y x i.w, i(id) fe
use long.dta, clear
reshape wide y x w, i(id) j(t)
save wide.dta, replace
use wide.dta, clear
sem (y2 <- y1 x1 w1) (x2 <- x1 y1 w1) (y3 <- y2 x2 w2) (x3 <- x2 y2 w2)
