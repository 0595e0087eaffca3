* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 48229547721 (a public GitHub .do file, an MLM workshop; the index does not name the repository)
* author: unknown
* licence: none stated
* data: schools.dta = scot_schools
cd "C:\Users\someone\Downloads\MLM workshop\Data and codes"
use schools.dta, clear
xtmixed score female ||_all: R.cohort90 || schoolid:,  ml variance
predict nu eta, reffects
egen pick=tag(schoolid cohort90)
list schoolid cohort90 nu eta if pick==1 & schoolid<4
