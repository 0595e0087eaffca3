* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:Tathi12/ps6_A_L_p_r@119cacf81dbaa7acd4482e2893e00224acb31c4b programs/ps6.do (applied-econometrics problem set on the castle-doctrine laws, Cheng and Hoekstra's state-year panel: globals of variable ranges r20001-r20104 and trend_1-trend_51, label var, twelve xtreg ..., fe cluster(sid) with and without [aweight=popwt] for each of three crimes, outreg2 using .tex keep() dec(4) label addtext(); then csdid ..., ivar() time() gvar() method(reg) notyet, estat pretrend/simple/calendar/group/event, csdid_plot, graph combine, did_imputation; `///` continuations joined)
* author: repository Tathi12 (a course group's problem set)
* licence: none stated
* data: C:\Users\x\castle.dta = castle_doctrine_states
global main "C:\x"
global input "$main/input"
global output "$main/output"
ssc install outreg2

use "C:\Users\x\castle.dta", clear
xtset sid year

global region r20001-r20104
global crime1 jhcitizen_c jhpolice_c murder homicide robbery assault burglary larceny motor robbery_gun_r
global lintrend trend_1-trend_51
global demo blackm_15_24 whitem_15_24 blackm_25_44 whitem_25_44
global spending l_exp_subsidy l_exp_pubwelfare
global xvar l_police unemployrt poverty l_income l_prisoner l_lagprisoner $demo $spending

label var post "a"
label var pre2_cdl "a"
label var l_burglary "a"
label var l_robbery "a"
label var l_assault "a"

xtreg l_burglary post i.year [aweight=popwt], fe cluster(sid)
outreg2 using "$output/table4a.tex", replace keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, No, Time-Varying Controls, No, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, No)

xtreg l_burglary post i.year $region [aweight=popwt], fe cluster(sid)
outreg2 using "$output/table4a.tex", append keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, No, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, No)

xtreg l_burglary post i.year $region $xvar [aweight=popwt], fe cluster(sid)
outreg2 using "$output/table4a.tex", append keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, Yes, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, No)

xtreg l_burglary post pre2_cdl i.year $region $xvar [aweight=popwt], fe cluster(sid)
outreg2 using "$output/table4a.tex", append keep(post pre2_cdl) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, Yes, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, No)

xtreg l_burglary post i.year $region $xvar $crime1 [aweight=popwt], fe cluster(sid)
outreg2 using "$output/table4a.tex", append keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, Yes, Contemporaneous Crime Rates, Yes, State-Specific Linear Time Trends, No)

xtreg l_burglary post i.year $region $xvar $lintrend [aweight=popwt], fe cluster(sid)
outreg2 using "$output/table4a.tex", append keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, Yes, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, Yes)

xtreg l_burglary post i.year, fe cluster(sid)
outreg2 using "$output/table4a.tex", append keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects,  , Time-Varying Controls, No, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, No)

xtreg l_burglary post i.year $region, fe cluster(sid)
outreg2 using "$output/table4a.tex", append keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, No, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, No)

xtreg l_burglary post i.year $region $xvar, fe cluster(sid)
outreg2 using "$output/table4a.tex", append keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, Yes, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, No)

xtreg l_burglary post pre2_cdl i.year $region $xvar, fe cluster(sid)
outreg2 using "$output/table4a.tex", append keep(post pre2_cdl) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, Yes, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, No)

xtreg l_burglary post i.year $region $xvar $crime1, fe cluster(sid)
outreg2 using "$output/table4a.tex", append keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, Yes, Contemporaneous Crime Rates, Yes, State-Specific Linear Time Trends, No)

xtreg l_burglary post i.year $region $xvar $lintrend, fe cluster(sid)
outreg2 using "$output/table4a.tex", append keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, Yes, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, Yes)

xtreg l_robbery post i.year [aweight=popwt], fe cluster(sid)
outreg2 using "$output/table4b.tex", replace keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, No, Time-Varying Controls, No, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, No)

xtreg l_robbery post i.year $region [aweight=popwt], fe cluster(sid)
outreg2 using "$output/table4b.tex", append keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, No, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, No)

xtreg l_robbery post i.year $region $xvar [aweight=popwt], fe cluster(sid)
outreg2 using "$output/table4b.tex", append keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, Yes, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, No)

xtreg l_robbery post pre2_cdl i.year $region $xvar [aweight=popwt], fe cluster(sid)
outreg2 using "$output/table4b.tex", append keep(post pre2_cdl) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, Yes, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, No)

xtreg l_robbery post i.year $region $xvar $crime1 [aweight=popwt], fe cluster(sid)
outreg2 using "$output/table4b.tex", append keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, Yes, Contemporaneous Crime Rates, Yes, State-Specific Linear Time Trends, No)

xtreg l_robbery post i.year $region $xvar $lintrend [aweight=popwt], fe cluster(sid)
outreg2 using "$output/table4b.tex", append keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, Yes, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, Yes)

xtreg l_robbery post i.year, fe cluster(sid)
outreg2 using "$output/table4b.tex", append keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects,  , Time-Varying Controls, No, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, No)

xtreg l_robbery post i.year $region, fe cluster(sid)
outreg2 using "$output/table4b.tex", append keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, No, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, No)

xtreg l_robbery post i.year $region $xvar, fe cluster(sid)
outreg2 using "$output/table4b.tex", append keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, Yes, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, No)

xtreg l_robbery post pre2_cdl i.year $region $xvar, fe cluster(sid)
outreg2 using "$output/table4b.tex", append keep(post pre2_cdl) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, Yes, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, No)

xtreg l_robbery post i.year $region $xvar $crime1, fe cluster(sid)
outreg2 using "$output/table4b.tex", append keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, Yes, Contemporaneous Crime Rates, Yes, State-Specific Linear Time Trends, No)

xtreg l_robbery post i.year $region $xvar $lintrend, fe cluster(sid)
outreg2 using "$output/table4b.tex", append keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, Yes, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, Yes)

xtreg l_assault post i.year [aweight=popwt], fe cluster(sid)
outreg2 using "$output/table4c.tex", replace keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, No, Time-Varying Controls, No, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, No)

xtreg l_assault post i.year $region [aweight=popwt], fe cluster(sid)
outreg2 using "$output/table4c.tex", append keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, No, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, No)

xtreg l_assault post i.year $region $xvar [aweight=popwt], fe cluster(sid)
outreg2 using "$output/table4c.tex", append keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, Yes, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, No)

xtreg l_assault post pre2_cdl i.year $region $xvar [aweight=popwt], fe cluster(sid)
outreg2 using "$output/table4c.tex", append keep(post pre2_cdl) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, Yes, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, No)

xtreg l_assault post i.year $region $xvar $crime1 [aweight=popwt], fe cluster(sid)
outreg2 using "$output/table4c.tex", append keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, Yes, Contemporaneous Crime Rates, Yes, State-Specific Linear Time Trends, No)

xtreg l_assault post i.year $region $xvar $lintrend [aweight=popwt], fe cluster(sid)
outreg2 using "$output/table4c.tex", append keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, Yes, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, Yes)

xtreg l_assault post i.year, fe cluster(sid)
outreg2 using "$output/table4c.tex", append keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects,  , Time-Varying Controls, No, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, No)

xtreg l_assault post i.year $region, fe cluster(sid)
outreg2 using "$output/table4c.tex", append keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, No, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, No)

xtreg l_assault post i.year $region $xvar, fe cluster(sid)
outreg2 using "$output/table4c.tex", append keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, Yes, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, No)

xtreg l_assault post pre2_cdl i.year $region $xvar, fe cluster(sid)
outreg2 using "$output/table4c.tex", append keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, Yes, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, No)

xtreg l_assault post i.year $region $xvar $crime1, fe cluster(sid)
outreg2 using "$output/table4c.tex", append keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, Yes, Contemporaneous Crime Rates, Yes, State-Specific Linear Time Trends, No)

xtreg l_assault post i.year $region $xvar $lintrend, fe cluster(sid)
outreg2 using "$output/table4c.tex", append keep(post) dec(4) label addtext(State and Year Fixed Effects, Yes, Region-by-Year Fixed Effects, Yes, Time-Varying Controls, Yes, Contemporaneous Crime Rates, No, State-Specific Linear Time Trends, Yes)

ssc install drdid
ssc install csdid

replace effyear = 0 if effyear == .

gen lgassault = log(assault)

csdid lgassault population sid year, ivar(sid) time(year) gvar(effyear) method(reg) notyet

estat pretrend
estat simple
estat calendar
estat group
estat event
csdid_plot, title("a")

csdid_plot, group(2005) name(m1,replace) title("a")
csdid_plot, group(2007) name(m2,replace) title("a")
csdid_plot, group(2008) name(m3,replace) title("a")
csdid_plot, group(2009) name(m4,replace) title("a")
graph combine m1 m2 m3 m4, xcommon scale(0.8)

ssc install did_imputation

replace effyear = . if effyear == 0

did_imputation l_assault sid year effyear
