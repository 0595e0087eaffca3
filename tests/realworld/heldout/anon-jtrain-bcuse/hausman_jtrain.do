* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 45903556471 (a public GitHub .do file of a panel-data exercise on Wooldridge's JTRAIN: pooled OLS, random- and fixed-effects xtreg stored with estimates store, a captured fit with a variable and its _rc displayed, #delimit ; display blocks of LaTeX text, hausman, and the two models again with vce(robust); the author's first line fuses log using with bcuse; the index does not name the repository)
* author: unknown
* licence: none stated
* data: jtrain = jtrain_panel
* mlm-expect: r(198)
log using bcuse jtrain, clear
* mlm-added: the author's log using line is refused by Stata (it meant bcuse jtrain, clear); load the data so the rest runs
use jtrain, clear
regress lscrap d88 d89 grant grant_1
xtset fcode
xtreg lscrap d88 d89 grant grant_1, re
estimates store regls
xtreg lscrap d88 d89 grant grant_1, fe
estimates store fe
capture xtreg lscrap d88 d89 grant grant_1 union, fe
display "`_rc'"
#delimit ;
display 
"Text $\hat{\beta_0}}$ 
text $\hat{\beta_1}}$,
 text 
 
$$(\hat{\beta_1}}-\hat{\beta_0}}'(\hat{\text{Var}(\hat{\beta_1}})}+\hat{\text{Var}(\hat{\beta_0}})})(\hat{\beta_1}}-\hat{\beta_0}})$$

";
#delimit cr
hausman fe regls
xtreg lscrap d88 d89 grant grant_1, re vce(robust)
estimates store regls_robust
xtreg lscrap d88 d89 grant grant_1, fe vce(robust)
estimates store fe_robust
#delimit ;
display 
"Text text,
text."
;
#delimit cr
