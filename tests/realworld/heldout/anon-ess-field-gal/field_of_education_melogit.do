* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 7501385913 (a public GitHub .do file replicating the supplementary tables and figures of an APSR article on field of education and voting for green (GAL) and radical-right (TAN) parties in European Social Survey rounds 2-4, March 2024: ssc install of heatplot, palettes and colrspace, a selection flag, nscale (SSC) rescaling to 0-1 with pre(), order ..., after(), tabulations of party families and of parties by round in 15 countries, a sample flag, tabstat ..., stats() and by(), tabulate ..., gen() of class dummies, education dummies, corr with matrix C = r(C) drawn by heatplot (SSC), then field-of-education shares and three-level melogit models of respondents in occupations (isco3tr) in countries (|| cntry: || isco3tr:, vce(oim)) stored with eststo, estat ic, outreg2 ..., dec(3) word label [replace], set pformat, and coefplot of two stored models with base drop() xline() scheme(plotplain) order() with gaps; the index does not name the repository) (excerpt: appendices A to C; the STEM, education-level, party-bloc and by-country appendices after them, with some 30 more melogit fits of the same form, left out)
* author: LH (file header), March 2024
* licence: none stated
* data: ESS2to4.dta = ess_field_vote
use "ESS2to4.dta"
ssc install heatplot, replace
ssc install palettes, replace
ssc install colrspace, replace
tab select, missing
drop if select==0
save "ESS_Add.dta", replace
nscale fieldratio occfield occfieldgal occfieldtan fieldincome fieldincomegal fieldincometan, pre(n_)
tab n_fieldratio
tab n_occfield
tab n_fieldincome
order  n_fieldratio n_occfield n_occfieldtan n_occfieldgal n_fieldincome n_fieldincometan n_fieldincomegal, after (fieldincometan)
tab family2 if selectgal==1
tab family2 if selecttan==1
tab party essround if select==1 & (family2==7| family2==1| family2==12| family2==13) & country==13
tab party essround if select==1 & (family2==7| family2==1| family2==12| family2==13) & country==1
tab party essround if select==1 & (family2==7| family2==1| family2==12| family2==13) & country==2
tab party essround if select==1 & (family2==7| family2==1| family2==12| family2==13) & country==14
tab party essround if select==1 & (family2==7| family2==1| family2==12| family2==13) & country==3
tab party essround if select==1 & (family2==7| family2==1| family2==12| family2==13) & country==4
tab party essround if select==1 & (family2==7| family2==1| family2==12| family2==13) & country==6
tab party essround if select==1 & (family2==7| family2==1| family2==12| family2==13) & country==7
tab party essround if select==1 & (family2==7| family2==1| family2==12| family2==13) & country==10
tab party essround if select==1 & (family2==7| family2==1| family2==12| family2==13) & country==12
tab party essround if select==1 & (family2==7| family2==1| family2==12| family2==13) & country==35
tab party essround if select==1 & (family2==7| family2==1| family2==12| family2==13) & country==5
tab party essround if select==1 & (family2==7| family2==1| family2==12| family2==13) & country==16
tab party essround if select==1 & (family2==7| family2==1| family2==12| family2==13) & country==36
tab party essround if select==1 & (family2==7| family2==1| family2==12| family2==13) & country==11
gen sample=1 if (GAL!=.| TAN!=.) & fieldratio!=. & occfield!=. & fieldincome!=. & educ5!=. & female!=. & rural!=. & incomeobj!=. & age!=. & secular!=. & class8!=. & select==1
tab sample
tabstat n_fieldratio n_occfield n_fieldincome educ5 higher female rural secular age incomeobj if sample==1, stats (mean min max sd N)
tabulate class8, gen(class8_)
tabstat  class8_1 class8_2 class8_3 class8_4 class8_5 class8_6 class8_7 class8_8 if sample==1, stats (mean min max sd N)
gen edu1=1 if edulvla==1 & sample==1
replace edu1=0 if edulvla!=1 & sample==1
gen edu2=1 if edulvla==2 & sample==1
replace edu2=0 if edulvla!=2 & sample==1
gen edu3=1 if edulvla==3 & sample==1
replace edu3=0 if edulvla!=3 & sample==1
gen edu4=1 if edulvla==4  & sample==1
replace edu4=0 if edulvla!=4 & sample==1
gen edu5=1 if edulvla==5  & sample==1
replace edu5=0 if edulvla!=5 & sample==1
tabstat edu1 edu2 edu3 edu4 edu5 if sample==1, stats (mean min max sd N)
corr GAL TAN n_fieldratio n_occfield n_fieldincome educ5 higher female rural age incomeobj secular class8_1 class8_2 class8_3 class8_4 class8_5 class8_6 class8_7 class8_8 if sample==1
matrix C=r(C)
heatplot C, values(format(%9.3f)) color(hue, chroma(50) luminance(70)) aspectratio(1) legend(off) lower nodiagonal
tab edutype if select==1 & sample==1 & educ5!=1
tab edufld if select==1 & sample==1 & educ5!=1
tabstat n_fieldratio if select==1 & educ5!=1 & sample==1, stats (mean) by (edutype)
tab edutype country if select==1 & sample==1, column nofreq
tabstat fieldincome if sample==1, stats (mean N sd) by (edufld)
gen fieldculturep=(fieldculture/(fieldculture+fieldecon+fieldcomm+fieldtech)) if select==1
gen fieldcommp=(fieldcomm/(fieldculture+fieldecon+fieldcomm+fieldtech)) if select==1
gen fieldeconp=(fieldecon/(fieldculture+fieldecon+fieldcomm+fieldtech)) if select==1
gen fieldtechp=(fieldtech/(fieldculture+fieldecon+fieldcomm+fieldtech)) if select==1
nscale fieldculturep fieldcommp fieldeconp fieldtechp, pre(n_)
drop n_fieldincome
gen n_fieldincome=n_fieldincomegal if selectgal==1
set pformat %5.4f
eststo DECOMGA: melogit GAL n_fieldratio i.educ5 n_fieldincome female rural incomeobj age secular i.essround if selectgal==1|| cntry: || isco3tr:, vce(oim)
estat ic
outreg2 using decomposeg, dec(3) word label replace
eststo DECOMGB: melogit GAL n_fieldculturep n_fieldcommp n_fieldeconp n_fieldtechp i.educ5 n_fieldincome female rural incomeobj age secular i.essround if selectgal==1|| cntry:|| isco3tr:, vce(oim)
estat ic
outreg2 using decomposeg, dec(3) word label
drop n_fieldincome
gen n_fieldincome=n_fieldincometan if selecttan==1
set pformat %5.4f
eststo DECOMTA: melogit TAN n_fieldratio i.educ5 n_fieldincome female rural incomeobj age secular i.essround if selecttan==1|| cntry: || isco3tr:, vce(oim)
estat ic
outreg2 using decomposeg, dec(3) word label
eststo DECOMTB: melogit TAN n_fieldcommp n_fieldeconp n_fieldtechp n_fieldculturep i.educ5 n_fieldincome female rural incomeobj age secular i.essround if selecttan==1|| cntry: || isco3tr:, vce(oim)
estat ic
outreg2 using decomposeg, dec(3) word label
coefplot DECOMGA DECOMGB, base drop(_cons rural age secular incomeobj *.educ5 female n_fieldincome *.country *.essround) xline(0, lpattern(-)) scheme(plotplain) order(n_fieldratio . n_fieldculturep n_fieldcommp n_fieldeconp n_fieldtechp . higher female)
coefplot DECOMTA DECOMTB, base drop(_cons rural age secular incomeobj *.educ5 female n_fieldincome  *.country *.essround) xline(0, lpattern(-)) scheme(plotplain) order(n_fieldratio . n_fieldculturep n_fieldcommp n_fieldeconp n_fieldtechp)
