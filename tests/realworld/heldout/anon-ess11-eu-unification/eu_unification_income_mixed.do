* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 42642701518 (a public GitHub .do file of a 2024-25 course project on subjective income and support for European unification in ESS round 11, 21 EU countries: encode cntry, numlabel, distinct, a frame created for country data read with import excel, firstrow, merge m:1 country, recode ... gen() with labels, an empty mixed model and estat icc, about twenty random-intercept models with vce(robust) and if after the random-effects equation, regress with estat hettest and estat vif, and a cross-level interaction c.netcontrib##i.subinc_threecat with margins, at() and marginsplot; the index does not name the repository)
* author: unknown (a student's course project; the path names a first name only)
* licence: none stated
* data: $path\ESS11.dta = ess11_eu_unification
* data: $path\macrodata.xlsx = ess11_eu_macro
version 18.5
clear all
capture log close
global path "C:\Users\x\project"
log using "$path\project.log", replace
use "$path\ESS11.dta", clear
encode cntry, gen(country)
numlabel country, add
tab country
drop if inlist(country, 4,10,15,16,20,22,25)
distinct country
frame create countrylevel
frame change countrylevel
import excel "$path\macrodata.xlsx", firstrow
label variable netcontrib "x"
sort country
save "$path\countrylevelvar.dta", replace
frame change default
sort country
merge m:1 country using "$path\countrylevelvar.dta"
erase "$path\countrylevelvar.dta"
recode hincfel (4=1) (3=2) (2=3) (1=4), gen(subjective_inc)
label variable subjective_inc "x"
label define subinclbl 1 "a" 2 "b" 3 "c" 4 "d"
label value subjective_inc subinclbl
numlabel subinclbl, add
recode gndr (2=0) (1=1), gen(male)
label variable male "x"
label define genderlbl 1 "a" 0 "b"
label value male genderlbl
numlabel genderlbl, add
recode ctzcntr (2=0), gen(country_citizen)
label variable country_citizen "x"
label define citizenlbl 0 "a" 1 "b"
label value country_citizen citizenlbl
numlabel citizenlbl, add
recode mnactic (1=0) (2/9=1), gen(unemployed)
label variable unemployed "x"
recode eisced (1/2=0) (3/5=1) (6/7=2) (55=.), gen(education)
label variable education "x"
label define educationlbl 0 "a" 1 "b" 2 "c"
label value education educationlbl
numlabel educationlbl, add
recode hinctnta (.a/.b=11), gen(objective_inc)
label variable objective_inc "x"
label define objective_inclbl 1 "a" 2 "b" 3 "c" 4 "d" 5 "e" 6 "f" 7 "g" 8 "h" 9 "i" 10 "j" 11 "k"
label value objective_inc objective_inclbl
numlabel objective_inclbl, add
mixed euftf || country:
estat icc
* mlm-expect: r(111)
mixed euftf i.subinc_threecat agea i.male i.country_citizen lrscale i.education i.unemployed hinctnta || country: if country!=11, vce(robust)
mixed euftf subjective_inc agea i.male i.country_citizen lrscale i.education i.unemployed hinctnta || country:
mixed euftf subjective_inc agea i.male i.country_citizen lrscale i.education i.unemployed hinctnta|| country:, vce(robust)
mixed euftf i.subjective_inc agea i.male i.country_citizen lrscale i.education i.unemployed hinctnta|| country:, vce(robust)
* mlm-expect: r(111)
drop subinc_threecat
recode subjective_inc (1/2=1 "a") (3=2 "b") (4=3 "c"), gen(subinc_threecat)
mixed euftf i.subinc_threecat agea i.male i.country_citizen lrscale i.education i.unemployed hinctnta|| country:, vce(robust)
mixed euftf i.subinc_threecat agea i.male i.country_citizen lrscale i.education i.unemployed hinctnta || country:, vce(robust)
mixed euftf i.subinc_threecat agea i.male i.country_citizen lrscale i.education i.unemployed hinctnta || country: if country!=11, vce(robust)
mixed euftf i.subinc_threecat agea i.male i.country_citizen lrscale i.education i.unemployed i.hinctnta || country:, vce(robust)
mixed euftf i.subinc_threecat agea i.male i.country_citizen lrscale i.education i.unemployed i.objective_inc || country:, vce(robust)
mixed euftf i.subinc_threecat agea i.male i.country_citizen lrscale i.education i.unemployed|| country:, vce(robust)
mixed euftf i.subinc_threecat agea i.male i.country_citizen lrscale i.education i.unemployed|| country: if country!=11, vce(robust)
mixed euftf i.subinc_threecat agea i.male i.country_citizen lrscale i.education hinctnta || country: if country!=11, vce(robust)
mixed euftf i.subinc_threecat agea i.male i.country_citizen lrscale education i.unemployed hinctnta || country: if country!=11, vce(robust)
mixed euftf i.subinc_threecat agea i.male i.country_citizen lrscale i.unemployed hinctnta || country: if country!=11, vce(robust)
mixed euftf subjective_inc agea i.male i.country_citizen i.education i.unemployed i.objective_inc|| country:, vce(robust)
mixed euftf subjective_inc agea i.male i.country_citizen i.lrscale i.education i.unemployed i.objective_inc|| country:, vce(robust)
regress euftf i.subinc_threecat agea i.male i.country_citizen lrscale i.education i.unemployed hinctnta i.country
estat hettest
regress euftf i.subinc_threecat agea i.male i.country_citizen lrscale i.education i.unemployed hinctnta, vce(cluster country)
estat vif
mixed euftf c.netcontrib##i.subinc_threecat agea i.male i.country_citizen lrscale i.education i.unemployed hinctnta || country: if country!=11, vce(robust)
margins, at (netcontrib = (0 1) subinc_threecat=(1 2 3))
marginsplot
