* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 1909777929 (a public GitHub .do file, a replication of Gessler and Hunger's PSRM article on party competition: monthly salience of the environment for parties, Arellano-Bond models with the Green party's salience and polls, all countries and country by country, written to outreg2 LaTeX tables, with the Arellano-Bond autocorrelation test; the index does not name the repository)
* author: unknown (the path in the file names a scripts-issue-agendas project)
* licence: none stated
* data: stata-replication-green.dta = green_salience
set more off
set scheme s1mono
clear all
cd "C:\project"
use "stata-replication-green.dta", clear
drop if sal == .
drop if polling == .
generate date_m = mofd(date)
format date_m %tm
gen partyid = parlgov_id
xtset partyid date_m
gen countryid = 0
replace countryid = 1 if country == "AT"
replace countryid = 2 if country == "DE"
replace countryid = 4 if country == "DK"
replace countryid = 5 if country == "ES"
replace countryid = 6 if country == "IE"
replace countryid = 7 if country == "NL"
replace countryid = 8 if country == "PL"
replace countryid = 9 if country == "SE"
replace countryid = 10 if country == "UK"
label define countrylab 1 "c1" 2 "c2" 3 "c3" 4 "c4" 5 "c5" 6 "c6" 7 "c7" 8 "c8" 9 "c9" 10 "c10"
label values countryid countrylab
label var sal "text"
label var sal_green_p "text"
xtabond sal sal_green_p L.sal_green_p polls_green , vce(robust) lags(2)
outreg2 using model1agreen, ctitle(all) replace label tex dec(2) pdec(2)  alpha(0.001, 0.01, 0.05)
estat abond
xtabond sal sal_green_p L.sal_green_p polls_green if countryid == 1, vce(robust) lags(2)
outreg2 using model1agreen, ctitle(AT) append  label tex dec(2) pdec(2)  alpha(0.001, 0.01, 0.05)
xtabond sal sal_green_p L.sal_green_p polls_green  if countryid == 2, vce(robust) lags(2)
outreg2 using model1agreen, ctitle(DE) append  label tex dec(2) pdec(2)  alpha(0.001, 0.01, 0.05)
xtabond sal sal_green_p L.sal_green_p polls_green  if countryid == 4, vce(robust) lags(2)
outreg2 using model1agreen, ctitle(DK) append  label tex dec(2) pdec(2)  alpha(0.001, 0.01, 0.05)
xtabond sal sal_green_p L.sal_green_p  polls_green  if countryid == 6, vce(robust) lags(2)
outreg2 using model1agreen, ctitle(IE) append  label tex dec(2) pdec(2) 
xtabond sal sal_green_p L.sal_green_p polls_green  if countryid == 7, vce(robust) lags(2)
outreg2 using model1agreen, ctitle(NL) append  label tex dec(2) pdec(2)  alpha(0.001, 0.01, 0.05)
xtabond sal sal_green_p L.sal_green_p polls_green  if countryid == 9, vce(robust) lags(2)
outreg2 using model1agreen, ctitle(SE) append  label tex dec(2) pdec(2)  alpha(0.001, 0.01, 0.05)
xtabond sal sal_green_p L.sal_green_p polls_green  if countryid == 10, vce(robust) lags(2)
outreg2 using model1agreen, ctitle(UK) append  label tex dec(2) pdec(2)  alpha(0.001, 0.01, 0.05)
