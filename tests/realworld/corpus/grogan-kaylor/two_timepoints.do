* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:agrogan1/multilevel@dc928d315113011665a1e20e4f7e6f3a56ec6088 longitudinal-data-with-2-timepoints/longitudinal-data-with-2-timepoints.do
* author: Andrew Grogan-Kaylor (University of Michigan)
* licence: GPL-3.0 (repository LICENSE)
* data: simulated_multilevel_longitudinal_data.dta = sim_mlm_long
use "https://github.com/agrogan1/multilevel-thinking/raw/main/simulate-and-analyze-multilevel-data/simulated_multilevel_longitudinal_data.dta", clear
describe
keep if t <= 2
tabulate t
mixed outcome t || id:
mixed outcome t || id: t
