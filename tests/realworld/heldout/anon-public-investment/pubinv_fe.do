* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 29797457868 (a public GitHub .do file: public investment in a country panel regressed on macro controls and, one at a time and together, on tax and spending components, with country fixed effects, year dummies and robust errors; the index does not name the repository)
* author: unknown
* licence: none stated
* preload: oecd_pubinv
encode country, gen(country1)
xtset country1 time
tab time, gen(yr_)
xtreg pubinv gdp lfpr popgrowth adr yr*, fe vce(robust)
xtreg pubinv taxrev yr*, fe vce(robust)
xtreg pubinv gast yr*, fe vce(robust)
xtreg pubinv intax yr*, fe vce(robust)
xtreg pubinv proptax yr*, fe vce(robust)
xtreg pubinv payrolltax yr*, fe vce(robust)
xtreg pubinv ssc yr*, fe vce(robust)
xtreg pubinv proptax yr*, fe vce(robust)
xtreg pubinv wages yr*, fe vce(robust)
xtreg pubinv intpay yr*, fe vce(robust)
xtreg pubinv subs yr*, fe vce(robust)
xtreg pubinv pubconsm yr*, fe vce(robust)
xtreg pubinv gdp lfpr popgrowth adr gast intax proptax payrolltax ssc yr*, fe vce(robust)
xtreg pubinv gdp lfpr popgrowth adr wages intpay subs pubconsm yr*, fe vce(robust)
