* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 49590003175 (a public GitHub .do file, a panel-data simulation exercise: an AR(1) dynamic panel with individual effects simulated for 500 units over 6 and then 20 periods, and estimated by pooled OLS, fixed effects, first differences, Anderson-Hsiao IV and Arellano-Bond GMM, compared in an estimates table; the author's expected tables are in comments; the index does not name the repository)
* author: Chris Daigle (file header)
* licence: none stated
clear all
cls
set seed 333
global rho = 0.50
global obs_id = 500
global T = 6
set obs $obs_id 
generate id = _n 
generate alpha = rnormal()
generate e  = rnormal()
bysort id: generate y = 0.5 * alpha + e
expand  $T
bysort id: generate time = _n
xtset id time 
generate eps = rnormal()
bysort id: replace y = $rho * y[_n-1] + alpha + eps if time > 1
qui reg y L.y, r
estimates store POLS 
qui xtreg y L.y, fe cluster(id)
estimates store FE
qui reg D.(y L.y), cluster(id) 
estimates store FD_OLS 
qui ivreg D.y (DL.y = L2.y), nocons cluster(id)
estimates store AH
qui xtabond y, nocons robust
estimates store AB 
estimates table POLS FE FD_OLS AH AB, b(%7.4f) keep(L.y DL.y) se
clear all
cls
set seed 333
global rho = 0.50
global obs_id = 500
global T = 20
set obs $obs_id 
generate id = _n 
generate alpha = rnormal()
generate e  = rnormal()
bysort id: generate y = 0.5 * alpha + e
expand  $T
bysort id: generate time = _n
xtset id time 
generate eps = rnormal()
bysort id: replace y = $rho * y[_n-1] + alpha + eps if time > 1
qui reg y L.y, r
estimates store POLS 
qui xtreg y L.y, fe cluster(id)
estimates store FE
qui reg D.(y L.y), cluster(id) 
estimates store FD_OLS 
qui ivreg D.y (DL.y = L2.y), nocons cluster(id)
estimates store AH
qui xtabond y, nocons robust
estimates store AB
estimates table POLS FE FD_OLS AH AB, b(%7.4f) keep(L.y DL.y) se
