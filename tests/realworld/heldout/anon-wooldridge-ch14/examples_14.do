* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 33548149509 (a public GitHub .do file, Wooldridge's Introductory Econometrics examples 14.1-14.4: fixed-effects scrap-rate models of the job-training panel and fixed/random-effects wage models of the wage panel, in tsset and iis/tis syntax; the index does not name the repository)
* author: unknown
* licence: none stated
* data: JTRAIN = jtrain_full
* data: WAGEPAN = wagepan_full
use JTRAIN,clear
tsset fcode year
xtreg lscrap d88 d89 grant grant_1, fe
display exp(_b[grant_1])-1
xtreg lscrap d88 d89 grant, fe
use WAGEPAN,clear
tsset nr year
gen edd81 = educ*d81
gen edd82 = educ*d82
gen edd83 = educ*d83
gen edd84 = educ*d84
gen edd85 = educ*d85
gen edd86 = educ*d86
gen edd87 = educ*d87
xtreg lwage expersq union married d81-d87 edd81-edd87, fe
test edd81 edd82 edd83 edd84 edd85 edd86 edd87
xtreg lwage union married d81-d87 edd81-edd87, fe
test edd81 edd82 edd83 edd84 edd85 edd86 edd87
xtreg lwage union married d*##educ,fe
use JTRAIN,clear
iis fcode
tis year
xtreg lscrap d88 d89 grant grant_1 lsales lemploy, fe
use WAGEPAN,clear
iis nr
tis year
reg lwage educ black hisp exper expersq married union d81-d87
xtreg lwage educ black hisp exper expersq married union d81-d87, re
xtreg lwage expersq married union d81-d87, fe
* mlm-expect: r(199)
AIRFARE
