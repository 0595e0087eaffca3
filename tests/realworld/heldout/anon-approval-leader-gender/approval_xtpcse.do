* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 37719404473 (a public GitHub .do file of a comparative-politics paper on presidential approval and the leader's gender, a country-quarter panel of presidential democracies: twoway line/bar by(country) with nested by() options, lpolyci by(female), Prais-Winsten panel-corrected regressions xtpcse ... l(0/1). l(0/2). f(1/2). lag/lead ranges with i.country_code, cor(psar1) i (the abbreviation of independent), interactions of lag ranges with female (l(0/2).x##female, l(0/1).c.x##c.female), outreg2 ... excel, margins dydx() of lagged and led terms at(female=(0 1)) with saving() and pwcompare(cieffects pveffects effects cimargins groups), combomarginsplot of the saved files, margins at() of time-series operated variables, marginsplot xdimension() recast() recastci(), graph save, summarize/ttest by(female) comparisons; excerpt: the main text, the first appendix block, the R&R comparisons and the first model of each of the female-country, no-Asia and Asia-dummy blocks, their repeats and the TI-scale block left out; the index does not name the repository)
* author: unknown
* licence: none stated
* data: CCL_bjps_data.dta = approval_leader_gender

use "CCL_bjps_data.dta", clear
twoway (line approval qtr, sort) (bar presidentialelection_c qtr, yaxis(2)) if  admin~=. & approval~=., legend(off) yscale(off axis(2))  xlabel(, angle(forty_five)) by(, graphregion(fcolor(white) lcolor(white) ifcolor(white) ilcolor(white))) by(country, cols(3) note(`""'))

twoway(line approval qtr, sort) (bar presidentialelection_gr qtr,  yaxis(2) barwidth(.5) yscale(off axis(2)) ylabel(0(1)1, axis(2)) if e(sample) & admin~=., by(country)

twoway (lpolyci approval std_ticker, degree(1) ciplot(rspike)), ytitle( Approval) by(female)

xtpcse approval l(0/1).q_grow_pc  l(0/1).q_log female  l(0/2).presidentialelection_corrected f(1/2).presidentialelection_corrected i.country_code, cor(psar1) i
	outreg2 using "table1", excel replace label

	xtpcse approval l(0/1).q_grow_pc  l(0/1).q_log   l(0/2).presidentialelection_corrected##female f(1/2).presidentialelection_corrected##female i.country_code, cor(psar1) i

margins , dydx(presidentialelection_corrected ) at( female=(0 1)) saving(file1, replace) pwcompare(cieffects pveffects effects cimargins groups)
margins , dydx(l.presidentialelection_corrected ) at( female=(0 1)) saving(file2, replace) pwcompare(cieffects pveffects effects cimargins groups)
margins , dydx(l2.presidentialelection_corrected ) at( female=(0 1)) saving(file3, replace) pwcompare(cieffects pveffects effects cimargins groups)
margins , dydx(f.presidentialelection_corrected ) at( female=(0 1)) saving(file4, replace) pwcompare(cieffects pveffects effects cimargins groups)
margins , dydx(f2.presidentialelection_corrected ) at( female=(0 1)) saving(file5, replace) pwcompare(cieffects pveffects effects cimargins groups)

combomarginsplot file1 file2 file3 file4 file5 , labels("A" "B" "C"  "D" "E") recast(scatter)  by(_filenumber)  yline(0, lcolor(red)) scheme(sj) graphregion(fcolor(white)) xscale(range(-.5 1.5)) title(Title) ytitle(Effects)
graph save Graph "fig2.gph", replace

margins , dydx( female) at( presidentialelection_corrected=(  1 0) l.presidentialelection_corrected=(0) l2.presidentialelection_corrected=(1 0) f.presidentialelection_corrected=(0) f2.presidentialelection_corrected=(0)) pwcompare(cieffects  ) saving(file6, replace)
preserve
use "file6.dta"
keep if _pw==4
replace _pw=1
twoway (rcap _ci_lb _ci_ub _pw) (scatter _margin _pw), yline(0) yscale(alt)
restore

margins , dydx(l2.presidentialelection_corrected ) at( female=(0 1)) pwcompare  pwcompare(cieffects pveffects effects cimargins groups)

margins , dydx( ) at( female=(0 1) presidentialelection_corrected=( 1) l.presidentialelection_corrected=(0) l2.presidentialelection_corrected=(0) f.presidentialelection_corrected=(0) f2.presidentialelection_corrected=(0)) saving(file1, replace)
margins , dydx( ) at( female=(0 1) presidentialelection_corrected=( 0) l.presidentialelection_corrected=(1) l2.presidentialelection_corrected=(0) f.presidentialelection_corrected=(0) f2.presidentialelection_corrected=(0)) saving(file2, replace)
margins , dydx( ) at( female=(0 1) presidentialelection_corrected=( 0) l.presidentialelection_corrected=(0) l2.presidentialelection_corrected=(1) f.presidentialelection_corrected=(0) f2.presidentialelection_corrected=(0)) saving(file3, replace)
margins , dydx( ) at( female=(0 1) presidentialelection_corrected=( 0) l.presidentialelection_corrected=(0) l2.presidentialelection_corrected=(0) f.presidentialelection_corrected=(1) f2.presidentialelection_corrected=(0)) saving(file4, replace)
margins , dydx( ) at( female=(0 1) presidentialelection_corrected=( 0) l.presidentialelection_corrected=(0) l2.presidentialelection_corrected=(0) f.presidentialelection_corrected=(0) f2.presidentialelection_corrected=(1)) saving(file5, replace)
combomarginsplot file1 file2 file3 file4 file5, labels("A" "B" "C"  "D" "E") recast(scatter)  by(_filenumber)   scheme(sj) graphregion(fcolor(white)) xscale(range(-.5 1.5)) title("") ytitle("Predicted")  yline(45.3, lcolor(red))

xtpcse approval l(0/1).c.q_grow_pc##c.female  l(0/1).c.q_log##c.female   l(0/2).presidentialelection_corrected f(1/2).presidentialelection_corrected i.country_code, cor(psar1) i
	outreg2 using "table2", excel replace label

xtpcse approval l(0/1).q_grow_pc  l(0/1).q_log  female##c.q_vdem_corr  l(0/2).presidentialelection_corrected f(1/2).presidentialelection_corrected i.country_code, cor(psar1) i
	outreg2 using "table3", excel replace label

	quietly: margins,  at(q_vdem_corr=(.1 (.01) .7) female=(0 1)) 
	marginsplot, xdimension(q_vdem_corr) recast(line) plot1opts(lpattern(dash)) recastci(rline) ciopts(lpattern(tight_dot)) ytitle(Approval)  title("Title") scheme(sj) graphregion(fcolor(white) lcolor(white))
graph save Graph "fig3_1.gph", replace

xtpcse approval l(0/1).q_grow_pc  l(0/1).q_log  female##c.event  l(0/2).presidentialelection_corrected f(1/2).presidentialelection_corrected i.country_code, cor(psar1) i
	outreg2 using "table4", excel replace label

	quietly: margins,  at(event=(0 (10) 150) female=(0 1)) 
	marginsplot, xdimension(event) recast(line) plot1opts(lpattern(dash)) recastci(rline) ciopts(lpattern(tight_dot)) ytitle(Approval) title("Title") scheme(sj) graphregion(fcolor(white) lcolor(white))
	graph save Graph "fig3_2.gph", replace

xtpcse approval l(0/1).q_grow_pc  l(0/1).q_log  female##c.q_homicide   l(0/2).presidentialelection_corrected f(1/2).presidentialelection_corrected i.country_code, cor(psar1) i
	outreg2 using "table5", excel replace label

	quietly: margins,  at(q_homicide=(0 (1) 28) female=(0 1)) 
	marginsplot, xdimension(q_homicide) recast(line) plot1opts(lpattern(dash)) recastci(rline) ciopts(lpattern(tight_dot)) ytitle(Approval) title("Title") scheme(sj) graphregion(fcolor(white) lcolor(white))
		graph save Graph "fig3_3.gph", replace

xtpcse approval l(0/1).q_grow_pc  l(0/1).q_log female i.b1.exec_ideo l(0/2).presidentialelection_corrected f(1/2).presidentialelection_corrected i.country_code, cor(psar1) i
	outreg2 using "table6", excel replace label

	xtpcse approval l(0/1).q_grow_pc  l(0/1).q_log  i.b1.exec_ideo l(0/2).presidentialelection_corrected##female f(1/2).presidentialelection_corrected##female i.country_code, cor(psar1) i

margins , dydx(presidentialelection_corrected ) at( female=(0 1)) saving(file1, replace)
margins , dydx(l.presidentialelection_corrected ) at( female=(0 1)) saving(file2, replace)
margins , dydx(l2.presidentialelection_corrected ) at( female=(0 1)) saving(file3, replace)
margins , dydx(f.presidentialelection_corrected ) at( female=(0 1)) saving(file4, replace)
margins , dydx(f2.presidentialelection_corrected ) at( female=(0 1)) saving(file5, replace)

combomarginsplot file1 file2 file3 file4 file5 , labels("A" "B" "C"  "D" "E") recast(scatter)  by(_filenumber)  yline(0, lcolor(red)) scheme(sj) graphregion(fcolor(white)) xscale(range(-.5 1.5)) title(Title) ytitle(Effects)
graph save Graph "fig2a.gph", replace

sum q_grow_pc q_log event q_vdem_corr q_ti_cpi q_homicide if female==1 & admin_ticker<3
sum q_grow_pc q_log event q_vdem_corr q_ti_cpi q_homicide if female==0 & admin_ticker<3

sum q_grow_pc q_log event q_vdem_corr q_ti_cpi q_homicide if female==1 & admin_ticker<3 & country_w_female==1
sum q_grow_pc q_log event q_vdem_corr q_ti_cpi q_homicide if female==0 & admin_ticker<3 & country_w_female==1

ttest q_homicide if admin_ticker<3 & country_w_female==1, by (female)
ttest q_grow_pc if admin_ticker<3 & country_w_female==1, by (female)
ttest q_log if admin_ticker<3 & country_w_female==1, by (female)
ttest event if admin_ticker<3 & country_w_female==1, by (female)
ttest q_vdem_corr if admin_ticker<3 & country_w_female==1, by (female)
ttest q_ti_cpi if admin_ticker<3 & country_w_female==1, by (female)

xtpcse approval l(0/1).q_grow_pc  l(0/1).q_log female  l(0/2).presidentialelection_corrected f(1/2).presidentialelection_corrected i.country_code if country_w_female==1, cor(psar1) i
	outreg2 using "table7", excel replace label

gen asia_country=LA_country
recode asia_country 1=0 0=1
 twoway (lpolyci approval std_ticker if LA_country==1, degree(1) ciplot(rspike)), ytitle( Approval) by(female)

xtpcse approval l(0/1).q_grow_pc  l(0/1).q_log female  l(0/2).presidentialelection_corrected f(1/2).presidentialelection_corrected i.country_code if LA_country==1, cor(psar1) i
	outreg2 using "table8", excel replace label

xtpcse approval l(0/1).q_grow_pc  l(0/1).q_log female  l(0/2).presidentialelection_corrected f(1/2).presidentialelection_corrected asia_country i.country_code , cor(psar1) i
	outreg2 using "table9", excel replace label
