* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 14878176399 (a public GitHub .do file of a University of Melbourne study of private health insurance in the HILDA survey, waves 9, 13 and 17: interaction terms with secondary care, tab wave, gen() and a rename of the three dummies, RE and FE covariate globals written over /// lines with trailing comments, asdoc alone on a line, codebook ... if, summarize ..., by() (no such option: Stata's r(198), marked), bysort ...: sum by wave, asdoc sum ..., save() label stat() title() abb(.) dec() replace, tabstat ..., by() stat() nototal col(stat) long, then xtreg ..., re / fe i(waveid) vce(robust) of SF-6D, out-of-pocket spending and two financial-stress scores, each followed by outreg2 using ..., dec(3) ctitle() label addstat("rho",e(rho)) replace/append; the index does not name the repository)
* author: unknown (a University of Melbourne user folder, per the file's path)
* licence: none stated
* data: HILDA-combined-09-17.dta = hilda_phi_combined
set maxvar 9000
use "D:\HILDA\HILDA-combined-09-17.dta", clear
gen interaction_hos = secondary_care*HospitalCover
gen interaction_ex = secondary_care*ExtrasCover
gen interaction_both = secondary_care*BothCover
tab wave, gen (wave) 
rename (wave1 wave2 wave3) (wave9 wave13 wave17) 
global xvars hgage age_squared Male VIC QLD SA WA TAS NT ACT MajorCity InnerRegion OuterRegional seifa2 seifa3 seifa4 seifa5 seifa6 seifa7 seifa8 seifa9 seifa10 Lowincome Mediumincome Highincome Vhighincome Certificate Dipl Bach edu_missing Defacto SeparatedDivorced Widowed NeverMarriedDefacto marital_missing EmployerSelf employment_missing wave13 wave17
global xvars_fe hgage age_squared Lowincome Mediumincome Highincome Vhighincome Defacto SeparatedDivorced Widowed NeverMarriedDefacto marital_missing Certificate Dipl Bach edu_missing EmployerSelf employment_missing
asdoc 
codebook WithoutCover ExtrasCover HospitalCover BothCover if wave9 == 1
codebook WithoutCover ExtrasCover HospitalCover BothCover if wave13 == 1
codebook WithoutCover ExtrasCover HospitalCover BothCover if wave17 == 1
* mlm-expect: r(198)
sum hxyhlpi if wave9 == 1, by(phi_status)
sum hxyphmi if wave9 == 1
bysort phi_status: sum hxyhlpi if wave9 ==1 
bysort phi_status: sum hxyhlpi if wave13 ==1
bysort phi_status: sum hxyhlpi if wave17 ==1  
bysort phi_status: sum hxyphmi if wave9 ==1 
bysort phi_status: sum hxyphmi if wave13 ==1
bysort phi_status: sum hxyphmi if wave17 ==1  
bysort phi_status: sum oop if wave9 ==1 
bysort phi_status: sum oop if wave13 ==1
bysort phi_status: sum oop if wave17 ==1  
asdoc sum Male hgage immigrant WithoutCover ExtrasCover HospitalCover BothCover VIC NSW QLD SA WA TAS NT ACT MajorCity InnerRegion OuterRegional Remote School Certificate Dipl Bach Married Defacto SeparatedDivorced Widowed NeverMarriedDefacto EmployerSelf, save(table1.doc) label stat(N mean sd min max) title(Table 1) abb(.) dec(2) replace
tabstat WithoutCover HospitalCover ExtrasCover BothCover, by(seifa) stat(mean sd) nototal  col(stat) long
xtreg sf6d HospitalCover ExtrasCover BothCover interaction_hos interaction_ex interaction_both secondary_care expenditure_annual $xvars, re i(waveid) vce(robust)
outreg2 using table2.doc,dec (3) ctitle(RE model) label addstat("rho",e(rho)) replace 
xtreg sf6d HospitalCover ExtrasCover BothCover interaction_hos interaction_ex interaction_both secondary_care expenditure_annual $xvars_fe, fe i(waveid) vce(robust)
outreg2 using table2.doc,dec (3) ctitle(FE model) label addstat("rho",e(rho)) append 
xtreg oop HospitalCover ExtrasCover BothCover interaction_hos interaction_ex interaction_both secondary_care expenditure_annual $xvars, re i(waveid) vce(robust)
outreg2 using table6.doc,dec(3) ctitle(RE model) label addstat("rho",e(rho)) replace 
xtreg oop HospitalCover ExtrasCover BothCover interaction_hos interaction_ex interaction_both secondary_care expenditure_annual $xvars_fe, fe i(waveid) vce(robust)
outreg2 using table6.doc,dec(3) append ctitle(FE model) label addstat("rho",e(rho)) 
xtreg fa1_bill HospitalCover ExtrasCover BothCover interaction_hos interaction_ex interaction_both secondary_care expenditure_annual $xvars, re i(waveid) vce(robust)
outreg2 using table7.doc,dec(3) ctitle(RE model) label addstat("rho",e(rho)) replace 
xtreg fa1_bill HospitalCover ExtrasCover BothCover interaction_hos interaction_ex interaction_both secondary_care expenditure_annual $xvars_fe, fe i(waveid) vce(robust)
outreg2 using table7.doc,append dec(3) ctitle(FE model) label addstat("rho",e(rho))
xtreg fa2_living HospitalCover ExtrasCover BothCover interaction_hos interaction_ex interaction_both secondary_care expenditure_annual $xvars, re i(waveid) vce(robust)
outreg2 using table7.doc,append dec(3) ctitle(RE model) label addstat("rho",e(rho)) 
xtreg fa2_living HospitalCover ExtrasCover BothCover interaction_hos interaction_ex interaction_both secondary_care expenditure_annual $xvars_fe, fe i(waveid) vce(robust)
outreg2 using table7.doc,append dec(3) ctitle(FE model) label addstat("rho",e(rho)) 
xtreg sf6d HospitalCover ExtrasCover BothCover interaction_hos interaction_ex interaction_both secondary_care expenditure_annual  $xvars, re i(waveid) vce(robust)
outreg2 using table8.doc,dec (3) ctitle(RE model) label addstat("rho",e(rho)) replace 
xtreg sf6d HospitalCover ExtrasCover BothCover interaction_hos interaction_ex interaction_both secondary_care expenditure_annual  $xvars_fe, fe i(waveid) vce(robust)
outreg2 using table8.doc,dec (3) ctitle(FE model) label addstat("rho",e(rho)) append 
xtreg oop HospitalCover ExtrasCover BothCover interaction_hos interaction_ex interaction_both secondary_care expenditure_annual  $xvars, re i(waveid) vce(robust)
outreg2 using table8.doc,dec(3) ctitle(RE model) label addstat("rho",e(rho)) append
xtreg oop HospitalCover ExtrasCover BothCover interaction_hos interaction_ex interaction_both secondary_care expenditure_annual  $xvars_fe, fe i(waveid) vce(robust)
outreg2 using table8.doc,dec(3) ctitle(FE model) label addstat("rho",e(rho)) append
xtreg fa1_bill HospitalCover ExtrasCover BothCover interaction_hos interaction_ex interaction_both secondary_care expenditure_annual  $xvars, re i(waveid) vce(robust)
outreg2 using table8.doc,dec(3) ctitle(RE model) label addstat("rho",e(rho)) append
xtreg fa1_bill HospitalCover ExtrasCover BothCover interaction_hos interaction_ex interaction_both secondary_care expenditure_annual  $xvars_fe, fe i(waveid) vce(robust)
outreg2 using table8.doc, dec(3) ctitle(FE model) label addstat("rho",e(rho)) append
