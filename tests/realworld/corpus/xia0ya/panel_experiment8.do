* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:xia0ya/note@0782f09585e1347d1f72c120b88ed2b2341f5f40 计量经济学/实验/实验八/实验八.do
* author: xia0ya (course notes, econometrics lab 8)
* licence: MIT (repository LICENSE)
* data: WAGEPAN.DTA = wagepan
* data: airfare.dta = airfare
use "WAGEPAN.DTA",clear
reg lwage educ black hisp
xtreg lwage educ black hisp,re
xttest0
use "airfare.dta",clear
reg lfare concen ldist ldistsq y98 y99 y00
reg lfare concen ldist ldistsq y98 y99 y00, robust
di .9016004/(2*.1030196)
xtreg lfare concen ldist ldistsq y00 y99 y98,re
xtreg lfare concen ldist ldistsq y00 y99 y98,fe
est store fe
xtreg lfare concen ldist ldistsq y00 y99 y98,re theta
est store re
hausman fe re
