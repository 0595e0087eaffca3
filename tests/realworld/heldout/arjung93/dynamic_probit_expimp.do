* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:arjung93/expimp-prod@2fd6368aa0a677cf3e858d17d7a894584835730a STATA/biprobit.do (code-index file id 25490014266: a research project on exporting, importing and productivity of Indian firms -- dynamic random-effects probits of export and import status with initial conditions, year and industry dummies, each stored, average marginal effects with predict(pu0) posted and stored, esttab to LaTeX with drop() of the dummies and stats(rho sigma_u ll), and a bivariate probit with robust errors)
* author: repository arjung93 (paths in the file)
* licence: none stated
* data: biprobit.dta = expimp_firms
clear
capture log close	
global path "C:\Users\x\Downloads\expimp-prod-master\expimp-prod-master\STATA"
use "$path\biprobit.dta"
log using C:\Users\x\Downloads\expimp-prod-master\expimp-prod-master\STATA\results.log, text replace
xtset sa_finance1_cocode year
xtprobit exp lagexp lpres lgfa lsalary initexp i.year i.nic_2digit, re 
est store mexp1
margins, dydx(lagexp lpres lgfa lsalary) predict(pu0) post
est store mexp11
xtprobit exp lagexp lagimp lpres lgfa lsalary initexp i.year i.nic_2digit, re 
est store mexp2
margins, dydx(lagexp lagimp lpres lgfa lsalary) predict(pu0) post
est store mexp22
xtprobit imp lagimp lpres lgfa lsalary initimp i.year i.nic_2digit, re
est store mimp1
margins, dydx(lagimp lpres lgfa lsalary) predict(pu0) post
est store mimp11
xtprobit imp lagexp lagimp lpres lgfa lsalary initimp i.year i.nic_2digit, re
est store mimp2
margins, dydx(lagexp lagimp lpres lgfa lsalary) predict(pu0) post
est store mimp22
esttab mexp1 mexp2 mimp1 mimp2 using "$path\dynprobit.tex", replace drop(*.nic_2digit *.year) stats(rho sigma_u ll) 
esttab mexp11 mexp22 mimp11 mimp22 using "$path\dynprobitme.tex", replace
biprobit exp imp lagexp lagimp lpres lgfa lsalary i.year i.nic_2digit, r
est store a
esttab a using "$path/biprobit.tex" , replace drop(*.nic_2digit *.year) stats(rho chi2)
