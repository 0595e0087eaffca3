* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:aswasi/Ethiopia@0a9554752752b9881baa94d4bdce385b30f7920b Stata/02_hhchar_2012.do (USAID GeoCenter analysis of the Ethiopia LSMS-ISA 2012/2014 household panel: wave-1 roster merged 1:1 with the education module, usual members kept, head/spouse flags, tempvar household maxima, egen total() by(hid) counts in a loop over demographic groups, egen cut(), at() icodes, old-style table ..., c(min max), assert, recode ... if, adult equivalents, education levels with label define over /* */ continuations, ds(...), not, keep `r(varlist)', compress, save, drop of the tempvars, collapse (max) to the household, loops over varlist attaching value labels, clonevar)
* author: Tim Essam (per the file's header)
* licence: MIT (per the file's header)
* data: $wave1/sect1_hh_w1.dta = eth_lsms_roster_w1
* data: $wave1/sect2_hh_w1.dta = eth_lsms_education_w1
clear
capture log close
log using "$pathlog/02_hhchar_2012", replace
di in yellow "`c(current_date)' `c(current_time)'"
set more off
use "$wave1/sect1_hh_w1.dta"
merge 1:1 household_id individual_id using "$wave1/sect2_hh_w1.dta"
clonevar hid = household_id
clonevar pid = individual_id
g byte hhmemb = inlist(hh_s1q05, 0, 1, 2, 3, 4, 5, 6, .) == 1
la var hhmemb "Label"
keep if hhmemb == 1
g byte hoh = hh_s1q02 == 1
la var hoh "Label"
g byte spouse = hh_s1q02 == 2
la var spouse "Label"
g byte femhead = hh_s1q02 == 1 & hh_s1q03 == 2
la var femhead "Label"
g ageSpouse = hh_s1q04_a if spouse == 1
la var ageSpouse "Label"
g agehead = hh_s1q04_a if hoh == 1
g ageheadsq = agehead^2
la var agehead "Label"
la var ageheadsq "Label"
g byte marriedHoh = inlist(hh_s1q08, 2, 3) & hoh == 1
g byte marriedHohm = (hh_s1q08 == 2 & hoh == 1)
g byte marriedHohp = (hh_s1q08 == 3 & hoh == 1)
g byte nonmarriedHoh = (inlist(hh_s1q08, 4, 5, 6)==1) & hoh == 1
g byte widowFemhead = femhead == 1 & hh_s1q08 == 6
g byte nonmarriedFemhead = femhead == 1 & inlist(hh_s1q08, 4, 5)
la var marriedHoh "Label"
la var marriedHohm "Label"
la var marriedHohp "Label"
la var nonmarriedHoh "Label"
la var widowFemhead "Label"
la var nonmarriedFemhead "Label"
g religHoh = hh_s1q07 if hoh == 1
g religSpouse = hh_s1q07 if hh_s1q02 == 2
tempvar hohrelig sprelig
egen `hohrelig' = max(religHoh), by(hid)
egen `sprelig' = max(religSpouse), by(hid)
g byte mxdreligHH = `hohrelig' != `sprelig' & `hohrelig' != . & `sprelig' != .
la var religHoh "Label"
la var religSpouse "Label"
la var mxdreligHH "Label"
egen hhsize = total(hhmemb), by(hid)
la var hhsize "Label"
g byte male = hh_s1q03 == 1 
g byte female = hh_s1q03 == 2 
la var male "Label"
la var female "Label"
egen msize = total(male), by(hid)
la var msize "Label"
egen fsize = total(female), by(hid)
la var fsize "Label"
g gendMix = msize/fsize
la var gendMix "Label"
g byte und5tmp = (hh_s2q01!="X" & hh_s1q04_b!=.)
egen youthtmp = cut(hh_s1q04_a), at(0, 5, 10, 12, 15, 18, 25, 31, 36, 60, 65, 100) icodes
replace youthtmp = 0 if und5tmp
table youthtmp, c(min hh_s1q04_a max hh_s1q04_a)
table und5tmp youthtmp
egen youthtmp2 = cut(hh_s1q04_a), at(0, 10, 20, 100) icodes
replace youthtmp2 = 0 if und5tmp
g byte under5tmp = inlist(youthtmp, 0) 
g byte under15tmp = inlist(youthtmp, 0, 1, 2, 3) 
g byte under24tmp = inlist(youthtmp, 0, 1, 2, 3, 4, 5)
g byte youth15to24tmp = inlist(youthtmp, 4, 5) 
g byte youth18to30tmp = inlist(youthtmp, 5, 6)
g byte youth25to35tmp = inlist(youthtmp, 6, 7) 
g byte over35under65tmp = inlist(youthtmp, 8, 9)
g byte over64tmp = inlist(youthtmp, 10) 
local demo under5 under15 under24 youth15to24 youth18to30 youth25to35 over35under65 over64
foreach x of local demo {
	egen `x'  = total(`x'tmp), by(hid)
	egen `x'm = total(`x'tmp) if male == 1, by(hid)
	egen `x'f = total(`x'tmp) if female == 1, by(hid)
	replace `x' = 0 if `x' == .
	replace `x'm = 0 if `x'm == .
	replace `x'm = 0 if `x'm == .
	la var `x' "Label `x'"
	la var `x'm "Label `x'"
	la var `x'f "Label `x'"
}
g byte numDepRatio = inlist(youthtmp, 4, 5, 6, 7, 8, 9) != 1
g byte demonDepRatio = inlist(youthtmp, 4, 5, 6, 7, 8, 9) == 1
egen totNumDepRatio = total(numDepRatio), by(hid)
egen totDenomDepRatio = total(demonDepRatio), by(hid)
assert hhsize == totNumDepRatio+totDenomDepRatio if hhmemb==1
g depRatio = (totNumDepRatio/totDenomDepRatio)*100 if totDenomDepRatio!=.
la var depRatio "Label"
g byte hhLabort = inlist(youthtmp, 3, 4, 5, 6, 7, 8)==1
egen hhlabor = total(hhLabort), by(hid)
la var hhlabor "Label"
g byte mlabort = inlist(youthtmp, 3, 4, 5, 6, 7, 8)==1 & male == 1
egen mlabor = total(mlabort), by(hid)
la var mlabor "Label"
g byte flabort = inlist(youthtmp, 3, 4, 5, 6, 7, 8)==1 & female == 1
egen flabor = total(flabort), by(hid)
la var flabor "Label"
drop hhLabort mlabort flabort
g mlaborShare = mlabor/hhlabor
recode mlaborShare (. = 0) if hhlabor == 0
la var mlaborShare "Label"
g flaborShare = flabor/hhlabor
recode flaborShare (. = 0) if hhlabor == 0
la var flaborShare "Label"
g byte fem20_34tmp = (hh_s1q04_a>=20 &hh_s1q04_a<35) & (female == 1)
g byte fem35_59tmp = (hh_s1q04_a>=35 &hh_s1q04_a<60) & (female == 1)
egen femCount20_34 = total(fem20_34tmp), by(hid)
egen femCount35_59 = total(fem35_59tmp), by(hid)
g femRatio20_34 = femCount20_34/hhsize
g femRatio35_59 = femCount35_59/hhsize
la var femRatio20_34 "Label"
la var femRatio35_59 "Label"
la var femCount20_34 "Label"
la var femCount35_59 "Label"
g male10 	= 1
g fem10_19 	= 0.84
g fem20		= 0.72
g child10	= 0.60
g ae = .
replace ae = male10 if inlist(youthtmp2, 1, 2) == 1 & male == 1
replace ae = fem10_19 if inlist(youthtmp2, 1)==1 & female == 1
replace ae = fem20 if inlist(youthtmp2, 2) & female == 1 
replace ae = child10 if inlist(youthtmp2, 0)
la var ae "Label"
egen adultEquiv = total(ae), by(hid)
la var adultEquiv "Label"
drop male10 fem10_19 fem20 child10
g byte dadbioHoh = hh_s1q12 == 1 & hh_s1q13==1
g byte mombioSpouse = hh_s1q16 == 1 & hh_s1q17==2
g byte mombioHoh = hh_s1q16 == 1 & hh_s1q17==1
la var dadbioHoh "Label"
la var mombioSpouse "Label"
la var mombioHoh "Label"
tempvar hohloc spouseloc
g `hohloc' = hh_s1q11 if hoh == 1
g `spouseloc' = hh_s1q11 if spouse == 1
egen hohRegion = max(`hohloc'), by(hid)
egen spouseRegion = max(`spouseloc'), by(hid)
g byte mixedRegion = (hohRegion != spouseRegion) if marriedHoh==1 & hohRegion!=. & spouseRegion!=.
la var hohRegion "Label"
la var spouseRegion "Label"
la var mixedRegion "Label"
g byte literateHoh = hh_s2q02 == 1 & hoh == 1
g byte literateSpouse = hh_s2q02 == 1 & spouse == 1
la var literateHoh "Label"
la var literateSpouse "Label"
g educ = . 
la var educ "Label"
replace educ = 0 if (inlist(hh_s2q05, 98) |  hh_s2q03 == 2)
replace educ = 1 if inlist(hh_s2q05, 0)
replace educ = 2 if inlist(hh_s2q05, 1, 2, 3, 4, 93, 94, 96)
replace educ = 3 if inlist(hh_s2q05, 5, 6, 7, 8)
replace educ = 4 if inlist(hh_s2q05, 9, 10, 21, 22)
replace educ = 5 if inlist(hh_s2q05, 11, 12, 13, 23, 24, 25, 26, 27, 28, 29, 30)
replace educ = 6 if inlist(hh_s2q05, 14, 15, 16, 17, 18, 19, 31, 32, 33, 34)
lab def ed 0 "Label 0" 1 "Label 1" 2 "Label 2" 3 "Label 3" /*
*/ 4 "Label 4" 5 "Label 5" /*
*/ 6 "Label 6"
la values educ ed
g educHoh = educ if hoh == 1
g educSpouse = educ if spouse == 1
egen educAdult =  max(educ) if youthtmp > 4, by(hid)
egen educAdultM = max(educ) if youthtmp > 4  & male == 1, by(hid)
egen educAdultF = max(educ) if youthtmp > 4  & female == 1, by(hid)
local edlist educAdult educAdultM educAdultF educHoh educSpouse
foreach x of local edlist {
	la values `x' ed
	}
la var educAdult "Label"
la var educAdultM "Label"
la var educAdultF "Label"
la var educHoh "Label"
la var educSpouse "Label"
egen schoolFees = total(hh_s2q16), by(hid)
egen schoolSup = total(hh_s2q17), by(hid)
g schoolExp = schoolFees + schoolSup
la var schoolFees "Label"
la var schoolSup "Label"
la var schoolExp "Label"
drop *tmp
qui ds(hh_s* individual_id), not
keep `r(varlist)'
compress
save "$pathout/hhchar_ind_2012.dta", replace
drop pid youthtmp2 educ `hohloc' `spouseloc' `hohrelig' `sprelig' hhmemb ea_id
g year = 2012
la var year "Label"
qui include "$pathdo/copylabels.do"
qui ds(household_id hid), not
collapse (max) `r(varlist)', by(household_id) 
qui include "$pathdo/attachlabels.do"
local dgph gendMix under5f under15f under24f youth15to24f youth18to30f youth25to35f over35under65f over64f mixedRegion
foreach x of local dgph {
	replace `x' = 0 if `x' == .
	}
compress
foreach x of varlist educHoh educSpouse educAdult educAdultM educAdultF {
	la val `x' ed
	}
foreach x of varlist religHoh religSpouse {
	la val `x' HH_S1Q07
	}
clonevar educAdultM_cnsrd = educAdultM
clonevar educAdultF_cnsrd = educAdultF
replace educAdultM_cnsrd = 0 if educAdultM_cnsrd == .
replace educAdultF_cnsrd = 0 if educAdultF_cnsrd == .
sa "$pathout/hhchar_2012.dta", replace
