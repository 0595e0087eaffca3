* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 6757487157 (a public GitHub .do file, a PhD student's notes on panel models: Stata's random-effects tutorial on nlswork, and a comparison of xtnbreg, menbreg, xtreg re/mle, xtmixed, mixed and meglm on the cbpp herd data; the index does not name the repository) (excerpt: the two sections named; the sections on the author's own project data -- csv files of the project, an endless `while 1==1` loop of trials -- left out.  The file is run section by section: a stray `/*` inside a comment of the first section would make the rest of a whole-file run one comment)
* author: unknown (the path in the file names a user johannes, project org_pop)
* licence: none stated
* data: nlswork = shared:stata/nlswork.dta
* data: cpbb.csv = shared:glmm/cbpp.dta
clear
webuse nlswork
xtset
xtreg ln_w grade age c.age#c.age ttl_exp c.ttl_exp#c.ttl_exp tenure c.tenure#c.tenure 2.race not_smsa south, fe
list in 1/6
ds
xtreg ln_w grade age c.age#c.age ttl_exp c.ttl_exp#c.ttl_exp tenure c.tenure#c.tenure 2.race not_smsa south, re
xtsum hours
xttab msp
clear
import delimited /home/user/data/cpbb.csv
xtset herd period
xtnbreg incidence size, re
estimates store r_xtnbreg
xtnbreg incidence size, pa corr(exchangeable)
menbreg incidence size || herd:
estimates store r_menbreg
estimates table r_xtnbreg r_menbreg
xtreg incidence size, re
estimates store r_xtreg
xtreg incidence size, re mle
estimates store r_xtreg_mle
xtmixed incidence size || herd:
estimates store r_xtmixed
mixed incidence size || herd:
estimates store r_mixed
meglm incidence size || herd:
estimates store r_meglm
estimates table r_xtreg r_xtreg_mle r_meglm r_mixed r_xtmixed
