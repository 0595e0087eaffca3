* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 25225586971 (a public GitHub .do file of an economics data project on high-school track athletes' 400 m and 800 m race times by team, state and year around the COVID-19 closures; the index does not name the repository) (excerpt: the section that finalises the athlete panel -- encode of state and team, event and grade codes from strings with destring ..., force, athlete ids by egen concat() and egen group(), duplicates by bysort ...: gen _N, gsort with + and -, xtset athlete_id year, yearly, year-on-year improvement by bysort ...: generate ... l.seconds, team and state means of improvement and time by bysort ...: egen mean(), save and export delimited, and the collapse to team-year means; left out: the conversion of the raw csv race files, the school, ACS and CDC files and their m:m merges, the final xtreg models and scatter plots, which need eleven further data files)
* author: unknown (paths in the file: a Box ECON_398 Data_Project folder)
* licence: none stated
* data: race_3 = hs_track_race_times
use race_3
encode state, generate(state_)
order state, first
drop if state== "NB"
drop if state=="OS"
order state_, first
gen event_=1 if event==400
replace event_=0 if event_==.
order event_, after(event)
destring grade, generate(grade_) force
order grade_, after(grade)
replace grade_=0 if grade_==.
drop if grade_<9
tab grade_
drop grade
rename grade_ grade
encode team, generate(team_)
order team_, after(team)
order team, last
replace team= lower(team)
egen athlete_id_=concat(state team_ athlete event_)
egen athlete_id=group(athlete_id_)
drop athlete_id_
order athlete_id, after(team_)
order year, after(grade)
order seconds, after(event_)
bysort athlete_id: gen ath_freq=_N
drop if ath_freq>4
gsort -ath_freq +athlete_id +year
bysort athlete_id year : gen ath_year_freq=_N
drop if ath_year_freq>1
gsort -ath_freq +state +athlete_id +year
xtset athlete_id year, yearly
bysort athlete_id: generate ath_abs_change=seconds-l.seconds
gen improv= -1*(ath_abs_change)
bysort male event_ state year: egen state_mean_improv= mean(improv)
gen ln_state_mean_improv = log(state_mean_improv)
bysort male event_ team year: egen team_mean_improv= mean(improv)
gen ln_team_mean_improv= log(team_mean_improv)
bysort male event_ state year: egen state_mean_seconds= mean(seconds)
bysort male event_ team year: egen team_mean_seconds= mean(seconds)
drop ath_freq ath_year_freq ath_abs_change
save race_4, replace
export delimited race_4.csv, replace
collapse improv state_mean_improv ln_state_mean_improv team_mean_improv ln_team_mean_improv team_mean_seconds state_mean_seconds, by(state team year event male)
save race_5, replace
export delimited "race_5.csv", replace
clear all
