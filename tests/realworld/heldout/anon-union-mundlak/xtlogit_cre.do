* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 27585555106 (a public GitHub .do file: union membership in the NLSW union panel, random-effects logit with year dummies, a correlated random-effects (Mundlak) logit with person means made in a foreach loop, fixed-effects logit, and an estimates table dropping the means; the index does not name the repository)
* author: unknown
* licence: none stated
* data: union = union_nlsw
set more off
use union, clear
xtlogit union age grade not_smsa south black i.year, re nolog
est store re
foreach v of varlist age grade not_smsa south {
	by idcode: egen bar_`v' = mean(`v')
}
xtlogit union age grade not_smsa south black bar_* i.year, re nolog
est store cre
xtlogit union age grade not_smsa south i.year, fe nolog
est store fe
est tab re cre fe, drop(bar_*) b stats(N)
set more on
