* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:grodri/grodri.github.io@645d26aa56bb629b863ea6baec8c559674b4ac0d glms/stata/c8s3.html (https://grodri.github.io/glms/stata/c8s3)
* author: Germán Rodríguez (Princeton, WWS 509 GLMs, ch. 8)
* licence: none stated
* data: https://www.stata-press.com/data/r14/union = union_nlsw
use https://www.stata-press.com/data/r14/union, clear
gen southXt = south*year
logit union age grade not_smsa south##c.year
estimates store logit
xtlogit union age grade not_smsa south##c.year, i(id) fe
estimates store fixed
xtlogit union age grade not_smsa south##c.year, i(id) re nolog
estimates store random
estimates table logit random fixed, equation(1)
