* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:agrogan1/multilevel-workshop@98c02118e64cc7c7f4a149502cc7dcfa45603022 multilevel-workshop2.qmd (its Stata chunks)
* author: Andrew Grogan-Kaylor (University of Michigan)
* licence: repository LICENSE (see license-and-citation.qmd)
* data: simulated_multilevel_longitudinal_data.dta = sim_mlm_long
clear all
quietly: cd "/Users/someone/project"
use "simulated_multilevel_longitudinal_data.dta", clear
mixed outcome t warmth physical_punishment || _all: R.country || id:
est store crossed2
mixed outcome t warmth physical_punishment || country: || id:
est store threelevel
* mlm-expect: r(198)
etable, estimates(threelevel crossed2), showstars showstarsnote column(estimate)
keep if family <= 5
quietly mixed outcome t warmth physical_punishment || _all: R.country || _all: R.id
est store crossed1A
quietly mixed outcome t warmth physical_punishment || _all: R.country || id:
est store crossed2A
etable, estimates(crossed1A crossed2A) showstars showstarsnote column(estimate)
