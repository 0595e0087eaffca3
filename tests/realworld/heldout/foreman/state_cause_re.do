* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 38610191658 (a public GitHub .do file of the USCOD project; the index does not name the repository)
* author: Kyle Foreman (file header), 2011
* licence: none stated
* preload: uscod_deaths
local proj "USCOD"
if c(os) == "Windows" local proj_dir "D:/projects/`proj'"
else local proj_dir "/shared/projects/`proj'"
do "`proj_dir'/code/model/prep_random_effects_dataset.do"
generate prediction = .
tab stateFips, generate(state_)
unab idvar: state_*
foreach v of local idvar {
generate slope_`v' = year * `v'
}
* mlm-expect: r(2000)
foreach a in "Under5" "5to14" "15to29" "30to44" "45to59" "60to75" "75plus" {
foreach s in 1 2 {
local sx = cond(`s'==1, "Male", "Female")
keep if age_group == "`a'" & sex == `s'
xtmepoisson deaths year || _all: R.stateFips || _all: slope_*, cov(identity) nocons || underlying: year
}
}
