* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 21754933719 (a public GitHub .do file, a course project on TALIS 2013 Singapore: teachers' participation in professional development recoded from the questionnaire items, teacher and school factors built with recode of missing codes, a pweighted mean, then per outcome a pweighted logit with robust cl() and survey-weighted two-level logistic models -- meglm with a conditional level-1 weight written as an expression [pw=TCHWGT/SCHWGT] and pweight(SCHWGT) at the school level, and melogit with the unconditional weights -- stored and written with outreg2 [list] using ..., eform, the log then translated; pd4 and pd5 come from the two items the author's recode loop leaves coded 1/2, so the first loop's logit stops at pd4 in Stata too (r(2000), outcome does not vary: every value is a positive outcome); the author's stray */ after eform in the second loop is kept; the index does not name the repository)
* author: Youngjun Lee (file header), April 2017
* licence: none stated
* data: TALIS2013SGP_MERGED.dta = talis_sgp
clear all
set more off, permanently
set matsize 5000
cap log close
set linesize 80
log using "final project_0413.log", replace
use "TALIS2013SGP_MERGED.dta", clear
d, short
codebook IDSCHOOL
tab1 TT2G21A1 TT2G21B1 TT2G21C1 TT2G21G TT2G21H TT2G21I
foreach p of var TT2G21A1 TT2G21B1 TT2G21C1 TT2G21G TT2G21H TT2G21I {
recode `p' (2=0) (7 9 =.)
}
cap drop pd1
gen pd1=TT2G21A1
cap drop pd2
gen pd2=TT2G21B1 
cap drop pd3
gen pd3=TT2G21C1 
cap drop pd4
gen pd4=TT2G21D1
cap drop pd5
gen pd5=TT2G21E1
cap drop pd6
gen pd6=TT2G21G
cap drop pd7
gen pd7=TT2G21H
cap drop pd8
gen pd8=TT2G21I
global pdlist "pd1 pd2 pd3 pd6 pd7 pd8"
cap drop FEMALE
gen FEMALE=TT2G01
recode FEMALE (2=0) (7 8 9=.) 
cap drop PERMANENT
gen PERMANENT=TT2G06
recode PERMANENT (2/3=0) (7 8 9=.)
cap drop TWORKYEAR
gen TWORKYEAR=TT2G05B
recode TWORKYEAR (97 98 99=.)
cap drop TEACHTIME
gen TEACHTIME=TT2G17
recode TEACHTIME (997 998 999=.)
cap drop NEEDDIVERSE
gen NEEDDIVERSE=TPDDIVS
recode NEEDDIVERSE (9997 9998 9999=.)
cap drop NEEDSUBEDU
gen NEEDSUBEDU=TPDPEDS
recode NEEDSUBEDU (9997 9998 9999=.)
cap drop STEM
recode TT2G15B (7 8 9=.)
recode TT2G15C (7 8 9=.)
gen STEM=0
replace STEM=1 if TT2G15B==1 | TT2G15C==1
replace STEM=. if TT2G15B==. | TT2G15C==.
global TFAC     "FEMALE PERMANENT TWORKYEAR TEACHTIME NEEDDIVERSE NEEDSUBEDU STEM"
cap drop SIZE
gen SIZE=TC2G14
recode SIZE (9997 9998 9999=.)
recode STRATIO (997 998 999=.)
global SCFAC 	"SIZE STRATIO"
cap drop PWORKYEAR
gen PWORKYEAR=TC2G04B
recode PWORKYEAR (97 98 99=.)
recode PINSLEADS (9997 9998 9999=.)
recode PSCMUTRS (9997 9998 9999=.)
recode PLACKPER (7 8 9=.) (2/3=1) (1=0)
recode PLACKMAT (7 8 9=.) (2/3=1) (1=0)
global SOFAC	"PWORKYEAR PINSLEADS PSCMUTRS PLACKPER PLACKMAT"
order $pdlist $TFAC $SCFAC $SOFAC
mean $pdlist $TFAC $SCFAC $SOFAC [pw=TCHWGT]
sum $pdlist $TFAC $SCFAC $SOFAC
keep if!missing(FEMALE, PERMANENT, TWORKYEAR, TEACHTIME, NEEDDIVERSE, NEEDSUBEDU, STEM, SIZE, STRATIO, PWORKYEAR, PINSLEADS, PSCMUTRS, PLACKPER, PLACKMAT)
save "TALIS2013SGP_CLEAN.dat", replace 
cap log close
set linesize 80
log using "final project_0413.log", replace
use "TALIS2013SGP_CLEAN.dat", clear
global pdlist "pd1 pd2 pd3 pd4 pd5 pd6 pd7 pd8"
global TFAC     "FEMALE PERMANENT TWORKYEAR TEACHTIME NEEDDIVERSE NEEDSUBEDU STEM" 
global SCFAC 	"SIZE STRATIO"
global SOFAC	"PWORKYEAR PINSLEADS PSCMUTRS PLACKPER PLACKMAT"
* mlm-expect: r(2000)
foreach i of var pd1 pd2 pd3 pd4 pd5 pd6 pd7 pd8 {
logit `i' $TFAC $SCFAC $SOFAC [pweight=TCHWGT], or robust cl(IDSCHOOL)
estimates store `i'm0
meglm `i' [pw=TCHWGT/SCHWGT], family(bernoulli) link(logit) ||IDSCHOOL:, pweight(SCHWGT) or 
estimates store `i'm1
meglm `i' $TFAC [pw=TCHWGT/SCHWGT], family(bernoulli) link(logit) ||IDSCHOOL:, pweight(SCHWGT) or
estimates store `i'm2
meglm `i' $TFAC $SCFAC [pw=TCHWGT/SCHWGT], family(bernoulli) link(logit) ||IDSCHOOL:, pweight(SCHWGT) or
estimates store `i'm3
meglm `i' $TFAC $SCFAC $SOFAC [pw=TCHWGT/SCHWGT], family(bernoulli) link(logit) ||IDSCHOOL:, pweight(SCHWGT) or
estimates store `i'm4
outreg2 [`i'm0 `i'm1 `i'm2 `i'm3 `i'm4] using "meglmResults_SGP_conwt.xls", append dec(3) eform 
}
foreach i of var pd1 pd2 pd3 pd4 pd5 pd6 pd7 pd8 {
logit `i' $TFAC $SCFAC $SOFAC [pweight=TCHWGT], or robust cl(IDSCHOOL)
estimates store `i'm0
melogit `i' [pw=TCHWGT] ||IDSCHOOL:, pweight(SCHWGT) or 
estimates store `i'm1
melogit `i' $TFAC [pw=TCHWGT] ||IDSCHOOL:, pweight(SCHWGT) or
estimates store `i'm2
melogit `i' $TFAC $SCFAC [pw=TCHWGT] ||IDSCHOOL:, pweight(SCHWGT) or
estimates store `i'm3
melogit `i' $TFAC $SCFAC $SOFAC [pw=TCHWGT] ||IDSCHOOL:, pweight(SCHWGT) or
estimates store `i'm4
outreg2 [`i'm0 `i'm1 `i'm2 `i'm3 `i'm4] using "LogitResults_OR_SGP_unconwt.xls", append dec(3) eform */
}
log close
* mlm-expect: r(198)
translate final project_0413.log final project_0413_log.pdf
exit, clear
