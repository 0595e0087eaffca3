* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 23385801667 (a public GitHub .do file of a multilevel-analysis course assignment on the justification of abortion with the European Values Study 2017: ssc install lines, loops over ds, has(type numeric) recoding -1..-5 to .a-.e with /// continued rules and attaching missing-value labels with label define ..., modify, the same for string variables, fre (SSC) with bys:, graph bar (mean) over(country, sort(1) descending label()), egen rowmiss(), Stata 17 table (row) (col), tabstat by(), bysort egen mean(), egen mean(pmi == 3), by(), xtset, mixed || country: with cov(un) and random slopes, estat icc/ic, est store, lrtest, outreg2 append ctitle(), esttab se ar2, display of deviances, coefplot of six stored models with coeflabels(), twoway scatter mlabel/lfit; the index does not name the repository)
* author: unknown (a student's course assignment)
* licence: none stated
* data: ZA7500_v5-0-0.dta(2) = evs2017_abortion
clear all
 cd "\\server\files\home\user\Desktop\"
 use "ZA7500_v5-0-0.dta(2)"
ssc install fre
ssc install outreg2 
ssc install mgen
ssc install estout
ssc install coefplot
 fre country
qui ds , has(type numeric)
foreach var in `r(varlist)' {
recode `var' (-1 = .a ) (-2 = .b ) (-3 = .c ) (-4 = .d ) (-5 = .e )
}
ds , has(type string)
foreach var in `r(varlist)' {
replace `var' = ".a" if `var' == "-1"
replace `var' = ".b" if `var' == "-2"
replace `var' = ".c" if `var' == "-3" 
replace `var' = ".d" if `var' == "-4" 
replace `var' = ".e" if `var' == "-5" 
}
qui ds , has(type numeric)
foreach var in `r(varlist)'  {
lab def `var' .a "a" , modify
lab def `var' .b "b" , modify
lab def `var' .c "c" , modify
lab def `var' .d "d" , modify
lab def `var' .e "e" , modify
}
qui ds , has(type numeric)
foreach var in `r(varlist)' {
recode `var' (-1 = .a ) (-2 = .b ) (-3 = .c ) (-4 = .d ) (-5 = .e ) 
}
ds , has(type string)
foreach var in `r(varlist)' {
replace `var' = ".a" if `var' == "-1"
replace `var' = ".b" if `var' == "-2"
replace `var' = ".c" if `var' == "-3" 
replace `var' = ".d" if `var' == "-4" 
replace `var' = ".e" if `var' == "-5" 
}
qui ds , has(type numeric)
foreach var in `r(varlist)'  {
lab def `var' .a "a" , modify
lab def `var' .b "b" , modify
lab def `var' .c "c" , modify
lab def `var' .d "d" , modify
lab def `var' .e "e" , modify
}
fre country
fre v154
fre v63
fre v243_r
fre v246_ISEI
fre v225
fre v111_4
fre age
fre v63
gen missing1=.
	replace missing1=0 if v63!=.a|v63!=.b
	replace missing1=1 if v63==.a|v63==.b
graph bar (mean) missing1, over(country, sort(1) descending label(angle(90) labsize(tiny))) tit("title") ytit("y") bar(1, color(blue)) 
gen imp_god = v63
label values  imp_god V63
fre imp_god
gen secu = 11 - v63
label define secu 1 "1" 2 "9" 3 "8" 4 "7" 5 "6" 6 "5" 7 "4" 8 "3" 9 "2" 10 "10"
label values  secu secu
tab secu imp_god
fre secu 
bys country: fre v243_r 
	replace v243_r=.a if v243_r==66
gen missing2=.
	replace missing2=0 if v243_r!=.a|v243_r!=.b
	replace missing2=1 if v243_r==.a|v243_r==.b
graph bar (mean) missing2, over(country, sort(1) descending label(angle(90) labsize(tiny))) tit("title") ytit("y") bar(1, color(red)) 
gen edu = v243_r
recode edu (66 = .)
label values edu LABN
fre edu
fre v246_ISEI
bys country: fre v246_ISEI 
gen ses = v246_ISEI 
recode ses (-10 = .)
bys ses: fre  country
tab  country ses
gen missing3=.
	replace missing3=0 if v246_ISEI!=.a|v246_ISEI!=.b | v246_ISEI==.c
	replace missing3=1 if v246_ISEI==.a|v246_ISEI==.b| v246_ISEI==.c
graph bar (mean) missing3, over(country, sort(1) descending label(angle(90) labsize(tiny))) tit("title") ytit("y") bar(1, color(purple)) yline(0.20, lc(red)) 
fre age
gen Age = age
recode Age (82/999 = .)
fre Age
sum Age
fre v225
gen gend = v225
label values gend V225
fre gend
fre v154
gen missing=.
	replace missing=0 if v154!=.a|v154!=.b
	replace missing=1 if v154==.a|v154==.b
graph bar (mean) missing, over(country, sort(1) descending label(angle(90) labsize(tiny))) tit("title") ytit("y") bar(1, color(green)) 
gen abrt_justify = v154
label values abrt_justify V154
fre abrt_justify
fre v111_4
gen pmi = v111_4
label values pmi V111_4 
fre pmi
label define countrylabel 8 "AL" 31 "AZ" 40 "AT" 51 "AM" 70 "BA" 100 "BG" 112 "BY" 191 "HR" 203 "CZ" 208 "DK" 233 "EE" 246 "FI" 250 "FR" 268 "GE" 276 "DE" 348 "HU" 352 "IS" 380 "IT" 428 "LV" 440 "LT" 499 "ME" 528 "NL" 578 "NO" 616 "PL" 620 "PT" 642 "RO" 643 "RU" 688 "RS" 703 "SK" 705 "SI" 724 "ES" 752 "SE" 756 "CH" 804 "UA" 807 "MK" 826 "GB"
label values country countrylabel
egen nmiss=rowmiss(imp_god edu ses Age gend abrt_justify pmi country)
	fre nmiss
	drop if nmiss!=0
fre imp_god edu ses Age gend abrt_justify pmi country 
sum imp_god edu ses Age gend abrt_justify 
fre   abrt_justify
egen Age_mean = mean(Age)
gen cage = Age - Age_mean
sum Age_mean
fre cage 
table  (country) (abrt_justify)
tabstat abrt_justify, by(country)
bysort country: egen mean_abrt_justify = mean(abrt_justify)
bysort country: egen mean_imp_god  = mean(imp_god )
bysort country: egen mean_secu = mean(secu)
egen pct_postmat = mean(pmi == 3), by(country)
gen imp_god_sec = imp_god * mean_secu
gen imp_god_sec1 = imp_god * mean_imp_god
xtset country 
mixed abrt_justify || country:
estat icc
dis 2.586529  / (2.586529  + 7.621755)
mixed abrt_justify || country: , cov(un)
estat ic
est store m1
outreg2 using my.doc, replace ctitle(Model Null)
mixed abrt_justify imp_god || country:, cov(un)
estat ic
est store m2
lrtest m1 m2
outreg2 using my.doc, append ctitle(Model 1)
mixed abrt_justify imp_god i.edu || country:, cov(un)
estat ic
est store m3
lrtest  m2 m3
outreg2 using my.doc, append ctitle(Model 2)
mixed abrt_justify imp_god i.edu c.ses || country:, cov(un)
estat ic
est store m4
lrtest  m3 m4
outreg2 using my.doc, append ctitle(Model 3)
mixed abrt_justify imp_god i.edu c.ses c.cage || country:, cov(un)
estat ic
est store m5
lrtest  m4 m5
outreg2 using my.doc, append ctitle(Model 4)
mixed abrt_justify c.imp_god i.edu c.ses c.cage i.gend || country:, cov(un)
estat ic
est store m6
lrtest m5 m6
outreg2 using my.doc, append ctitle(Model 5)
mixed abrt_justify imp_god i.edu c.ses c.cage i.gend pct_postmat || country:, cov(un)
estat ic
est store m7
lrtest m6 m7
outreg2 using my.doc, append ctitle(Model 6)
mixed abrt_justify imp_god i.edu c.ses c.cage i.gend pct_postmat mean_secu || country:, mle cov(un)
estat ic
est store m8
lrtest m7 m8
outreg2 using my.doc, append ctitle(Model 7)
mixed abrt_justify imp_god i.edu c.ses c.cage i.gend pct_postmat mean_secu || country: imp_god, cov(un)
estat ic
est store m9
lrtest m8 m9
outreg2 using my.doc, append ctitle(Model 8)
estat ic
est store m10
* mlm-expect: r(498)
lrtest m9 m10
outreg2 using my.doc, append ctitle(Model 9)
esttab m1 m2 m6 m8 m9 m10, se ar2 
dis "a" -2 * (-110651.33)
dis "a" -2 * (-108588.97)
dis "a" -2 * (-108190.59)
dis "a" -2 * (-108086.47)
dis "a" -2 * (-108068.27)
dis "a" -2 * (-107965.91)
dis "a" -2 * (-107959.03)
dis "a" -2 * (-107943.56)
dis "a" -2 * (-107763.52)
dis"a" -2 * (-107760.25)
coefplot m1 m2 m6 m8 m9 m10, drop(_cons) coefl(imp_god="a" 2.edu="b" 3.edu="c" ses=SES gend=Female cage=Age c.pct_postmat=Post-materialism c.mean_secu=Secularization c.imp_god_sec="d")
twoway (scatter  mean_abrt_justify mean_imp_god, mlabel(country) mlabposition(2) mlabcolor(gs10)  mlabposition(6) mlabsize(vsmall) mlabangle() msymbol(o) mcolor(gs10)) (lfit mean_imp_god mean_abrt_justify, lw(medium) lc(gs1)), legend(off) ytitle("y") xtitle("x")
twoway (scatter mean_abrt_justify mean_secu, mlabel(country) mlabposition(2) mlabcolor(gs10)  mlabposition(6) mlabsize(vsmall) mlabangle() msymbol(o) mcolor(gs10)) (lfit mean_abrt_justify mean_secu, lw(medium) lc(gs1)), legend(off) ytitle("y") xtitle("x")
