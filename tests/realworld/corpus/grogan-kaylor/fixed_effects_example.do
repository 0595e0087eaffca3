* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:agrogan1/multilevel@dc928d315113011665a1e20e4f7e6f3a56ec6088 fixed-effects-example/fixed-effects-example.qmd (its Stata chunks)
* author: Andrew Grogan-Kaylor (University of Michigan)
* licence: GPL-3.0 (repository LICENSE)
* data: https://www.stata-press.com/data/r16/nlswork = shared:stata/nlswork.dta
clear all
use https://www.stata-press.com/data/r16/nlswork, clear
describe ln_w grade age race union south
mixed ln_w grade age i.race union south || idcode:
est store MLM
xtreg ln_w grade age i.race union south, i(idcode) fe
est store FE
etable, estimates(MLM FE) column(estimate) showstars showstarsnote
