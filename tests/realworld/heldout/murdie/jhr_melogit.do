* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 37003143028 (a public GitHub .do file, replication of a Journal of Human Rights article on protest and attitudes toward government restrictions of opinion: respondents in countries, random-intercept melogit and meologit models with vce(robust), pie charts by country, and average marginal effects with vce(unconditional) plotted horizontally; the index does not name the repository) (excerpt: data preparation, Tables 1-3 with their figures and the marginal-effects section; the robustness tests after it -- the same models with one-year lags, age levels, physical-integrity rights and corruption -- left out)
* author: Amanda Murdie (contact line in the file)
* licence: none stated
* data: replication_data.dta = murdie_jhr
cd "C:/x/data"
use "replication_data.dta", replace
replace dd5a=. if dd5a==99
replace dd1=. if dd1==9
gen lnviolprotpast5 = ln(violprotpast5 +1)
gen lnnonvprotpast5check= ln(nonvprotpast5 +1)
gen lnviolprotgovtpast5 = ln(violprotgovtpast5 +1)
gen lnnonvprotgovtpast5= ln(nonvprotgovtpast5 +1)
gen lnattackatallpast5 = ln(attackatallpast5+1)
tab q6
bysort ccode: tab q6
melogit q6 dd1 dd2a dd5a dd6a lpolity lciri_a llnpop llngdp lnviolprotgovtpast5  lnnonvprotgovtpast5 || ccode:, vce(robust)
melogit q6 dd1 dd2a dd5a dd6a lpolity lciri_a llnpop llngdp lnviolprotpast  lnnonvprotpast5check || ccode:, vce(robust)
melogit q6 dd1 dd2a dd5a dd6a lpolity lciri_a llnpop llngdp lnviolprotpast5  lnnonvprotpast5check  lnattackatallpast5|| ccode:, vce(robust)
graph pie if e(sample), over(q6) by(country) line(lcolor(gs0)) pie(1, color(gs6) ) pie(2, color(gs0) )
recode q3 4=1 3=2 2=3 1=4,gen(REVERSEDq3)
meologit REVERSEDq3 dd1 dd2a dd5a dd6a lpolity lciri_s llnpop llngdp lnviolprotgovtpast5  lnnonvprotgovtpast5 || ccode:, vce(robust)
meologit REVERSEDq3  dd1 dd2a dd5a dd6a lpolity lciri_s llnpop llngdp lnviolprotpast5  lnnonvprotpast5check || ccode:, vce(robust)
meologit REVERSEDq3  dd1 dd2a dd5a dd6a lpolity lciri_s llnpop llngdp lnviolprotpast5  lnnonvprotpast5check lnattackatallpast5|| ccode:, vce(robust)
tab REVERSEDq3 q6
graph pie if e(sample), over(REVERSEDq3) by(country) pie(4, color(gs0) ) pie(3, color(gs6)) pie(2, color(gs10)) pie(1, color(gs16)) line(lcolor(gs0))
melogit q5 dd1 dd2a dd5a dd6a lpolity lciri_s llnpop llngdp lnviolprotgovtpast5  lnnonvprotgovtpast5 || ccode:, vce(robust)
melogit q5 dd1 dd2a dd5a dd6a lpolity lciri_s llnpop llngdp lnviolprotpast5  lnnonvprotpast5check || ccode:, vce(robust)
melogit q5 dd1 dd2a dd5a dd6a lpolity lciri_s llnpop llngdp lnviolprotpast5  lnnonvprotpast5check lnattackatallpast5|| ccode:, vce(robust)
graph pie if e(sample), over(q5) by(country) line(lcolor(gs0)) pie(1, color(gs6) ) pie(2, color(gs0) )
bysort country: tab q5 if e(sample)
melogit q6 dd1 dd2a dd5a dd6a lpolity lciri_a llnpop llngdp lnviolprotpast5  lnnonvprotpast5check || ccode:, vce(robust)
margins, dydx(*) vce(unconditional)
marginsplot, horizontal recast(scatter) xline(0) allsimple
meologit REVERSEDq3  dd1 dd2a dd5a dd6a lpolity lciri_s llnpop llngdp lnviolprotpast5  lnnonvprotpast5check || ccode:, vce(robust)
margins, dydx(*) vce(unconditional)
marginsplot, horizontal recast(scatter) xline(0) allsimple bydim(_predict) subtitle(, lc(black))
melogit q5 dd1 dd2a dd5a dd6a lpolity lciri_s llnpop llngdp lnviolprotpast5  lnnonvprotpast5check lnattackatallpast5 || ccode:, vce(robust)
margins, dydx(*) vce(unconditional)
marginsplot, horizontal recast(scatter) xline(0) allsimple
