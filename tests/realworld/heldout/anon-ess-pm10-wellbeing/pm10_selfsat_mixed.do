* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 13769330574 (a public GitHub .do file of a thesis article on regional air pollution and wellbeing in the European Social Survey round 6: an AirBase PM10 sheet read with import excel, firstrow, regional means with bysort egen and egen tag(), ESS6 with NUTS codes trimmed by substr(), merge m:1 region, recode ... gen (x) with a blank before the parenthesis, a wellbeing index, table ..., c(mean), three-level mixed ... || cntry: || region: with if after the random-effects equations and covariance(unstructured), b3.domicil##c.pm10, and margins without a comma before at(); the index does not name the repository)
* author: unknown (a student's thesis publication)
* licence: none stated
* data: PM10_2012.xlsx = pm10_stations_2012
* data: ESS6.dta = ess6_wellbeing_regions
clear
cd "C:\Users\x\project"
set more 	off
capture log close
global 	DATA "C:\Users\x\project\data"
log using  "C:\Users\x\project\dataprep.log", replace
import 	excel "$DATA\PM10_2012.xlsx", firstrow
tab AirPollutionLevel
bysort 	NUTS2: egen pm10_regmean = mean(AirPollutionLevel)
tab pm10_regmean
gen region = NUTS2 
egen		pickone=tag(region)
keep if 	pickone==1
keep Country region pm10_regmean 
save	"$DATA\PM10_2012.dta", replace
use 	"$DATA\ESS6.dta", clear
gen 	weight = pweight*dweight
replace region = substr(region, 1, length(region) - 1) if cntry ==  "AL" | cntry ==  "BG" | cntry == "IE" | cntry =="IS" |cntry =="SK" | cntry == "HU" | cntry == "LT" | cntry == "SI" | cntry == "CZ"  | cntry == "EE" | cntry =="FI" | cntry =="SE"
tab cntry
bysort 	region: egen counter=count(region)
tab region
keep if agea <=  80 | agea >= 18
drop if region == "-"
drop if region == ""
drop if cntry == "IL" | cntry == "RU" | cntry == "UA" | cntry == "XK"
merge	m:1 region using "$DATA\PM10_2012.dta"
gen pm10_regmean2 = pm10_regmean/1000
recode pstvms (5=1) (4=2) (3=3) (2=4) (1=5), gen (posrec)
recode accdng (5=1) (4=2) (3=3) (2=4) (1=5), gen (posacc)
recode dclvlf (5=1) (4=2) (3=3) (2=4) (1=5), gen (posdec)
recode dngval (5=1) (4=2) (3=3) (2=4) (1=5), gen (posval)
gen selfsat = 2*posrec + 2*posacc + 2*posdec + 2*posval + tmimdng + tmabdng + tmendng + tnapsur + happy + stflife
tab selfsat
table region if _m == 3, c(mean selfsat)
recode health (5=1) (4=2) (3=3) (2=4) (1=5), gen(poshealth)
label def poshealth_label 1 "1" 2 "2" 3 "3" 4 "4" 5 "5" 
lab val poshealth poshealth_label
gen agea2 = agea*agea
encode region, gen(cregion)
gen hinctnta2 = hinctnta
replace hinctnta2 = 11 if hinctnta == .a | hinctnta == .b | hinctnta == .c
save "DatasetArticle23", replace
reg selfsat b3.domicil i.gndr i.poshealth i.hinctnta2 agea agea2 c.pm10_regmean2
mixed selfsat  || cntry: || region: if counter >= 10, covariance(unstructured)
tab domicil, nola
mixed selfsat b3.domicil c.pm10_regmean2 i.gndr i.poshealth i.hinctnta agea agea2 || cntry: || region: if counter >= 10, covariance(unstructured)
mixed selfsat b3.domicil##c.pm10_regmean2 i.gndr i.poshealth i.hinctnta2 agea agea2 || cntry: || region:, covariance(unstructured)
tab hinctnta,nola missing
tab region pm10_regmean
table region, c(mean pm10_regmean)
corr pm10_regmean selfsat
table domicil, c(mean pm10_regmean)
margins domicil#pm10_regmean2 at(pm10_regmean2=(10 (5)  40 ))
log close
