* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:patroncos/aqrie_workshop_2025@51b8c4bdf5ce83e98008d171268000137a163dfa Stata/longitudinal_descriptives.do (a 2025 workshop on analysing change: the wide file of four waves of an outcome t1-t4 and a time-varying covariate c1-c4 with two time-invariant x1 x2, an id from _n, reshape long with two stubs, rename, a centred time and its square, save, tabstat by(), twoway connected with name(), collapse (mean) by() and an overlaid line || line)
* author: patroncos (repository owner; workshop slides analysing_change_PT.pdf)
* licence: none stated
* data: https://github.com/patroncos/aqrie_workshop_2025/raw/refs/heads/main/data.dta = aqrie_wide
use https://github.com/patroncos/aqrie_workshop_2025/raw/refs/heads/main/data.dta, clear
gen id = _n
reshape long t c, i(id) j(time)
rename t outcome
rename c covar
gen t = time - 1
gen t_sq = t^2
drop time
save long_data
tabstat outcome covar, by(t) stats(mean sd)
twoway connected outcome t, name(plot_outcome)
twoway connected covar t, name(plot_covar)
collapse (mean) outcome covar, by(t)
line outcome t || line covar t
