* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 38819685623 (a public GitHub .do file of a study of child stunting in the Bangladesh Demographic and Health Survey: the level weights of the DHS Program's method (Elkasabi, Ren and Pullum, DHS Methodological Report 27) computed for a two-level model -- completed clusters per stratum from quietly foreach over levelsof v022 with tab v021 if ..., matrow(T) and scalar stemp=rowsof(T), census clusters A_h and households per cluster M_h by a replace per stratum (the author gives A_h for 22 strata and M_h for 19), the de-normalized weight, the variation factor f and wt2_`i'/wt1_`i' for seven values of alpha in a foreach with local ++i --, then svyset v001, weight(wt2_3) strata(v022), singleunit(centered) || _n, weight(wt1_3) and svy: melogit of stunting on thirteen factor variables || v001:, or; the file starts from data already in memory (its own data preparation is not in it); the index does not name the repository)
* author: unknown
* licence: none stated
* preload: bangladesh_dhs_stunting
gen a_c_h=.
quietly levelsof v022, local(lstrata)
quietly foreach ls of local lstrata {
tab v021 if v022==`ls', matrow(T)
scalar stemp=rowsof(T)
replace a_c_h=stemp if v022==`ls'
}
gen A_h = 0
replace A_h = 73 if v022 == 1
replace A_h = 200 if v022 == 2
replace A_h = 633 if v022 == 3
replace A_h = 190 if v022 == 4
replace A_h = 314 if v022 == 5
replace A_h = 942 if v022 == 6
replace A_h = 292 if v022 == 7
replace A_h = 458 if v022 == 8
replace A_h = 554 if v022 == 9
replace A_h = 89 if v022 == 10
replace A_h = 248 if v022 == 11
replace A_h = 567 if v022 == 12
replace A_h = 261 if v022 == 13
replace A_h = 764 if v022 == 14
replace A_h = 40 if v022 == 15
replace A_h = 233 if v022 == 16
replace A_h = 639 if v022 == 17
replace A_h = 293 if v022 == 18
replace A_h = 678 if v022 == 19
replace A_h = 126 if v022 == 20
replace A_h = 240 if v022 == 21
replace A_h = 925 if v022 == 22
gen M_h = 0
replace M_h = 108 if v022 == 1
replace M_h = 102 if v022 == 2
replace M_h = 98 if v022 == 3
replace M_h = 100 if v022 == 4
replace M_h = 99 if v022 == 5
replace M_h = 98 if v022 == 6
replace M_h = 101 if v022 == 7
replace M_h = 100 if v022 == 8
replace M_h = 113 if v022 == 9
replace M_h = 106 if v022 == 10
replace M_h = 97 if v022 == 11
replace M_h = 99 if v022 == 12
replace M_h = 99 if v022 == 13
replace M_h = 99 if v022 == 14
replace M_h = 100 if v022 == 15
replace M_h = 101 if v022 == 16
replace M_h = 104 if v022 == 17
replace M_h = 144 if v022 == 18
replace M_h = 98 if v022 == 19
gen m_c= 20160
gen M = 32067700
gen S_h = 120
gen d_HH = wgt * (M/m_c)
gen f = d_HH / ((A_h/a_c_h) * (M_h/S_h))
local alphas 0 0.1 .25 .50 .75 0.90 1
local i = 1
foreach dom of local alphas{
gen wt2_`i' = (A_h/a_c_h)*(f^`dom')
gen wt1_`i' = d_HH/wt2_`i'
local ++i
}
svyset v001, weight(wt2_3) strata(v022) , singleunit(centered) || _n, weight(wt1_3)
svy: melogit stunted  i.area1 i.division1 i.melevel i.helevel i.mwork i.hhocu i.anc i.wind i.media i.csection i.cage1 i.Place_delivery i.birthord|| v001:,or
