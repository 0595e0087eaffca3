* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:filius23/StataTableBIBB@67bd0339b094a98d94954ff11d92970979a19358 StataBIBB_tables/06_weitereModelle.do (a course on exporting tables from Stata, chapter on other models)
* author: Andreas Filser (repository filius23)
* licence: none stated
* data: ${data}/BIBBBAuA_2018_suf1.0_clean.dta = bibb_baua_2018
do "01_init.do"
use "${data}/BIBBBAuA_2018_suf1.0_clean.dta", clear
logit nt i.S1 
est store logm1
esttab logm1, b se(%9.3f) 
esttab logm1, b se(%9.3f) eform
logit nt i.S1  if !missing(zpalter)
est store logm1b
logit nt i.S1 zpalter 
est store logm2
estadd lrtest logm1b
esttab logm*, b se(%9.3f) scalars("lrtest_chi2  text" lrtest_df lrtest_p) 
esttab logm*, b se(%9.3f) scalars("lrtest_chi2  text" lrtest_df lrtest_p)   pr2 aic bic
est restore logm2
margins, dydx(*)
esttab, b se(%9.3f)
margins, dydx(*) post
est store mar_mod2
esttab mar_mod2, cells("b(fmt(a3)) se(fmt(a3)) ci_l(fmt(a3)) ci_u(fmt(a3)) p(fmt(a3))") nonumbers 
est restore logm2
margins, at(zpalter = (18 20(5)65) ) post
est store pred_mod2
esttab pred_mod2, cells("b(fmt(a3)) se(fmt(a3)) ci_l(fmt(a3)) ci_u(fmt(a3)) p(fmt(a3))") nonumbers 
xtmixed F518_SUF i.S1 ||Bula:
* mlm-expect: r(111)
esttab mmodel 
est store mmodel
esttab mmodel ,	transform(ln*: exp(@) exp(@)) 
xtmixed F518_SUF i.S1 ||Bula:
est store m1
estat icc
return list
est restore m1
estadd scalar icc2 = r(icc2) 
esttab m1, se wide transform(ln*: exp(@) exp(@)) varwidth(13) scalars(icc2)	 
xtmixed F518_SUF i.S1 ||Bula:S1
est store mmodel2
esttab mmodel2
esttab mmodel2 ,	transform(ln*: exp(@) exp(@)) 
