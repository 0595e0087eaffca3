* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:grodri/grodri.github.io@645d26aa56bb629b863ea6baec8c559674b4ac0d multilevel/lips.html (https://grodri.github.io/multilevel/lips)
* author: Germán Rodríguez (Princeton, POP 510 Multilevel Models)
* licence: none stated
* data: https://www.stata-press.com/data/mlmus3/lips.dta = lips
use https://www.stata-press.com/data/mlmus3/lips.dta, clear
gen os = log(e)
mepoisson o, offset(os) || county:
predict a, reffects
gen eb = 100 * exp(_b[_cons] + a)
copy https://www.stata-press.com/data/mlmus3/scotmaps.do scotmaps.do, replace
clear
quietly  do scotmaps
graph export g1.png, width(500) replace
