* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 16144585104 (a public GitHub .do file of a study of ideological education and support for democracy, 2024: European Social Survey rounds 1-11 merged with a cross-national data set of civic-education curricula and teacher training by country and the year respondents were ten, and with country controls -- ESS codes turned into analysis variables (gen, drop if <0, recode (-5/0=.)(1=0)(2=1), recode ..., gen() to three levels), keep if, save; the curricula file's three-letter codes kept through a foreach loop over a local and replaced by two-letter codes, collapse (mean) ... (first) of string variables by(cntry yr10), two merge m:1 cntry yr10 ..., keepusing(), curriculum contents split with strpos(), recast int, merge with the country controls, rename, recode (10=2014) (11=2018), alpha, reg ... then keep if e(sample), random-intercept mixed models by country with cross-level interactions c.edu##i.authoritarian_pure and c.edu##i.teacher_demandID, estat icc, esttab to .rtf, eststo clear, quietly margins, at() atmeans vsquish, marginsplot with yscale(off) and scheme(s2mono), graph export ..., resolution(300) and graph combine of two .gph files the file never saved (Stata: file not found); the index does not name the repository) (excerpt: up to the graph combine; the exploratory models after it, most of which the authors commented out in a /* */ block, left out)
* author: Daniel Carelli and Hilma Lindskog (file header), July 2024
* licence: none stated
* data: ESS1-11-subset.dta = ess_civics_rounds
* data: EPSM.dta = epsm_curricula
* data: merge_autocracy.dta = epsm_autocracy
* data: country_controls.dta = ess_country_controls
cd "/Volumes/x/Data"
use "/Volumes/x/Data/ESS/ESS1-11-subset.dta", clear
gen democracy = implvdm
drop if democracy <0
tab democracy
gen obedience = lrnobed
drop if obedience <0
tab obedience
gen leader = loylead
drop if leader <0
tab leader
gen nation = atchctr
drop if nation <0
tab nation
gen yrborn = yrbrn
keep if agea>22
gen yr10 = yrborn + 10
gen gender = gndr
recode gender(-5/0=.)(1=0)(2=1)
tab gender
gen income = hinctnta
drop if hinctnta <0
gen father = eiscedf
drop if father == 0
drop if father == 55
recode eisced(0=.)(55=.), gen(edu)
recode eisced(0=.)(55=.)(1/3=1)(4/5=2)(6/7=3), gen(edu3)
keep if brncntr == 1
drop if edctn>0
save "/Volumes/x/Data/ESS/ESS1-11-subset_korr.dta", replace
use "/Volumes/x/Data/WVS/EPSM.dta", clear
rename year yr10
sort country_text_id yr10
drop if yr10 < 1880
drop if yr10 > 2015
local countries "ALB AUT BEL BGR CHE CYP CZE DEU DNK EST ESP FIN FRA GBR GRC HRV HUN IRL ISR ISL ITA LTU LUX LVA MNE MKD NLD NOR POL PRT ROU SRB RUS SWE SVN SVK TUR UKR XKX"
gen keep = 0
foreach c in `countries' {
    replace keep = 1 if country_text_id == "`c'"
}
keep if keep == 1
drop keep
replace country_text_id = "AL" if country_text_id == "ALB"
replace country_text_id = "AT" if country_text_id == "AUT"
replace country_text_id = "BE" if country_text_id == "BEL"
replace country_text_id = "BG" if country_text_id == "BGR"
replace country_text_id = "CH" if country_text_id == "CHE"
replace country_text_id = "CY" if country_text_id == "CYP"
replace country_text_id = "CZ" if country_text_id == "CZE"
replace country_text_id = "DE" if country_text_id == "DEU"
replace country_text_id = "DK" if country_text_id == "DNK"
replace country_text_id = "EE" if country_text_id == "EST"
replace country_text_id = "ES" if country_text_id == "ESP"
replace country_text_id = "FI" if country_text_id == "FIN"
replace country_text_id = "FR" if country_text_id == "FRA"
replace country_text_id = "GB" if country_text_id == "GBR"
replace country_text_id = "GR" if country_text_id == "GRC"
replace country_text_id = "HR" if country_text_id == "HRV"
replace country_text_id = "HU" if country_text_id == "HUN"
replace country_text_id = "IE" if country_text_id == "IRL"
replace country_text_id = "IL" if country_text_id == "ISR"
replace country_text_id = "IS" if country_text_id == "ISL"
replace country_text_id = "IT" if country_text_id == "ITA"
replace country_text_id = "LT" if country_text_id == "LTU"
replace country_text_id = "LU" if country_text_id == "LUX"
replace country_text_id = "LV" if country_text_id == "LVA"
replace country_text_id = "ME" if country_text_id == "MNE"
replace country_text_id = "MK" if country_text_id == "MKD"
replace country_text_id = "NL" if country_text_id == "NLD"
replace country_text_id = "NO" if country_text_id == "NOR"
replace country_text_id = "PL" if country_text_id == "POL"
replace country_text_id = "PT" if country_text_id == "PRT"
replace country_text_id = "RO" if country_text_id == "ROU"
replace country_text_id = "RS" if country_text_id == "SRB"
replace country_text_id = "RU" if country_text_id == "RUS"
replace country_text_id = "SE" if country_text_id == "SWE"
replace country_text_id = "SI" if country_text_id == "SVN"
replace country_text_id = "SK" if country_text_id == "SVK"
replace country_text_id = "TR" if country_text_id == "TUR"
replace country_text_id = "UA" if country_text_id == "UKR"
replace country_text_id = "XK" if country_text_id == "XKX"
rename country_text_id cntry
tab cntry
collapse (mean) national_civics_prim (first) national_civics_contents (first) teacher_training_ideology, by(cntry yr10)
save "/Volumes/x/Data/WVS/EPSMkorr_ess.dta", replace
use "/Volumes/x/Data/ESS/ESS1-11-subset_korr.dta", clear
sort cntry yr10
merge m:1 cntry yr10 using "//Volumes/x/Data/WVS/EPSMkorr_ess.dta", keepusing(national_civics_prim national_civics_contents teacher_training_ideology)
drop if _merge==1
drop if _merge==2
drop _merge
describe national_civics_prim yr10
merge m:1 cntry yr10 using "/Volumes/x/Data/merge_autocracy.dta", keepusing(autocracy)
drop if _merge==1
drop if _merge==2
describe autocracy
gen civics_science = strpos(national_civics_contents, "1") > 0
gen civics_nationalist = strpos(national_civics_contents, "2") > 0
gen civics_regime = strpos(national_civics_contents, "3") > 0
gen civics_leader = strpos(national_civics_contents, "4") > 0
gen civics_democratic = strpos(national_civics_contents, "5") > 0
gen civics_religion = strpos(national_civics_contents, "6") > 0
gen civics_ethnicity = strpos(national_civics_contents, "7") > 0
gen civics_other = strpos(national_civics_contents, "8") > 0
replace civics_science = civics_science > 0
replace civics_nationalist = civics_nationalist > 0
replace civics_regime = civics_regime > 0
replace civics_leader = civics_leader > 0
replace civics_democratic = civics_democratic > 0
replace civics_religion = civics_religion > 0
replace civics_ethnicity = civics_ethnicity > 0
replace civics_other = civics_other > 0
gen authoritarian = 0
replace authoritarian = 1 if civics_nationalist == 1 | civics_regime == 1 | civics_leader == 1
tab authoritarian
gen liberal = 0
replace liberal = 1 if civics_science == 1 | civics_democratic == 1
tab liberal
gen authoritarian_pure = 0
replace authoritarian_pure = 1 if authoritarian == 1 & liberal != 1
tab authoritarian_pure
gen liberal_pure = 0
replace liberal_pure = 1 if liberal == 1 & authoritarian != 1
tab liberal_pure
gen teacher_noID = strpos(teacher_training_ideology, "1") > 0
gen teacher_certainID = strpos(teacher_training_ideology, "2") > 0
gen teacher_specific = strpos(teacher_training_ideology, "3") > 0
gen teacher_demandID = strpos(teacher_training_ideology, "4") > 0
replace teacher_noID = teacher_noID > 0
replace teacher_certainID = teacher_certainID > 0
replace teacher_specific = teacher_specific > 0
replace teacher_demandID = teacher_demandID > 0
tab teacher_demandID
replace teacher_demandID = 0 if teacher_demandID == 1 & autocracy == 0
save "/Volumes/x/Data/ESS/ESS1-11-subset_FINAL.dta", replace
use "/Volumes/x/Data/countrycontrols/country_controls.dta", clear
recast int surveyyear
sort cntry surveyyear
save "/Volumes/x/Data/countrycontrols/country_controls_korr.dta", replace
use "/Volumes/x/Data/ESS/ESS1-11-subset_FINAL.dta", clear
rename essround surveyyear
drop _merge
recast int surveyyear
drop if surveyyear<10
recode surveyyear (10=2014) (11=2018)
tab surveyyear
merge m:1 cntry surveyyear using "/Volumes/x/Data/countrycontrols/country_controls_korr.dta", keepusing(e_gdppc oecd_unemplrt_t1c v2x_libdem)
keep if _merge == 3
rename e_gdppc gdp
rename oecd_unemplrt_t1c employment
rename v2x_libdem demo
alpha leader obedience
gen authoritarian_index = leader + obedience
reg authoritarian_index c.edu i.authoritarian_pure teacher_demandID i.gender c.agea c.income i.surveyyear
keep if e(sample)
mixed authoritarian_index c.edu i.surveyyear c.gdp c.demo c.employment || cntry: 
estimates store model1
estat icc
mixed authoritarian_index c.edu i.gender c.agea c.income i.surveyyear c.gdp c.demo c.employment || cntry:
estimates store model2
estat icc
mixed authoritarian_index c.edu##i.authoritarian_pure i.gender c.agea c.income i.surveyyear c.gdp c.demo c.employment || cntry:
estimates store model3
estat icc
mixed authoritarian_index c.edu##i.teacher_demandID i.gender c.agea c.income i.surveyyear i.authoritarian_pure c.gdp c.demo c.employment || cntry:
estimates store model4
estat icc
esttab model1 model2 model3 model4 using "results.rtf", se replace
eststo clear
mixed authoritarian_index c.edu##i.authoritarian_pure i.gender c.agea c.income i.surveyyear c.gdp c.demo c.employment || cntry:
quietly margins, at(edu=(1(1)7) authoritarian_pure=(0 1)) atmeans vsquish
marginsplot, title("Title") ytitle("Title") xtitle("Title") ylabel(3(1)7) noci legend(order(1 "Label" 2 "Label")) graphregion(color(white)) bgcolor(white) scheme(s2mono)
* mlm-expect: r(198)
graph export "Graph_curriculum.png", replace resolution(300)
mixed authoritarian_index c.edu##i.teacher_demandID i.gender c.agea c.income i.surveyyear i.authoritarian_pure c.gdp c.demo c.employment || cntry: 
quietly margins, at(edu=(1(1)7) teacher_demandID=(0 1)) atmeans vsquish
marginsplot, title("Title") ytitle("Title") xtitle("Title") ylabel(3(1)7) yscale(off) noci legend(order(1 "Label" 2 "Label")) graphregion(color(white)) bgcolor(white) scheme(s2mono)
* mlm-expect: r(198)
graph export "Graph_teacher.png", replace resolution(300)
* mlm-expect: r(601)
graph combine Graph_curriculum.gph Graph_teacher.gph, title("Title") cols(2)
