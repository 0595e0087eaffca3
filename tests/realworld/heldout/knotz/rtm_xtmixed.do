* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 47183875625 (a public GitHub .do file: OECD Risks that Matter 2020 survey, routine-task intensity and policy preferences; the index does not name the repository) (excerpt: the multilevel models and the interactive models with their margins; the data preparation, factor analysis, bar graphs and per-country loops left out, so the file starts with the prepared data in memory)
* author: Carlo Knotz (paths in the file)
* licence: none stated
* preload: oecd_rtm
set more off
version 13.1
pwcorr rti_score gender age edu inc covid_inc empstat
svyset, clear
xtmixed passive || ctrcode:, mle
xtmixed passive rti_score || ctrcode:, mle
xtmixed passive rti_score i.gender age inc || ctrcode:, mle
xtmixed passive rti_score i.gender age inc i.covid_inc i.empstat || ctrcode:, mle
xtmixed passive rti_score i.gender age inc i.covid_inc i.empstat i.edu || ctrcode:, mle
xtmixed active || ctrcode:, mle
xtmixed active rti_score || ctrcode:, mle
xtmixed active rti_score i.gender age inc || ctrcode:, mle
xtmixed active rti_score i.gender age inc i.covid_inc i.empstat || ctrcode:, mle
xtmixed active rti_score i.gender age inc i.covid_inc i.empstat i.edu || ctrcode:, mle
xtmixed passive c.rti_score##c.age i.gender inc i.covid_inc i.empstat || ctrcode:, mle
margins, dydx(rti_score) at(age=(20(5)65))
marginsplot
xtmixed passive c.rti_score##c.inc i.gender age i.covid_inc i.empstat || ctrcode:, mle
margins, dydx(rti_score) over(inc)
marginsplot
xtmixed active c.rti_score##c.age i.gender inc i.covid_inc i.empstat || ctrcode:, mle
margins, dydx(rti_score) at(age=(20(5)65))
marginsplot
xtmixed active c.rti_score##c.inc i.gender age i.covid_inc i.empstat || ctrcode:, mle
margins, dydx(rti_score) over(inc)
marginsplot
reg passive rti_score if ctrcode=="NOR"	
local omega = (_se[rti_score])^2
di `omega'
