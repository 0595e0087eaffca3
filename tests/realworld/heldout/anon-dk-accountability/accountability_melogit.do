* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 37577822553 (a public GitHub .do file, the supplementary-materials code of an article on political responsibility and electoral accountability in Danish municipal elections, Stata 15.1; excerpt: the treatment histogram, the manipulation checks (S4), the multilevel logits (S5) and the lagged-vote logits (S8) -- left out are the descriptive-statistics tables written with file write (S3), the randomization inference (10,000 permuted logit fits and its graph) and the other-outcomes loop (S7, needs latabstat): label values on an abbreviated variable, ta ..., nofreq col, hist with by(, note() iscale()) scheme(plotplain), ttest/prtest by(), melogit ... (c.unemp)##treat ... ||muni:, vce(cluster muni) with abbreviated variable names, margins, dydx(unemp) over(treat) post predict(mu fixedonly), test and locals from _b[0bn.treatment] and _se[], est restore, estadd scalar ..., replace, esttab using .tex with stats(, layout() labels() fmt()) keep() varlabel() indicate(); the index does not name the repository)
* author: unknown (the header names the article's author)
* licence: none stated
* data: 09rep.dta = dk_municipal_survey
* data: 13rep.dta = dk_municipal_survey_2013
set seed 9854
use "09rep.dta"
label define treat 0 "A" 1 "B"
label values treat treat
ta unemp treat , nofreq col
hist unem, by(treat, note("") iscale(1)) scheme(plotplain) percent xtitle(, size(medlarge)) ytitle(,size(medlarge)) xlabel(, labsize(medlarge)) ylabel(, labsize(medlarge))
graph export "figure1.eps", replace
use "13rep.dta", clear
ttest power_may, by(treat)
prtest muni_res, by(treat)
use "09rep.dta", clear
ttest power_may, by(treat)
prtest muni_res, by(treat)
use "09rep.dta",
eststo a: melogit borg_vote (c.unemp)##treat c.admin c.housing c.elderly||muni:, vce(cluster muni)
margins, dydx(unemp) over(treat) post  predict(mu fixedonly)
test _b[0bn.treatment]==_b[1.treatment]
local a=(_b[0bn.treatment])
local b=_b[1.treatment]
local c=r(p)
local d=(_se[0bn.treatment])
local e=_se[1.treatment]
est restore a
estadd scalar p=`c', replace
estadd scalar t=`a', replace
estadd scalar c=`b', replace
estadd scalar t_se=`d', replace
estadd scalar c_se=`e', replace
estadd scalar dif=`b'-`a', replace
eststo b: melogit borg_vote (c.unemp)##treat c.admin c.housing c.elderly i.localmed i.natmed i.educ i.employment c.age ||muni:, vce(cluster muni)
margins, dydx(unemp) over(treat) post  predict(mu fixedonly)
test _b[0bn.treatment]==_b[1.treatment]
local a=(_b[0bn.treatment])
local b=_b[1.treatment]
local c=r(p)
local d=(_se[0bn.treatment])
local e=_se[1.treatment]
est restore b
estadd scalar p=`c', replace
estadd scalar t=`a', replace
estadd scalar c=`b', replace
estadd scalar t_se=`d', replace
estadd scalar c_se=`e', replace
estadd scalar dif=`b'-`a', replace
eststo c: melogit borg_vote (c.unemp)##treat c.admin c.housing c.elderly ft_vote i.gov_may c.ideology i.localmed i.natmed i.educ i.employment c.age || muni: , vce(cluster muni)
margins, dydx(unemp) over(treat) post  predict(mu fixedonly)
test _b[0bn.treatment]==_b[1.treatment]
local a=(_b[0bn.treatment])
local b=_b[1.treatment]
local c=r(p)
local d=(_se[0bn.treatment])
local e=_se[1.treatment]
est restore c
estadd scalar p=`c', replace
estadd scalar t=`a', replace
estadd scalar c=`b', replace
estadd scalar t_se=`d', replace
estadd scalar c_se=`e', replace
estadd scalar dif=`b'-`a', replace
eststo d: melogit borg_vote (c.unemp)##treat c.admin c.housing c.elderly ft_vote i.gov_may c.ideology i.localmed i.educ i.employment c.age logindv kvindpol govmayor govsupport logindb || muni: , vce(cluster muni)
margins, dydx(unemp) over(treat) post  predict(mu fixedonly)
test _b[0bn.treatment]==_b[1.treatment]
local a=(_b[0bn.treatment])
local b=_b[1.treatment]
local c=r(p)
local d=(_se[0bn.treatment])
local e=_se[1.treatment]
est restore d
estadd scalar p=`c', replace
estadd scalar t=`a', replace
estadd scalar c=`b', replace
estadd scalar t_se=`d', replace
estadd scalar c_se=`e', replace
estadd scalar dif=`b'-`a', replace
la var borg_vote "%nolabel"
esttab a b c d using table_s5.tex, replace se  label nomtitles b(%9.2f) title(Title one} \footnotesize \label{table_s5) varlabel(unemp_perf "Label 1" 1.treatment "Label 2" 1.treatment#c.unemp_perf "Label 3" elderly "Label 4" housing "Label 5" administration "Label 6") stats(t t_se c c_se dif p  ll N, layout(@ (@) @ (@) @ @ @ @) labels("Row 1" " " "Row 2" " " "Row 3" "Row 4" "Row 5" "Row 6" ) fmt(%8.2f %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f  %8.0f %8.0f)) addnotes("Note one." "Note two.") star(+  0.1 * 0.05) nonotes keep(unemp_perf 1.treatment 1.treatment#c.unemp_perf elderly housing administration)  
use 09rep.dta, clear
eststo a: logit lv (c.unemp)##treat c.admin c.elderly c.housing, vce(cluster muni)
margins, dydx(unemp) at(treat=(0 1)) post
test _b[2._at]==_b[1bn._at] 
local a=(_b[1bn._at])
local b=_b[2._at]
local c=r(p)
local d=(_se[1bn._at])
local e=_se[2._at]
est restore a
estadd scalar p=`c', replace
estadd scalar t=`a', replace
estadd scalar c=`b', replace
estadd scalar t_se=`d', replace
estadd scalar c_se=`e', replace
estadd scalar dif=`b'-`a', replace
eststo b: logit lv (c.unemp)##treat c.admin c.housing c.elderly i.localmed i.educ i.employment c.age, vce(cluster muni)
margins, dydx(unemp) at(treat=(0 1)) post
test _b[2._at]==_b[1bn._at] 
local a=(_b[1bn._at])
local b=_b[2._at]
local c=r(p)
local d=(_se[1bn._at])
local e=_se[2._at]
est restore b
estadd scalar p=`c', replace
estadd scalar t=`a', replace
estadd scalar c=`b', replace
estadd scalar t_se=`d', replace
estadd scalar c_se=`e', replace
estadd scalar dif=`b'-`a', replace
eststo c: logit lv (c.unemp)##treat  c.admin c.housing c.elderly ft_vote i.gov_may c.ideology i.localmed i.educ i.employment c.age, vce(cluster muni)
margins, dydx(unemp) at(treat=(0 1)) post
test _b[2._at]==_b[1bn._at] 
local a=(_b[1bn._at])
local b=_b[2._at]
local c=r(p)
local d=(_se[1bn._at])
local e=_se[2._at]
est restore c
estadd scalar p=`c', replace
estadd scalar t=`a', replace
estadd scalar c=`b', replace
estadd scalar t_se=`d', replace
estadd scalar c_se=`e', replace
estadd scalar dif=`b'-`a', replace
eststo d: logit lv (c.unemp)##treat  c.admin c.housing c.elderly ft_vote i.gov_may c.ideology i.localmed i.educ i.employment c.age logindv kvindpol govmayor govsupport logindb, vce(cluster muni)
margins, dydx(unemp) at(treat=(0 1)) post
test _b[2._at]==_b[1bn._at] 
local a=(_b[1bn._at])
local b=_b[2._at]
local c=r(p)
local d=(_se[1bn._at])
local e=_se[2._at]
est restore d
estadd scalar p=`c', replace
estadd scalar t=`a', replace
estadd scalar c=`b', replace
estadd scalar t_se=`d', replace
estadd scalar c_se=`e', replace
estadd scalar dif=`b'-`a', replace
la var lv "%borg"
esttab a b c d using table_s8.tex, replace se  label nomtitles b(%9.2f) title(Title two} \footnotesize \label{table_s8) keep(unemp_perf 1.treatment 1.treatment#c.unemp_perf elderly housing administration) indicate("\hline Group 1=age" "Group 2=ideology" "Group 3=govsupport",labels("$\checkmark$" " ") ) varlabel(unemp_perf "Label 1" 1.treatment "Label 2" 1.treatment#c.unemp_perf "Label 3" elderly "Label 4" housing "Label 5" administration "Label 6") stats(t t_se c c_se dif p r2_p  ll N, layout (@ (@) @ (@) @ @ @ @ @) labels("Row 1" " " "Row 2" " " "Row 3" "Row 4" "Row 5" "Row 6" "Row 7" ) fmt(%8.2f %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f  %8.0f %8.0f)) addnotes("Note one." "Note two.") star(+  0.1 * 0.05) nonotes
