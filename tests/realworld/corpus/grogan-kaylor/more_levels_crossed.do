* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 25260921771 (a public GitHub .do file of the multilevel-thinking project; the index does not name the repository or path)
* author: Andrew Grogan-Kaylor (path in the file: agrogan/.../multilevel-thinking)
* licence: none stated in the file
* data: simulated_multilevel_longitudinal_data.dta = sim_mlm_long
* data: simulated_multilevel_data.dta = sim_mlm_cross
clear
cd "/Users/someone/Desktop/GitHub/multilevel-thinking/simulate-and-analyze-multilevel-data"
use simulated_multilevel_longitudinal_data.dta, clear
generate UNregion = runiformint(1,5)
bysort country: replace UNregion = UNregion[1]
replace outcome = outcome + UNregion - 2.5
save "levels4.dta", replace
mixed outcome || UNregion: || country: || family:
estat icc
est store m4a
etable, estimates(m4a) novarlabel cstat(_r_b) showstars showstarsnote column(index) export("t4a.md", as(markdown) replace)
estimates drop m4a
mixed outcome t warmth physical_punishment i.identity i.intervention HDI || UNregion: || country: || id:
est store m4b
etable, estimates(m4b) novarlabel cstat(_r_b) showstars showstarsnote column(index) export("t4b.md", as(markdown) replace)
estimates drop m4b
use "simulated_multilevel_data.dta", clear
generate language = runiformint(1,100)
replace outcome = outcome + (language - 50)/25
save crossed.dta, replace
mixed outcome || _all: R.country || _all: R.language
est store cc0
etable, estimates(cc0) novarlabel cstat(_r_b) showstars showstarsnote column(index) export("tc0.md", as(markdown) replace)
estimates drop cc0
mixed outcome warmth physical_punishment i.identity i.intervention HDI || _all: R.country || _all: R.language
est store cc1
etable, estimates(cc1) novarlabel cstat(_r_b) showstars showstarsnote column(index) export("tc1.md", as(markdown) replace)
estimates drop cc1
