* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 37089757724 (a public GitHub .do file of a corporate-disruptions project: product recalls on executive turnover in a firm panel observed every third year -- xtset with delta(3), fixed- and random-effects models with and without robust errors, three Hausman tests and variants of the turnover measure; the index does not name the repository; code-index ids 37220368443, 37343549365 and 37240244471 are other versions of the same file)
* author: jbarg (path in the file)
* licence: none stated
* data: C:/x/preprocessed/pace_delta_3.dta = recalls_panel
use "C:/x/preprocessed/pace_delta_3.dta"
xtset name year, delta(3)
xtreg recalls_3 high_turnover_3 revenue_3 ceo_exit_3, fe robust
xtreg recalls_3 high_turnover_3 revenue_3 ceo_exit_3, fe
estimate store fe
xtreg recalls_3 high_turnover_3 revenue_3, fe robust
xtreg recalls_3 high_turnover_3 revenue_3, fe
estimate store fe2
xtreg recalls_3 high_turnover_3, fe robust
xtreg recalls_3 high_turnover_3, fe
estimate store fe3
xtreg recalls_3 high_turnover_3 revenue_3 ceo_exit_3, re robust
xtreg recalls_3 high_turnover_3 revenue_3 ceo_exit_3, re
estimate store re
xtreg recalls_3 high_turnover_3 revenue_3, re robust
xtreg recalls_3 high_turnover_3 revenue_3, re
estimate store re2
xtreg recalls_3 high_turnover_3, re robust
xtreg recalls_3 high_turnover_3, re
estimate store re3
hausman fe re
hausman fe2 re2
hausman fe3 re3
xtreg recalls_3 elevated_turnover_3 revenue_3 ceo_exit_3, fe robust
xtreg recalls_3 elevated_turnover_3 revenue_3, fe robust
xtreg recalls_3 high_turnover_3 revenue_3 ceo_exit_3 ceo_and_high_turnover, fe robust
xtreg recalls_3 high_turnover_3 revenue_3 ceo_exit_3 ceo_exit_during ceo_exit_1, fe robust
xtreg recalls_3 high_turnover_3 revenue_3 ceo_exit_3 year, fe robust
