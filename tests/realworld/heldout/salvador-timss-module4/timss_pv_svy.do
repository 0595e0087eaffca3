* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:salvadorENR/Modulo4 TIMSSdo.do (the stored version with the plausible-value lines, code-index id 32614410084; a course module on analysing TIMSS 2015 grade-8 data for El Salvador (222) and Japan (392): tab of countries and sex with miss and if, svyset IDSCHOOL [pw=TOTWGT], save, replace, svy: tab ..., miss if IDCNTRY==..., then the community pv command over the five maths plausible values pv, pv(BSMMAT0*): svy: reg @pv ... if IDCNTRY==..., help pv)
* author: salvadorENR (GitHub user)
* licence: none stated
* data: TIMSS.dta = timss_sv_jp
use TIMSS.dta, clear 
tab IDCNTRY
tab IDCNTRY E_SEX
tab IDCNTRY E_SEX, miss 
tab IDCNTRY E_SEX if IDCNTRY==222, miss
tab E_SEX if IDCNTRY==392, miss
svyset IDSCHOOL [pw=TOTWGT]
save TIMSS, replace
svy: tab E_SEX if IDCNTRY==392, miss
svy: tab E_BOOK if IDCNTRY==392, miss
svy: tab E_BOOK if IDCNTRY==222, miss
pv, pv(BSMMAT0*):svy: reg @pv E_BOOK if IDCNTRY==392
pv, pv(BSMMAT0*):svy: reg @pv E_BOOK if IDCNTRY==222
help pv
pv, pv(BSMMAT0*):svy: reg @pv E_SEX if IDCNTRY==392
pv, pv(BSMMAT0*):svy: reg @pv E_SEX if IDCNTRY==222
pv, pv(BSMMAT0*):svy: reg @pv E_SEX E_BOOK if IDCNTRY==392
pv, pv(BSMMAT0*):svy: reg @pv E_SEX E_BOOK if IDCNTRY==222
